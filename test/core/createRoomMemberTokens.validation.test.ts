import { describe, expect, it } from 'vitest';
import { createRoomMemberTokens, type TokenRequest } from '../../src/core';
import { validateTokenRequest } from '../../src/core/TokenRequest';
import { TEST_KEY, rejection, startFake } from '../helpers/fakeServer';

// Each case is input a type checker would catch, sent anyway (as plain JavaScript would).
const bad = (value: unknown) => value as TokenRequest;

describe('bad input fails with invalid_argument before anything is sent', () => {
  it.each([
    ['an unknown permission', bad({ roomId: 'r1', userId: 'u1', permissions: ['PermissionDance'] }), /"PermissionDance" is not a known permission/],
    ['an empty roomId', bad({ roomId: '', userId: 'u1' }), /roomId must not be empty/],
    ['a white-space userId', bad({ roomId: 'r1', userId: ' \t ' }), /userId must not be empty/],
    ['a numeric userId', bad({ roomId: 'r1', userId: 42 }), /userId must be a string/],
    ['a missing roomId', bad({ userId: 'u1' }), /roomId must be a string/],
    ['a boolean metadata value', bad({ roomId: 'r1', userId: 'u1', metadata: { mcuStream: true } }), /metadata\.mcuStream must be a string.*use "true"/],
    ['a numeric metadata value', bad({ roomId: 'r1', userId: 'u1', metadata: { seat: 3 } }), /metadata\.seat must be a string/],
    ['metadata that is not an object', bad({ roomId: 'r1', userId: 'u1', metadata: 'mcuStream=true' }), /metadata must be an object/],
    ['permissions that are not a list', bad({ roomId: 'r1', userId: 'u1', permissions: 'PermissionChat' }), /permissions must be an array/],
    ['an unknown field', bad({ roomId: 'r1', userId: 'u1', role: 'host' }), /request\.role is not a known field/],
    ['a snake_case field', bad({ roomId: 'r1', userId: 'u1', room_id: 'r1' }), /request\.room_id is not a known field/],
    ['a request that is not an object', bad('r1/u1'), /request must be an object/],
  ])('rejects %s', async (_name, request, message) => {
    const { fake, url } = await startFake();

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY }));

    expect(error.code).toBe('invalid_argument');
    expect(error.message).toMatch(message);
    expect(error.status).toBeUndefined();
    expect(error.retryable).toBe(false);
    expect(fake.calls).toHaveLength(0);
  });

  it('rejects a wrongly cased permission and suggests the right case', async () => {
    const { fake, url } = await startFake();

    const error = await rejection(
      createRoomMemberTokens([bad({ roomId: 'r1', userId: 'u1', permissions: ['PermissionChatSlowmodeBypass'] })], {
        baseUrl: url,
        apiKey: TEST_KEY,
      }),
    );

    expect(error.code).toBe('invalid_argument');
    expect(error.message).toContain('did you mean "permissionChatSlowmodeBypass"?');
    expect(fake.calls).toHaveLength(0);
  });

  it('rejects an empty list of requests', async () => {
    const { fake, url } = await startFake();

    const error = await rejection(createRoomMemberTokens([], { baseUrl: url, apiKey: TEST_KEY }));

    expect(error.code).toBe('invalid_argument');
    expect(fake.calls).toHaveLength(0);
  });

  it('names the failing request by its position when several are sent, and sends none of them', async () => {
    const { fake, url } = await startFake();

    const error = await rejection(
      createRoomMemberTokens([{ roomId: 'r1', userId: 'u1' }, bad({ roomId: 'r2', userId: '' })], {
        baseUrl: url,
        apiKey: TEST_KEY,
      }),
    );

    expect(error.message).toMatch(/requests\[1\]\.userId must not be empty/);
    expect(fake.calls).toHaveLength(0);
  });

  it('accepts a field that is present but undefined, and does not send it', async () => {
    const { fake, url } = await startFake();

    await createRoomMemberTokens([bad({ roomId: 'r1', userId: 'u1', role: undefined })], { baseUrl: url, apiKey: TEST_KEY });

    expect(fake.calls[0]?.body).toStrictEqual({
      arguments: [{ user_id: 'u1', room_id: 'r1', metadata: {}, permissions: [] }],
    });
  });
});

