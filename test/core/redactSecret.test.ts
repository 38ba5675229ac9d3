// Issue 12, item 4: the key is cut out of a text before the text is cut short, in each form
// it takes there (as is, JSON-escaped, URL-encoded); a very short key leaves messages readable;
// no key of 8 characters or more ever survives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip, redactSecret } from '../../src/core/redactSecret';
import { quote } from '../../src/core/TokenRequest';

describe('redactSecret', () => {
  const key = 'sk-live-"quoted"/slash+plus=';

  it('cuts the key out as is, JSON-escaped and URL-encoded', () => {
    const text = `raw ${key} json ${JSON.stringify(key)} url ?k=${encodeURIComponent(key)} end`;

    expect(redactSecret(text, key)).toBe('raw [redacted] json "[redacted]" url ?k=[redacted] end');
  });

  it('leaves a text without the key, or with no key given, as it is', () => {
    expect(redactSecret('the token service answered', key)).toBe('the token service answered');
    expect(redactSecret('anything', undefined)).toBe('anything');
    expect(redactSecret('anything', '')).toBe('anything');
  });

  it('keeps messages readable with a one-letter key: only where it stands alone', () => {
    expect(redactSecret('the token service rejected key k (Bearer k)', 'k')).toBe(
      'the token service rejected key [redacted] (Bearer [redacted])',
    );
  });

  it('takes a key that has no URL-encoded form (a lone surrogate, from a broken environment)', () => {
    const broken = 'sk-\ud800-broken-key';

    expect(redactSecret(`key ${broken} and ${JSON.stringify(broken)}`, broken)).toBe('key [redacted] and "[redacted]"');
  });

  it('cuts a short key inside words no more, and a key of 8 or more everywhere', () => {
    expect(redactSecret('a1b2c3d-in-a-word', 'a1b2c3d')).toBe('a1b2c3d-in-a-word');
    expect(redactSecret('xa1b2c3d4x', 'a1b2c3d4')).toBe('x[redacted]x');
  });

  it('never leaves a key of 8 or more characters in any form, whatever surrounds it (1,000 runs)', () => {
    // Any code points, and any UTF-16 units (lone surrogates included).
    const keyLike = fc.oneof(
      fc.string({ minLength: 8, maxLength: 40, unit: 'binary' }),
      fc.string({ minLength: 8, maxLength: 40, unit: fc.nat(0xffff).map((n) => String.fromCharCode(n)) }),
    );
    const urlEncoded = (k: string) => {
      try {
        return encodeURIComponent(k);
      } catch {
        return k;
      }
    };
    const forms = (k: string) => [k, JSON.stringify(k).slice(1, -1), urlEncoded(k)];
    fc.assert(
      fc.property(keyLike, fc.array(fc.tuple(fc.string({ unit: 'binary' }), fc.nat(2)), { maxLength: 6 }), (secret, parts) => {
        const text = parts.map(([around, form]) => around + forms(secret)[form]).join('');
        const redacted = redactSecret(text, secret);
        for (const form of forms(secret)) expect(redacted).not.toContain(form);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('cutting after redacting', () => {
  const key = 'rrt-server-key-Q7ZcX2pL9vW4-and-more';

  it('quote() cuts the key out before it cuts the text to 60 characters', () => {
    // The case of the issue: cut first, 31 of 33 characters of the key were left.
    const value = { roomId: 'room-1', userId: 'user', note: `see ${key}` };

    const quoted = quote(value, key);

    expect(quoted.length).toBeLessThanOrEqual(60);
    for (let i = 0; i + 8 <= key.length; i++) expect(quoted).not.toContain(key.slice(i, i + 8));
  });

  it('clip keeps short texts and marks a cut', () => {
    expect(clip('short', 10)).toBe('short');
    expect(clip('0123456789abc', 10)).toBe('0123456...');
  });
});
