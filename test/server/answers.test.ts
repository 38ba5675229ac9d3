// The answers table of design.md, section Server, row by row, over loopback HTTP against
// the package's fake upstream.
import { describe, expect, it } from 'vitest';
import { createRoomTokenHandler } from '../../src/server';
import { API_KEY, allowAll, consoleLines, createBody, expectConnectError, guardTheKey, readAnswer, send, startHandler } from './support';

guardTheKey();

const ARG = { user_id: 'user-1', room_id: 'room-1' };

describe('given a valid request and a healthy upstream', () => {
  it('answers 200 with the tokens, as JSON, not to be cached', async () => {
    const { url, fake } = await startHandler();
    const answer = await send(url, { json: createBody(ARG, { ...ARG, user_id: 'user-2' }) });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.body).toEqual({ tokens: fake.issued.map((issued) => issued.token) });
    expect(fake.issued.map((issued) => issued.request.userId)).toEqual(['user-1', 'user-2']);
  });

  it('calls the upstream once, with the server key, whatever Authorization the caller sent', async () => {
    const { url, fake } = await startHandler();
    await send(url, { json: createBody(ARG), headers: { authorization: 'Bearer the-browser-session' } });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('accepts a JSON content type with parameters', async () => {
    const { url } = await startHandler();
    const answer = await send(url, { json: createBody(ARG), headers: { 'content-type': 'Application/JSON; charset=utf-8' } });
    expect(answer.status).toBe(200);
  });
});

describe('given a method other than POST', () => {
  it.each(['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])('answers %s with 405 unimplemented and Allow: POST', async (method) => {
    const { url, fake } = await startHandler();
    const answer = await send(url, { method, ...(method === 'GET' ? {} : { json: createBody(ARG) }) });
    expectConnectError(answer, 405, 'unimplemented');
    expect(answer.headers.get('allow')).toBe('POST');
    expect(fake.calls).toHaveLength(0);
  });

  it('answers HEAD with 405 and Allow: POST', async () => {
    const { url } = await startHandler();
    const answer = await send(url, { method: 'HEAD' });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST');
  });
});

describe('given a body that is not declared as JSON', () => {
  it.each([
    ['text/plain', 'text/plain;charset=UTF-8'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['a JSON look-alike', 'application/jsonx'],
  ])('answers %s with 415 invalid_argument', async (_name, contentType) => {
    const { url, fake } = await startHandler();
    const answer = await send(url, { body: JSON.stringify(createBody(ARG)), headers: { 'content-type': contentType } });
    expectConnectError(answer, 415, 'invalid_argument');
    expect(fake.calls).toHaveLength(0);
  });

  it('answers a body with no content type at all with 415', async () => {
    const { url } = await startHandler();
    const body = new Blob([JSON.stringify(createBody(ARG))]); // a Blob with no type sends no content type
    const answer = await send(url, { body });
    expectConnectError(answer, 415, 'invalid_argument');
  });
});

describe('given a body the upstream would refuse', () => {
  const cases: [string, string | Uint8Array<ArrayBuffer>][] = [
    ['malformed JSON', '{"arguments": [ {"user_id": "u"'],
    ['an empty body', ''],
    ['JSON that is not an object', '[{"user_id":"u","room_id":"r"}]'],
    ['an unknown top-level field', JSON.stringify({ arguments: [ARG], admin: true })],
    ['"arguments" that is not a list', JSON.stringify({ arguments: ARG })],
    ['an empty "arguments"', JSON.stringify({ arguments: [] })],
    ['an argument that is not an object', JSON.stringify({ arguments: ['user-1'] })],
    ['an unknown field in an argument', JSON.stringify(createBody({ ...ARG, userId: 'camel' }))],
    ['an empty user id', JSON.stringify(createBody({ ...ARG, user_id: '' }))],
    ['a blank room id', JSON.stringify(createBody({ ...ARG, room_id: '   ' }))],
    ['a missing room id', JSON.stringify(createBody({ user_id: 'user-1' }))],
    ['a numeric user id', JSON.stringify(createBody({ ...ARG, user_id: 42 }))],
    ['an unknown permission', JSON.stringify(createBody({ ...ARG, permissions: ['PermissionFly'] }))],
    ['a wrongly cased permission', JSON.stringify(createBody({ ...ARG, permissions: ['permissionChatMute'] }))],
    ['a slow-mode permission with a capital P', JSON.stringify(createBody({ ...ARG, permissions: ['PermissionChatSlowmodeBypass'] }))],
    ['permissions that are not a list', JSON.stringify(createBody({ ...ARG, permissions: 'PermissionChat' }))],
    ['a boolean metadata value', JSON.stringify(createBody({ ...ARG, metadata: { mcuStream: true } }))],
    ['a numeric metadata value', JSON.stringify(createBody({ ...ARG, metadata: { seat: 3 } }))],
    ['metadata that is a list', JSON.stringify(createBody({ ...ARG, metadata: ['mcuStream'] }))],
    ['17 arguments (the default limit is 16)', JSON.stringify({ arguments: Array.from({ length: 17 }, () => ARG) })],
    ['bytes that are not UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
    ['JSON nested thousands deep', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ];

  it.each(cases)('answers %s with 400 invalid_argument and calls no upstream', async (_name, body) => {
    const { url, fake } = await startHandler();
    const answer = await send(url, { body, headers: { 'content-type': 'application/json' } });
    expectConnectError(answer, 400, 'invalid_argument');
    expect(fake.calls).toHaveLength(0);
  });

  it('says which permission is wrongly cased, and how to spell it', async () => {
    const { url } = await startHandler();
    const answer = await send(url, { json: createBody({ ...ARG, permissions: ['permissionchatmute'] }) });
    const { message } = expectConnectError(answer, 400, 'invalid_argument');
    // Where it is and how to spell it; what the caller sent is not quoted back (issue 19, item 5).
    expect(message).toContain('arguments[0].permissions[0]');
    expect(message).not.toContain('permissionchatmute');
    expect(message).toContain('"PermissionChatMute"');
  });

  it('takes 16 arguments by default', async () => {
    const { url, fake } = await startHandler();
    const answer = await send(url, { json: { arguments: Array.from({ length: 16 }, (_, i) => ({ ...ARG, user_id: `u${i}` })) } });
    expect(answer.status).toBe(200);
    expect(fake.issued).toHaveLength(16);
  });

  it('applies a smaller maxArguments', async () => {
    const { url, fake } = await startHandler({ maxArguments: 2 });
    const answer = await send(url, { json: { arguments: [ARG, ARG, ARG] } });
    const { message } = expectConnectError(answer, 400, 'invalid_argument');
    expect(message).toContain('at most 2');
    expect(fake.calls).toHaveLength(0);
  });
});

describe('given a request object the handler cannot even read', () => {
  it('still resolves a 500 internal Connect error, and says why on the console', async () => {
    const handler = createRoomTokenHandler({ apiKey: API_KEY, authorize: allowAll });
    const broken = {
      method: 'POST',
      get headers(): Headers {
        throw new TypeError('headers are gone');
      },
    } as unknown as Request;
    expectConnectError(await readAnswer(await handler(broken)), 500, 'internal');
    expect(consoleLines().map((line) => line.text)).toEqual(['react-room-token/server: unexpected failure: TypeError: headers are gone']);
  });
});