describe('bad options fail with invalid_argument before anything is sent', () => {
  it.each([
    ['a relative url where there is no page to resolve it', { url: '/api/room-token' }, /is not a URL here/],
    ['a zero timeout', { timeoutMs: 0 }, /timeoutMs must be a number of ms above 0/],
    ['a negative timeout', { timeoutMs: -5 }, /timeoutMs must be a number of ms above 0/],
    ['a NaN timeout', { timeoutMs: Number.NaN }, /timeoutMs must be a number of ms above 0/],
  ])('rejects %s', async (_name, options, message) => {
    const { fake, url } = await startFake();

    const error = await rejection(
      createRoomMemberTokens([{ roomId: 'r1', userId: 'u1' }], { baseUrl: 'url' in options ? undefined : url, apiKey: TEST_KEY, ...options }),
    );

    expect(error.code).toBe('invalid_argument');
    expect(error.message).toMatch(message);
    expect(fake.calls).toHaveLength(0);
  });
});

describe('metadata keys are sent as given', () => {
  it('keeps a "__proto__" key instead of dropping it silently', async () => {
    const { fake, url } = await startFake();
    const metadata = JSON.parse('{"__proto__":"odd but valid","mcuStream":"true"}') as Record<string, string>;

    await createRoomMemberTokens([{ roomId: 'r1', userId: 'u1', metadata }], { baseUrl: url, apiKey: TEST_KEY });

    const sent = (fake.calls[0]!.body as { arguments: { metadata: Record<string, string> }[] }).arguments[0]!.metadata;
    expect(Object.keys(sent)).toEqual(['__proto__', 'mcuStream']);
  });

  it('keeps keys that Object.prototype also has, and numeric keys, as given', async () => {
    const { fake, url } = await startFake();
    const metadata = { toString: 'a', constructor: 'b', hasOwnProperty: 'c', '7': 'd', mcuStream: 'true' };

    await createRoomMemberTokens([{ roomId: 'r1', userId: 'u1', metadata }], { baseUrl: url, apiKey: TEST_KEY });

    const sent = (fake.calls[0]!.body as { arguments: { metadata: Record<string, string> }[] }).arguments[0]!.metadata;
    expect(sent).toEqual(metadata);
    expect(Object.keys(sent)).toEqual(['7', 'toString', 'constructor', 'hasOwnProperty', 'mcuStream']);
  });
});

describe('the copy of a request that validation returns', () => {
  it('holds metadata keys that Object.prototype has as its own data, with no setter run', () => {
    const metadata = JSON.parse('{"__proto__":"p","toString":"t","mcuStream":"true"}') as Record<string, string>;

    const copy = validateTokenRequest({ roomId: 'r1', userId: 'u1', metadata }).metadata!;

    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')).toEqual({ value: 'p', enumerable: true, writable: true, configurable: true });
    expect(Object.getOwnPropertyDescriptor(copy, 'toString')).toEqual({ value: 't', enumerable: true, writable: true, configurable: true });
    expect(Object.keys(copy)).toEqual(['__proto__', 'toString', 'mcuStream']);
  });
});

describe('edge cases of otherwise valid-looking input', () => {
  it('rejects a sparse permissions array instead of sending nulls', async () => {
    const { fake, url } = await startFake();

    const error = await rejection(createRoomMemberTokens([bad({ roomId: 'r1', userId: 'u1', permissions: new Array(2) })], { baseUrl: url, apiKey: TEST_KEY }));

    expect(error.code).toBe('invalid_argument');
    expect(error.message).toMatch(/permissions\[0\] undefined is not a known permission/);
    expect(fake.calls).toHaveLength(0);
  });

  it('treats an undefined metadata value as absent, as for fields', async () => {
    const { fake, url } = await startFake();

    await createRoomMemberTokens([{ roomId: 'r1', userId: 'u1', metadata: { note: 'x', mcuStream: undefined as unknown as string } }], {
      baseUrl: url,
      apiKey: TEST_KEY,
    });

    expect((fake.calls[0]!.body as { arguments: { metadata: unknown }[] }).arguments[0]!.metadata).toEqual({ note: 'x' });
  });

  it('refuses an API key that cannot be a header value, without quoting it', async () => {
    const { fake, url } = await startFake();
    const key = 'sk-live-abc\nSECRETPART';

    const error = await rejection(createRoomMemberTokens([{ roomId: 'r1', userId: 'u1' }], { baseUrl: url, apiKey: key }));

    expect(error.code).toBe('invalid_argument');
    expect(`${error.message} ${String(error.stack)} ${String(error.cause)}`).not.toContain('SECRETPART');
    expect(fake.calls).toHaveLength(0);
  });
});
