import { afterEach, describe, expect, it, vi } from 'vitest';
import { CREATE_PATH, createFakeTokenService } from '../../src/testing';
import { TEST_KEY, startFake } from '../helpers/fakeServer';

const BASE = 'http://fake.test';
const goodBody = { arguments: [{ user_id: 'u1', room_id: 'r1', metadata: { mcuStream: 'true' }, permissions: ['PermissionChat'] }] };

/** A Create call as the upstream documents it, with parts replaceable per test. */
function createCall(
  init: { path?: string; method?: string; key?: string | null; contentType?: string; body?: string; headers?: Record<string, string> } = {},
): Request {
  const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json', ...init.headers };
  if (init.key !== null) headers.authorization = `Bearer ${init.key ?? TEST_KEY}`;
  const method = init.method ?? 'POST';
  return new Request(`${BASE}${init.path ?? CREATE_PATH}`, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : (init.body ?? JSON.stringify(goodBody)),
  });
}

const withArgument = (argument: Record<string, unknown>) => JSON.stringify({ arguments: [argument] });

async function connectError(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/json');
  return (await response.json()) as { code: string; message: string };
}

describe('the fake answers a good Create call like the upstream', () => {
  it('issues one URL-safe base64 token of hundreds of characters per argument', async () => {
    const fake = createFakeTokenService({ apiKey: TEST_KEY });

    const response = await fake.handle(createCall());

    expect(response.status).toBe(200);
    const { tokens } = (await response.json()) as { tokens: string[] };
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatch(/^[A-Za-z0-9_-]{200,}$/);
    expect(fake.issued).toEqual([
      { token: tokens[0], request: { roomId: 'r1', userId: 'u1', metadata: { mcuStream: 'true' }, permissions: ['PermissionChat'] } },
    ]);
  });

  it('issues a different token on every call and for every argument', async () => {
    const fake = createFakeTokenService({ apiKey: TEST_KEY });
    const twoArguments = JSON.stringify({ arguments: [goodBody.arguments[0], goodBody.arguments[0]] });

    const first = (await (await fake.handle(createCall({ body: twoArguments }))).json()) as { tokens: string[] };
    const second = (await (await fake.handle(createCall())).json()) as { tokens: string[] };

    const all = [...first.tokens, ...second.tokens];
    expect(all).toHaveLength(3);
    expect(new Set(all).size).toBe(3);
    expect(all).toEqual(fake.issued.map((i) => i.token));
  });

  it('accepts any Bearer key when none is configured', async () => {
    const fake = createFakeTokenService();

    const response = await fake.handle(createCall({ key: 'whatever-test-key' }));

    expect(response.status).toBe(200);
  });

  it('accepts a JSON content type with a charset', async () => {
    const fake = createFakeTokenService({ apiKey: TEST_KEY });

    const response = await fake.handle(createCall({ contentType: 'application/json; charset=utf-8' }));

    expect(response.status).toBe(200);
  });

  it('accepts an argument without metadata or permissions', async () => {
    const fake = createFakeTokenService({ apiKey: TEST_KEY });

    const response = await fake.handle(createCall({ body: withArgument({ user_id: 'u1', room_id: 'r1' }) }));

    expect(response.status).toBe(200);
  });

  it('records every call with method, path, lower-cased headers and parsed body', async () => {
    const fake = createFakeTokenService({ apiKey: TEST_KEY });

    await fake.handle(createCall({ headers: { 'X-Trace': 't-1' } }));
    await fake.handle(createCall({ body: 'not json', path: '/elsewhere' }));

    expect(fake.calls).toEqual([
      {
        method: 'POST',
        path: CREATE_PATH,
        headers: expect.objectContaining({ authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json', 'x-trace': 't-1' }),
        body: goodBody,
      },
      expect.objectContaining({ path: '/elsewhere', body: 'not json' }),
    ]);
  });
});

describe('the fake rejects what the upstream does not take', () => {
  it.each([
    ['a wrong key', { key: 'sk-wrong' }],
    ['no Authorization header', { key: null }],
    ['an empty Bearer key', { key: '' }],
  ])('%s is 401 unauthenticated', async (_name, init) => {
    const fake = createFakeTokenService({ apiKey: TEST_KEY });

    const response = await fake.handle(createCall(init));

    expect(response.status).toBe(401);
    expect((await connectError(response)).code).toBe('unauthenticated');
    expect(fake.issued).toHaveLength(0);
  });

  it('another scheme than Bearer is 401 unauthenticated', async () => {
    const fake = createFakeTokenService({ apiKey: TEST_KEY });

    const response = await fake.handle(createCall({ key: null, headers: { authorization: `Basic ${TEST_KEY}` } }));

    expect(response.status).toBe(401);
  });

  it('a wrong path is 404 unimplemented', async () => {
    const fake = createFakeTokenService({ apiKey: TEST_KEY });

    const response = await fake.handle(createCall({ path: '/room.tokens.private.v1.Service/Delete' }));

    expect(response.status).toBe(404);
    expect((await connectError(response)).code).toBe('unimplemented');
  });

  it('a GET is 405 with an Allow header naming POST', async () => {
    const fake = createFakeTokenService({ apiKey: TEST_KEY });

    const response = await fake.handle(createCall({ method: 'GET' }));

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toMatch(/\bPOST\b/);
    expect((await connectError(response)).code).toBe('unimplemented');
  });

  it('a body that is not declared JSON is 415 invalid_argument', async () => {
    const fake = createFakeTokenService({ apiKey: TEST_KEY });

    const response = await fake.handle(createCall({ contentType: 'text/plain' }));

    expect(response.status).toBe(415);
    expect((await connectError(response)).code).toBe('invalid_argument');
  });

  it.each([
    ['ASCII', 'x'.repeat(1024 * 1024)],
    // 400 Ki characters, but 1.2 MiB once encoded as UTF-8.
    ['multi-byte characters', '€'.repeat(400 * 1024)],
  ])('a body over 1 MiB of %s is 413 resource_exhausted', async (_name, roomId) => {
    const fake = createFakeTokenService({ apiKey: TEST_KEY });

    const response = await fake.handle(createCall({ body: withArgument({ user_id: 'u1', room_id: roomId }) }));

    expect(response.status).toBe(413);
    expect((await connectError(response)).code).toBe('resource_exhausted');
  });

  it.each([
    ['malformed JSON', '{"arguments":['],
    ['an empty body', ''],
    ['a body that is a list', JSON.stringify([goodBody])],
    ['an unknown top-level field', JSON.stringify({ ...goodBody, dry_run: true })],
    ['an empty arguments list', JSON.stringify({ arguments: [] })],
    ['no arguments list', JSON.stringify({})],
    ['an unknown permission', withArgument({ user_id: 'u1', room_id: 'r1', permissions: ['PermissionDance'] })],
    ['a wrongly cased permission', withArgument({ user_id: 'u1', room_id: 'r1', permissions: ['permissionroom'] })],
    ['a boolean metadata value', withArgument({ user_id: 'u1', room_id: 'r1', metadata: { mcuStream: true } })],
    ['an empty user_id', withArgument({ user_id: '', room_id: 'r1' })],
    ['a white-space room_id', withArgument({ user_id: 'u1', room_id: '  ' })],
    ['a numeric user_id', withArgument({ user_id: 7, room_id: 'r1' })],
    ['a camelCase field', withArgument({ userId: 'u1', room_id: 'r1' })],
    ['an unknown argument field', withArgument({ user_id: 'u1', room_id: 'r1', role: 'host' })],
  ])('%s is 400 invalid_argument', async (_name, body) => {
    const fake = createFakeTokenService({ apiKey: TEST_KEY });

    const response = await fake.handle(createCall({ body }));

    expect(response.status).toBe(400);
    const error = await connectError(response);
    expect(error.code).toBe('invalid_argument');
    expect(error.message).not.toBe('');
    expect(fake.issued).toHaveLength(0);
  });
});

describe('CORS', () => {
  it('answers a preflight with 204, the methods and headers, the origin echoed, and does not record it', async () => {
    const fake = createFakeTokenService({ apiKey: TEST_KEY });

    const response = await fake.handle(
      new Request(`${BASE}${CREATE_PATH}`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:6006',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      }),
    );

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:6006');
    expect(response.headers.get('access-control-allow-methods')).toMatch(/\bPOST\b/);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
    expect(fake.calls).toHaveLength(0);
  });

  it('lets the calling page read answers and errors alike', async () => {
    const fake = createFakeTokenService({ apiKey: TEST_KEY });
    const origin = { origin: 'http://localhost:6006' };

    const ok = await fake.handle(createCall({ headers: origin }));
    const denied = await fake.handle(createCall({ headers: origin, key: 'sk-wrong' }));

    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:6006');
    expect(denied.headers.get('access-control-allow-origin')).toBe('http://localhost:6006');
  });
});

describe('latency', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers only once latencyMs has passed', async () => {
    vi.useFakeTimers();
    const fake = createFakeTokenService({ apiKey: TEST_KEY, latencyMs: 300 });
    let answered = false;

    const pending = fake.handle(createCall()).then((response) => ((answered = true), response));
    await vi.advanceTimersByTimeAsync(299);
    const before = answered;
    await vi.advanceTimersByTimeAsync(1);

    expect(before).toBe(false);
    expect(answered).toBe(true);
    expect((await pending).status).toBe(200);
  });

  it('takes a latency per call from a function', async () => {
    vi.useFakeTimers();
    const fake = createFakeTokenService({ apiKey: TEST_KEY, latencyMs: (_call, index) => (index === 0 ? 0 : 500) });
    const answered: number[] = [];

    const first = fake.handle(createCall()).then(() => answered.push(0));
    const second = fake.handle(createCall()).then(() => answered.push(1));
    await vi.advanceTimersByTimeAsync(499);
    const before = [...answered];
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all([first, second]);

    expect(before).toEqual([0]);
    expect(answered).toEqual([0, 1]);
  });
});

