// The policy: nothing reaches the upstream without passing `authorize`, and what reaches it
// is what `authorize` returned, checked again.
import { describe, expect, it } from 'vitest';
import type { TokenRequest } from '../../src/core/TokenRequest';
import { createRoomTokenHandler, limitPermissions, type AuthorizeTokenRequest, type Permission } from '../../src/server';
import { API_KEY, allowAll, consoleLines, createBody, expectConnectError, guardTheKey, send, startHandler } from './support';

guardTheKey();

const ASKED = {
  user_id: 'someone-else',
  room_id: 'room-1',
  metadata: { mcuStream: 'true', note: 'let me broadcast' },
  permissions: ['PermissionChat', 'PermissionRoom'],
};

describe('given a policy that narrows the request', () => {
  // A viewer signed in as viewer-1 who may only mute in chat.
  const narrow: AuthorizeTokenRequest = (asked) => ({
    roomId: asked.roomId,
    userId: 'viewer-1',
    metadata: {},
    permissions: limitPermissions(asked.permissions, ['PermissionChatMute']),
  });

  it('sends the upstream what authorize returned, with the server key', async () => {
    const { url, fake } = await startHandler({ authorize: narrow });
    const answer = await send(url, { json: createBody(ASKED) });
    expect(answer.status).toBe(200);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(fake.calls[0]!.body).toEqual({
      arguments: [{ user_id: 'viewer-1', room_id: 'room-1', metadata: {}, permissions: ['PermissionChatMute'] }],
    });
    expect(fake.issued.map((issued) => issued.token)).toEqual((answer.body as { tokens: string[] }).tokens);
  });

  it('calls authorize once per argument, in order, with the incoming request and its headers', async () => {
    const seen: { userId: string; cookie: string | null; same: boolean }[] = [];
    const authorize: AuthorizeTokenRequest = async (asked, { headers, request }) => {
      seen.push({ userId: asked.userId, cookie: headers.get('cookie'), same: request?.headers === headers });
      return asked;
    };
    const { url, fake } = await startHandler({ authorize });
    const args = ['a', 'b', 'c'].map((id) => ({ user_id: id, room_id: 'room-1' }));
    await send(url, { json: createBody(...args), headers: { cookie: 'session=abc' } });
    expect(seen).toEqual(['a', 'b', 'c'].map((userId) => ({ userId, cookie: 'session=abc', same: true })));
    expect(fake.calls).toHaveLength(1);
    expect(fake.issued.map((issued) => issued.request.userId)).toEqual(['a', 'b', 'c']);
  });

  it('hands authorize the request as the caller asked, in camelCase', async () => {
    let received: TokenRequest | undefined;
    const { url } = await startHandler({ authorize: (asked) => ((received = asked), asked) });
    await send(url, { json: createBody(ASKED) });
    expect(received).toEqual({
      userId: 'someone-else',
      roomId: 'room-1',
      metadata: { mcuStream: 'true', note: 'let me broadcast' },
      permissions: ['PermissionChat', 'PermissionRoom'],
    });
  });
});

describe('given a policy that returns a value that changes as it is read', () => {
  it('copies it once and sends the copy it checked: a Proxy cannot pass the check with one permission and send another', async () => {
    let reads = 0;
    // Index reads say "mute" the first time and "the whole room" after: the check reads once,
    // a copy made after the check would read again.
    const shifty = new Proxy(['PermissionChatMute'], {
      get: (target, key, receiver) => (key === '0' ? (reads++ === 0 ? 'PermissionChatMute' : 'PermissionRoom') : Reflect.get(target, key, receiver)),
    });
    const { url, fake } = await startHandler({ authorize: (asked) => ({ roomId: asked.roomId, userId: 'viewer-1', permissions: shifty as Permission[] }) });

    const answer = await send(url, { json: createBody(ASKED) });

    expect(answer.status).toBe(200);
    expect(reads).toBe(1);
    expect(fake.calls.map((call) => call.body)).toEqual([
      createBody({ user_id: 'viewer-1', room_id: 'room-1', metadata: {}, permissions: ['PermissionChatMute'] }),
    ]);
  });

  it('reads a getter once: a user id that changes after the check is not the one sent', async () => {
    let reads = 0;
    const decided = {
      roomId: 'room-1',
      get userId() {
        return reads++ === 0 ? 'viewer-1' : 'admin';
      },
    };
    const { url, fake } = await startHandler({ authorize: () => decided });

    await send(url, { json: createBody(ASKED) });

    expect(fake.issued.map((issued) => issued.request.userId)).toEqual(['viewer-1']);
  });
});

