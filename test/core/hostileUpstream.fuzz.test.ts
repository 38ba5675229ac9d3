// Issue 12, "fuzzing the other direction": whatever an upstream answers — any status, headers,
// encoding, a truncated, huge, endless or trickling body, a decompression bomb, the key echoed
// back — the core client resolves only one non-empty token per request (none holding the key)
// or rejects with a RoomTokenError that shows no key; it settles within `timeoutMs` plus a
// margin; and memory stays bounded. 1,000 runs over loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoomTokenError, createRoomMemberTokens } from '../../src/core';
import { everythingShownBy } from '../helpers/fakeServer';
import { HOSTILE_KEY, KEY_FORMS, checkHostileAnswers, startHostileUpstream } from '../helpers/hostileUpstream';

const TIMEOUT_MS = 200;
const MAX_RESPONSE_BYTES = 256 * 1024;

let upstream: Awaited<ReturnType<typeof startHostileUpstream>>;
beforeAll(async () => {
  upstream = await startHostileUpstream();
});
afterAll(() => upstream.close());

describe('given hostile upstream answers', () => {
  it('the core client resolves only good tokens, or rejects with a RoomTokenError showing no key, in time, in bounded memory (1,000 runs)', async () => {
    const tally = await checkHostileAnswers('the core client', { runs: 1000, timeoutMs: TIMEOUT_MS }, async (answer) => {
      upstream.next(answer);
      const requests = Array.from({ length: answer.count }, (_, i) => ({ roomId: `room-${i}`, userId: 'user-1' }));
      const outcome = await createRoomMemberTokens(requests, {
        baseUrl: upstream.url,
        apiKey: HOSTILE_KEY,
        timeoutMs: TIMEOUT_MS,
        maxResponseBytes: MAX_RESPONSE_BYTES,
      }).then(
        (tokens) => ({ tokens }),
        (error: unknown) => ({ error }),
      );
      if ('tokens' in outcome) {
        expect(outcome.tokens).toHaveLength(answer.count);
        // Nothing resolved that was not read within the limit.
        expect(JSON.stringify({ tokens: outcome.tokens }).length).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
        for (const token of outcome.tokens) {
          expect(typeof token).toBe('string');
          expect(token).not.toBe('');
          for (const form of KEY_FORMS) expect(token).not.toContain(form);
        }
        return 'tokens';
      }
      expect(outcome.error).toBeInstanceOf(RoomTokenError);
      const shown = everythingShownBy(outcome.error);
      for (const form of KEY_FORMS) expect(shown).not.toContain(form);
      return (outcome.error as RoomTokenError).code;
    });
    // Reached often enough for the properties to mean something.
    expect(tally.get('tokens')).toBeGreaterThan(30);
    expect(tally.get('internal')).toBeGreaterThan(100);
  }, 600_000);
});
