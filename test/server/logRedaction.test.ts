// Issue 12, item 4: no log line shows the key, not even most of it. The key is cut out first
// (as is, JSON-escaped, URL-encoded), the line is cut short after; a very short key leaves the
// line readable; a line is always one line.
import { describe, expect, it } from 'vitest';
import type { AuthorizeTokenRequest } from '../../src/server';
import { API_KEY, consoleLines, createBody, expectConnectError, guardTheKey, send, startHandler } from './support';

guardTheKey();

const BODY = createBody({ user_id: 'user-1', room_id: 'room-1' });

/** Every run of 8 characters of the key: none may show in a line. */
const windows = (key: string) => Array.from({ length: key.length - 7 }, (_, i) => key.slice(i, i + 8));

describe('given a policy whose faults quote the key', () => {
  it('an invalid request holding the key late in its text: the key is cut before the line is, so none of it shows', async () => {
    // The case: cut to 57 characters first, 31 of the 33 characters of the key were printed.
    const authorize = (() => ({ roomId: 'room-1', userId: 'user-1', metadata: { note: { text: `${'n'.repeat(30)} ${API_KEY}` } } })) as unknown as AuthorizeTokenRequest;
    const { url } = await startHandler({ authorize });

    expectConnectError(await send(url, { json: BODY }), 500, 'internal');

    const [line] = consoleLines();
    expect(line!.text).toBe(
      'react-room-token/server: authorize returned an invalid token request for arguments[0]: RoomTokenError: ' +
        `the request authorize returned.metadata.note must be a string, got {"text":"${'n'.repeat(30)} [redacted]"}`,
    );
    for (const window of windows(API_KEY)) expect(line!.text).not.toContain(window);
  });

  it.each([
    ['as is', API_KEY],
    ['JSON-escaped', JSON.stringify({ key: API_KEY })],
    ['URL-encoded', `https://vault.test/?key=${encodeURIComponent(API_KEY)}`],
  ])('a thrown message holding the key %s', async (_name, text) => {
    const { url } = await startHandler({
      authorize: () => {
        throw new Error(`lookup failed: ${text}`);
      },
    });

    await send(url, { json: BODY });

    const [line] = consoleLines();
    expect(line!.text).toContain('[redacted]');
    for (const window of windows(API_KEY)) expect(line!.text).not.toContain(window);
  });

  it('a key with characters JSON and URLs escape is cut in each form', async () => {
    const key = 'sk-"odd"/key+with=chars';
    const { url } = await startHandler(
      {
        apiKey: key,
        authorize: () => {
          throw new Error(`${key} | ${JSON.stringify(key)} | ${encodeURIComponent(key)}`);
        },
      },
      { apiKey: key },
    );

    await send(url, { json: BODY });

    expect(consoleLines().map((line) => line.text)).toEqual([
      'react-room-token/server: authorize threw for arguments[0]: Error: [redacted] | "[redacted]" | [redacted]',
    ]);
  });

  it('a one-letter key leaves the line readable', async () => {
    const { url } = await startHandler(
      {
        apiKey: 'k',
        authorize: () => {
          throw new Error('the token store broke, key k rejected');
        },
      },
      { apiKey: 'k' },
    );

    await send(url, { json: BODY });

    expect(consoleLines().map((line) => line.text)).toEqual([
      'react-room-token/server: authorize threw for arguments[0]: Error: the token store broke, key [redacted] rejected',
    ]);
  });

  it('a thrown message of many lines and a megabyte is one line of at most 1000 characters', async () => {
    const { url } = await startHandler({
      authorize: () => {
        throw new Error(`first\nreact-room-token/server: a forged second line\r\n${'x'.repeat(1024 * 1024)}${API_KEY}`);
      },
    });

    await send(url, { json: BODY });

    const lines = consoleLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text).not.toMatch(/[\r\n]/);
    expect(lines[0]!.text.length).toBeLessThanOrEqual(1000);
    expect(lines[0]!.text).toContain('first react-room-token/server: a forged second line ');
  });
});