describe('given a policy that denies', () => {
  it('answers 403 permission_denied and makes no upstream call', async () => {
    const { url, fake } = await startHandler({ authorize: () => false });
    const answer = await send(url, { json: createBody(ASKED) });
    expectConnectError(answer, 403, 'permission_denied');
    expect(fake.calls).toHaveLength(0);
  });

  it('denies the whole call when one argument of three is denied, and stops asking', async () => {
    let asked = 0;
    const authorize: AuthorizeTokenRequest = async (request) => {
      asked += 1;
      return request.userId === 'b' ? false : request;
    };
    const { url, fake } = await startHandler({ authorize });
    const args = ['a', 'b', 'c'].map((id) => ({ user_id: id, room_id: 'room-1' }));
    const { message } = expectConnectError(await send(url, { json: createBody(...args) }), 403, 'permission_denied');
    expect(message).toBe('arguments[1] is not allowed');
    expect(asked).toBe(2);
    expect(fake.calls).toHaveLength(0);
  });
});

describe('given a faulty policy', () => {
  it('answers 500 internal with a generic message when authorize throws, and logs why without the key', async () => {
    const authorize: AuthorizeTokenRequest = () => {
      throw new Error(`session store refused the connection (key ${API_KEY})`);
    };
    const { url, fake } = await startHandler({ authorize });
    const answer = await send(url, { json: createBody(ASKED) });
    const { message } = expectConnectError(answer, 500, 'internal');
    expect(message).toBe('the server could not issue a token');
    expect(answer.text).not.toContain('session store');
    expect(fake.calls).toHaveLength(0);
    expect(consoleLines()).toEqual([
      {
        method: 'error',
        text: 'react-room-token/server: authorize threw for arguments[0]: Error: session store refused the connection (key [redacted])',
      },
    ]);
  });

  it('answers 500 internal when authorize rejects its promise', async () => {
    const { url, fake } = await startHandler({ authorize: async () => Promise.reject(new TypeError('db is down')) });
    expectConnectError(await send(url, { json: createBody(ASKED) }), 500, 'internal');
    expect(fake.calls).toHaveLength(0);
    expect(consoleLines()[0]!.text).toContain('authorize threw for arguments[0]: TypeError: db is down');
  });

  const invalid: [string, unknown][] = [
    ['nothing (a forgotten return)', undefined],
    ['true', true],
    ['an empty user id', { roomId: 'room-1', userId: '' }],
    ['a wrongly cased permission', { roomId: 'room-1', userId: 'u', permissions: ['permissionchat'] }],
    ['a boolean mcuStream', { roomId: 'room-1', userId: 'u', metadata: { mcuStream: true } }],
    ['a field the upstream does not know', { roomId: 'room-1', userId: 'u', role: 'admin' }],
    ['wire (snake_case) names', { room_id: 'room-1', user_id: 'u' }],
  ];

  it.each(invalid)('answers 500 internal when authorize returns %s, and sends nothing', async (_name, value) => {
    const { url, fake } = await startHandler({ authorize: (() => value) as unknown as AuthorizeTokenRequest });
    const answer = await send(url, { json: createBody(ASKED) });
    expectConnectError(answer, 500, 'internal');
    expect(fake.calls).toHaveLength(0);
    const lines = consoleLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text).toContain('authorize returned an invalid token request for arguments[0]');
  });
});

describe('building a handler', () => {
  it('throws without authorize, naming it, and without echoing the key', () => {
    let thrown: unknown;
    try {
      createRoomTokenHandler({ apiKey: API_KEY } as Parameters<typeof createRoomTokenHandler>[0]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect((thrown as TypeError).message).toMatch(/`authorize` is required/);
    expect((thrown as TypeError).message).not.toContain(API_KEY);
  });

  it('throws when the options are missing altogether', () => {
    expect(() => (createRoomTokenHandler as (options?: unknown) => unknown)()).toThrow(/`apiKey` and `authorize`/);
  });

  it.each([
    ['maxBodyBytes', { maxBodyBytes: 0 }],
    ['maxBodyBytes', { maxBodyBytes: 1.5 }],
    ['maxArguments', { maxArguments: -1 }],
    ['timeoutMs', { timeoutMs: 0 }],
    ['timeoutMs', { timeoutMs: Infinity }],
    ['baseUrl', { baseUrl: 'room.dev.zu.casa' }],
    ['baseUrl', { baseUrl: 'ftp://room.dev.zu.casa' }],
  ])('throws for an unusable %s', (name, extra) => {
    expect(() => createRoomTokenHandler({ apiKey: API_KEY, authorize: allowAll, ...extra })).toThrow(name);
  });
});
