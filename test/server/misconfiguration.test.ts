// Issue 12, item 3, and issue 10, item 5: the server's own set-up is never the caller's fault.
// A missing key (as `next build` loads a route without secrets) or one that cannot be a header
// value does not throw when the handler is built; each request made meanwhile gets 500
// `internal` and exactly one console line naming `apiKey`, and nothing goes upstream.
import { describe, expect, it } from 'vitest';
import { createRoomTokenHandler, RoomTokenError } from '../../src/server';
import { API_KEY, allowAll, consoleLines, createBody, expectConnectError, guardTheKey, send, startHandler } from './support';

guardTheKey();

const BODY = createBody({ user_id: 'user-1', room_id: 'room-1' });

describe('given a handler built while the key is missing', () => {
  it.each([
    ['undefined (the env variable is unset)', undefined],
    ['empty', ''],
    ['blank', '  \n'],
  ])('building with an apiKey that is %s does not throw', (_name, apiKey) => {
    expect(() => createRoomTokenHandler({ apiKey, authorize: allowAll })).not.toThrow();
  });

  it('answers every request 500 internal with one console line naming apiKey, and calls no upstream', async () => {
    const { url, fake } = await startHandler({ apiKey: undefined });

    const first = await send(url, { json: BODY });
    const firstLines = consoleLines();
    const second = await send(url, { json: BODY });

    const { message } = expectConnectError(first, 500, 'internal');
    expect(message).toBe('the server could not issue a token');
    expectConnectError(second, 500, 'internal');
    expect(firstLines).toEqual([
      {
        method: 'error',
        text: "react-room-token/server: `apiKey` is missing: set it from the server's environment (the upstream API key)",
      },
    ]);
    expect(consoleLines()).toHaveLength(2);
    expect(fake.calls).toHaveLength(0);
  });

  it('still answers what the caller got wrong as the caller\'s fault first', async () => {
    const { url } = await startHandler({ apiKey: undefined });

    expectConnectError(await send(url, { body: '{', headers: { 'content-type': 'application/json' } }), 400, 'invalid_argument');
    expect(consoleLines()).toEqual([]);
  });

  it('rejects a mint the same way: internal, one console line', async () => {
    const handler = createRoomTokenHandler({ apiKey: undefined, authorize: allowAll });

    const error = await handler.mint({ roomId: 'room-1', userId: 'user-1' }, { headers: new Headers() }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RoomTokenError);
    expect(error).toMatchObject({ code: 'internal', status: 500 });
    expect(consoleLines().map((line) => line.text)).toEqual([
      "react-room-token/server: `apiKey` is missing: set it from the server's environment (the upstream API key)",
    ]);
  });

  it('still requires authorize when it is built: a policy cannot be missing at run time', () => {
    expect(() => createRoomTokenHandler({ apiKey: undefined } as unknown as Parameters<typeof createRoomTokenHandler>[0])).toThrow(
      /`authorize` is required/,
    );
  });
});

describe('given a key that cannot be sent as a header value', () => {
  it.each([
    ['a line break inside', `${API_KEY}\nX-Injected: yes`],
    ['a carriage return inside', `${API_KEY.slice(0, 10)}\r${API_KEY.slice(10)}`],
    ['a NUL inside', `${API_KEY}\0`],
    ['a character outside Latin-1', `${API_KEY}€`],
  ])('%s: 500 internal (never 400), one console line naming apiKey, without the key', async (_name, apiKey) => {
    const { url, fake } = await startHandler({ apiKey });

    const answer = await send(url, { json: BODY });

    expectConnectError(answer, 500, 'internal');
    expect(answer.text).not.toContain('invalid');
    const lines = consoleLines();
    expect(lines.map((line) => line.text)).toEqual([
      'react-room-token/server: `apiKey` cannot be sent as an HTTP header value (a line break, or a character outside Latin-1, in it?)',
    ]);
    expect(lines[0]!.text).not.toContain(API_KEY.slice(0, 8));
    expect(fake.calls).toHaveLength(0);
  });
});
