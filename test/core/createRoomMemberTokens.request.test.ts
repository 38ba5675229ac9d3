import { describe, expect, it } from 'vitest';
import { CREATE_PATH, createRoomMemberTokens, type TokenRequest } from '../../src/core';
import { TEST_KEY, rejection, startFake } from '../helpers/fakeServer';

const broadcaster: TokenRequest = {
  roomId: 'c2ed3890-716d-4380-a597-d860ecacada0',
  userId: '8ae5a0b9-9206-44ca-950b-5a0b51f82d4e',
  metadata: { note: 'temporary moderator', mcuStream: 'true' },
  permissions: ['PermissionRoom', 'permissionChatSlowmodeBypass'],
};

describe('createRoomMemberTokens sends exactly the documented Create call', () => {
  it('posts JSON to CREATE_PATH with the Bearer key and resolves the token', async () => {
    const { fake, url } = await startFake();

    const tokens = await createRoomMemberTokens([broadcaster], { baseUrl: url, apiKey: TEST_KEY });

    expect(fake.calls).toHaveLength(1);
    const [call] = fake.calls;
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe(CREATE_PATH);
    expect(call?.headers['content-type']).toBe('application/json');
    expect(call?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(tokens).toEqual([fake.issued[0]?.token]);
  });

  it('sends the snake_case body with user_id, room_id, metadata, permissions and nothing else', async () => {
    const { fake, url } = await startFake();

    await createRoomMemberTokens([broadcaster], { baseUrl: url, apiKey: TEST_KEY });

    expect(fake.calls[0]?.body).toStrictEqual({
      arguments: [
        {
          user_id: '8ae5a0b9-9206-44ca-950b-5a0b51f82d4e',
          room_id: 'c2ed3890-716d-4380-a597-d860ecacada0',
          metadata: { note: 'temporary moderator', mcuStream: 'true' },
          permissions: ['PermissionRoom', 'permissionChatSlowmodeBypass'],
        },
      ],
    });
  });

  it('sends empty metadata and permissions when a request names neither', async () => {
    const { fake, url } = await startFake();

    await createRoomMemberTokens([{ roomId: 'r1', userId: 'u1' }], { baseUrl: url, apiKey: TEST_KEY });

    expect(fake.calls[0]?.body).toStrictEqual({
      arguments: [{ user_id: 'u1', room_id: 'r1', metadata: {}, permissions: [] }],
    });
  });

  it('sends nothing to the upstream without an apiKey (issue 19, item 10): invalid_argument naming apiKey', async () => {
    const { fake, url } = await startFake();

    const error = await rejection(createRoomMemberTokens([broadcaster], { baseUrl: url }));

    expect(error.code).toBe('invalid_argument');
    expect(error.message).toContain('`apiKey`');
    expect(fake.calls).toHaveLength(0);
  });

  it('adds the caller’s extra headers but keeps its own content type', async () => {
    const { fake, url } = await startFake();

    await createRoomMemberTokens([broadcaster], {
      baseUrl: url,
      apiKey: TEST_KEY,
      headers: { 'x-session': 'abc', 'content-type': 'text/plain' },
    });

    expect(fake.calls[0]?.headers['x-session']).toBe('abc');
    expect(fake.calls[0]?.headers['content-type']).toBe('application/json');
  });
});

describe('where the call goes', () => {
  it('posts to `url` as is, without appending CREATE_PATH', async () => {
    const { fake, url } = await startFake();

    const error = await rejection(
      createRoomMemberTokens([broadcaster], { url: `${url}/custom/path?tenant=7`, apiKey: TEST_KEY }),
    );

    expect(fake.calls.map((c) => c.path)).toEqual(['/custom/path']);
    // The fake knows only CREATE_PATH, so another path is a method it does not implement.
    expect(error.code).toBe('unimplemented');
    expect(error.status).toBe(404);
  });

  it('posts to a `url` that is the full Create URL and resolves its token', async () => {
    const { fake, url } = await startFake();

    const tokens = await createRoomMemberTokens([broadcaster], { url: `${url}${CREATE_PATH}`, apiKey: TEST_KEY });

    expect(fake.calls.map((c) => c.path)).toEqual([CREATE_PATH]);
    expect(tokens).toHaveLength(1);
  });

  it.each([
    ['without a trailing slash', ''],
    ['with a trailing slash', '/'],
  ])('appends CREATE_PATH to `baseUrl` %s', async (_name, suffix) => {
    const { fake, url } = await startFake();

    await createRoomMemberTokens([broadcaster], { baseUrl: `${url}${suffix}`, apiKey: TEST_KEY });

    expect(fake.calls.map((c) => c.path)).toEqual([CREATE_PATH]);
  });

  it('refuses `url` and `baseUrl` together, sending nothing', async () => {
    const { fake, url } = await startFake();

    const error = await rejection(
      createRoomMemberTokens([broadcaster], { url: `${url}${CREATE_PATH}`, baseUrl: url, apiKey: TEST_KEY }),
    );

    expect(error.code).toBe('invalid_argument');
    expect(fake.calls).toHaveLength(0);
  });
});

describe('several requests in one call', () => {
  it('sends them in one request and resolves their tokens in request order', async () => {
    const { fake, url } = await startFake();
    const requests: TokenRequest[] = [
      { roomId: 'room-a', userId: 'alice', permissions: ['PermissionChat'] },
      { roomId: 'room-b', userId: 'bob', metadata: { mcuStream: 'true' } },
      { roomId: 'room-c', userId: 'carol', permissions: ['PermissionRoomKick'] },
    ];

    const tokens = await createRoomMemberTokens(requests, { baseUrl: url, apiKey: TEST_KEY });

    expect(fake.calls).toHaveLength(1);
    expect(fake.issued.map((i) => i.request.userId)).toEqual(['alice', 'bob', 'carol']);
    expect(tokens).toEqual(fake.issued.map((i) => i.token));
    expect(new Set(tokens).size).toBe(3);
  });

  it('gives each of several calls its own fresh token', async () => {
    const { fake, url } = await startFake();
    const request: TokenRequest = { roomId: 'r1', userId: 'u1' };

    const first = await createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY });
    const second = await createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY });

    expect(fake.calls).toHaveLength(2);
    expect([...first, ...second]).toEqual(fake.issued.map((i) => i.token));
    expect(first[0]).not.toBe(second[0]);
  });
});