describe('faults', () => {
  it('plays a Connect error with the status paired with its code', async () => {
    const fake = createFakeTokenService({ apiKey: TEST_KEY, fault: { code: 'unavailable', message: 'maintenance' } });

    const response = await fake.handle(createCall());

    expect(response.status).toBe(503);
    expect(await connectError(response)).toEqual({ code: 'unavailable', message: 'maintenance' });
    expect(fake.issued).toHaveLength(0);
  });

  it('plays a Connect error with a status of its own', async () => {
    const fake = createFakeTokenService({ fault: { code: 'internal', status: 502 } });

    const response = await fake.handle(createCall());

    expect(response.status).toBe(502);
    expect(await connectError(response)).toEqual({ code: 'internal', message: 'internal' });
  });

  it('plays a raw answer with its content type', async () => {
    const fake = createFakeTokenService({ fault: { status: 200, body: '{"tokens":[1]}', contentType: 'application/json' } });

    const response = await fake.handle(createCall());

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"tokens":[1]}');
  });

  it('plays an HTML 502 page', async () => {
    const fake = createFakeTokenService({ fault: 'html-502' });

    const response = await fake.handle(createCall());

    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toMatch(/<html>/);
  });

  it('plays a dropped connection as a rejected handler', async () => {
    const fake = createFakeTokenService({ fault: 'drop' });

    await expect(fake.handle(createCall())).rejects.toThrow(TypeError);
    expect(fake.calls).toHaveLength(1);
  });

  it('hangs until the caller gives up', async () => {
    const fake = createFakeTokenService({ fault: 'hang' });
    const caller = new AbortController();
    let settled = false;

    const pending = fake.handle(new Request(createCall(), { signal: caller.signal })).finally(() => (settled = true));
    // Give the fake every chance to answer if it were going to.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    const settledBeforeAbort = settled;
    caller.abort();

    await expect(pending).rejects.toThrow(TypeError);
    expect(settledBeforeAbort).toBe(false);
  });

  it('chooses a fault per call when given a function, and answers normally on undefined', async () => {
    const fake = createFakeTokenService({
      apiKey: TEST_KEY,
      fault: (_call, index) => (index === 0 ? { code: 'unavailable' } : undefined),
    });

    const first = await fake.handle(createCall());
    const second = await fake.handle(createCall());

    expect([first.status, second.status]).toEqual([503, 200]);
    expect(fake.issued).toHaveLength(1);
  });

  it('gives the fault function the recorded call', async () => {
    const seen: string[] = [];
    const fake = createFakeTokenService({
      fault: (call) => {
        seen.push(`${call.method} ${call.path}`);
        return undefined;
      },
    });

    await fake.handle(createCall({ key: 'k' }));

    expect(seen).toEqual([`POST ${CREATE_PATH}`]);
  });
});

describe('the fake over loopback HTTP', () => {
  it('issues tokens to a plain fetch and rejects a wrong key with a Connect error', async () => {
    const { fake, url } = await startFake();
    const post = (key: string) =>
      fetch(`${url}${CREATE_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify(goodBody),
      });

    const ok = await post(TEST_KEY);
    const denied = await post('sk-wrong');

    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { tokens: string[] }).tokens).toEqual(fake.issued.map((i) => i.token));
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ code: 'unauthenticated' });
    expect(fake.calls.map((c) => c.path)).toEqual([CREATE_PATH, CREATE_PATH]);
  });

  it('answers a CORS preflight over HTTP without recording it', async () => {
    const { fake, url } = await startFake();

    const response = await fetch(`${url}${CREATE_PATH}`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(fake.calls).toHaveLength(0);
  });

  it('closes with a call still hanging, and that call fails', async () => {
    const fake = createFakeTokenService({ fault: 'hang' });
    const server = await fake.listen();
    const pending = fetch(`${server.url}${CREATE_PATH}`, { method: 'POST', body: '{}' });
    await vi.waitFor(() => expect(fake.calls).toHaveLength(1));

    await server.close();

    await expect(pending).rejects.toThrow();
  });

  it('listens on the port it is given', async () => {
    const probe = await createFakeTokenService().listen();
    const port = Number(new URL(probe.url).port);
    await probe.close();

    const server = await createFakeTokenService().listen(port);
    try {
      expect(server.url).toBe(`http://127.0.0.1:${port}`);
    } finally {
      await server.close();
    }
  });
});
