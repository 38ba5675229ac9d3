import { describe, expect, it } from 'vitest';
import { CREATE_PATH, createRoomMemberTokens, createFakeTokenService, RoomTokenError, type TokenRequest } from '../../src/testing';
import { TEST_KEY, rejection, serveForTest, startFake } from '../helpers/fakeServer';

const request: TokenRequest = { roomId: 'r1', userId: 'u1', metadata: { mcuStream: 'true' } };

describe('a Connect JSON error body gives the code and message', () => {
  it('reads code, message and status from the error the service answered', async () => {
    const { fake, url } = await startFake({ apiKey: TEST_KEY, fault: { code: 'permission_denied', message: 'not a host of this room' } });

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY }));

    expect(error).toMatchObject({ code: 'permission_denied', message: `not a host of this room (POST ${url}${CREATE_PATH})`, status: 403, retryable: false });
    expect(fake.calls).toHaveLength(1);
  });

  it('trusts the body’s code over the status it came with', async () => {
    const { url } = await startFake({ apiKey: TEST_KEY, fault: { code: 'resource_exhausted', message: 'slow down', status: 400 } });

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY }));

    expect(error).toMatchObject({ code: 'resource_exhausted', message: `slow down (POST ${url}${CREATE_PATH})`, status: 400, retryable: true });
  });

  it('falls back to the status when the body names no known Connect code', async () => {
    const { url } = await startFake({
      apiKey: TEST_KEY,
      fault: { status: 503, body: JSON.stringify({ code: 'overloaded', message: 'later' }), contentType: 'application/json' },
    });

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY }));

    expect(error).toMatchObject({ code: 'unavailable', status: 503 });
  });
});

describe('a body that is not a Connect error maps from the HTTP status, as Connect does', () => {
  it.each([
    [400, 'internal'],
    [401, 'unauthenticated'],
    [403, 'permission_denied'],
    [404, 'unimplemented'],
    [429, 'unavailable'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'unavailable'],
    [418, 'unknown'],
    [500, 'unknown'],
  ] as const)('HTTP %i with a plain-text body is %s', async (status, code) => {
    const { fake, url } = await startFake({ apiKey: TEST_KEY, fault: { status, body: 'something went wrong' } });

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY }));

    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(fake.calls).toHaveLength(1);
  });

  it('a proxy’s HTML 502 page is unavailable with status 502', async () => {
    const { url } = await startFake({ apiKey: TEST_KEY, fault: 'html-502' });

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY }));

    expect(error).toMatchObject({ code: 'unavailable', status: 502, retryable: true });
    expect(error.message).not.toContain('<html>');
  });

  it('an empty error body maps from the status', async () => {
    const { url } = await startFake({ apiKey: TEST_KEY, fault: { status: 403, body: '' } });

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY }));

    expect(error).toMatchObject({ code: 'permission_denied', status: 403 });
  });
});

describe('a 200 that is not one token per request is internal, never an undefined token', () => {
  it.each([
    ['an empty object', '{}', 1],
    ['an empty token list', '{"tokens":[]}', 1],
    ['a number for a token', '{"tokens":[1]}', 1],
    ['an empty token', '{"tokens":[""]}', 1],
    ['a string instead of a list', '{"tokens":"abc"}', 1],
    ['null', 'null', 1],
    ['a bare list', '["abc"]', 1],
    ['two tokens for one request', '{"tokens":["abc","def"]}', 1],
    ['one token for two requests', '{"tokens":["abc"]}', 2],
    ['a body that is not JSON', '<html>ok</html>', 1],
    ['an empty body', '', 1],
  ])('%s', async (_name, body, count) => {
    const { fake, url } = await startFake({ apiKey: TEST_KEY, fault: { status: 200, body, contentType: 'application/json' } });

    const error = await rejection(createRoomMemberTokens(Array<TokenRequest>(count).fill(request), { baseUrl: url, apiKey: TEST_KEY }));

    expect(error).toMatchObject({ code: 'internal', status: 200, retryable: false });
    expect(fake.calls).toHaveLength(1);
  });
});

describe('time limits and cancellation', () => {
  it('rejects with deadline_exceeded when the service does not answer in time', async () => {
    const { fake, url } = await startFake({ apiKey: TEST_KEY, fault: 'hang' });

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY, timeoutMs: 50 }));

    expect(error).toMatchObject({ code: 'deadline_exceeded', retryable: true });
    expect(error.status).toBeUndefined();
    expect(fake.calls).toHaveLength(1);
  });

  it('counts a body that stalls after the headers against the deadline', async () => {
    let calls = 0;
    const url = await serveForTest(async (req) => {
      calls++;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"tokens":['));
          // Never finishes on its own; ends when the client goes away.
          req.signal.addEventListener('abort', () => controller.close());
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    });

    const error = await rejection(createRoomMemberTokens([request], { url, timeoutMs: 50 }));

    expect(error.code).toBe('deadline_exceeded');
    expect(calls).toBe(1);
  });

  it('waits without limit when timeoutMs is Infinity', async () => {
    const { fake, url } = await startFake({ apiKey: TEST_KEY, latencyMs: 20 });

    const tokens = await createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY, timeoutMs: Infinity });

    expect(tokens).toEqual(fake.issued.map((i) => i.token));
  });

  it('rejects with canceled when the caller aborts while the service is working', async () => {
    const controller = new AbortController();
    const { fake, url } = await startFake({
      apiKey: TEST_KEY,
      fault: () => {
        // The call has arrived: now the caller loses interest.
        controller.abort();
        return 'hang';
      },
    });

    const error = await rejection(
      createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY, signal: controller.signal }),
    );

    expect(error).toMatchObject({ code: 'canceled', retryable: false });
    expect(fake.calls).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { fake, url } = await startFake();

    const error = await rejection(
      createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY, signal: AbortSignal.abort() }),
    );

    expect(error.code).toBe('canceled');
    expect(fake.calls).toHaveLength(0);
  });

  it('resolves normally when the signal is never aborted', async () => {
    const { fake, url } = await startFake();

    const tokens = await createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY, signal: new AbortController().signal });

    expect(tokens).toEqual(fake.issued.map((i) => i.token));
  });
});

describe('network failures are unavailable', () => {
  it('a refused connection is unavailable, with no status', async () => {
    const fake = createFakeTokenService({ apiKey: TEST_KEY });
    const server = await fake.listen();
    await server.close();

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: server.url, apiKey: TEST_KEY }));

    expect(error).toMatchObject({ code: 'unavailable', retryable: true });
    expect(error.status).toBeUndefined();
    expect(fake.calls).toHaveLength(0);
  });

  it('a connection dropped before any answer is unavailable', async () => {
    const { fake, url } = await startFake({ apiKey: TEST_KEY, fault: 'drop' });

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY }));

    expect(error).toMatchObject({ code: 'unavailable', retryable: true });
    expect(error.status).toBeUndefined();
    expect(fake.calls).toHaveLength(1);
  });

  it('a connection dropped in the middle of the body is unavailable, with the status received', async () => {
    let headersArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (headersArrived = resolve));
    const url = await serveForTest(async () => {
      let pulls = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (pulls++ === 0) return controller.enqueue(new TextEncoder().encode('{"tokens":["abc'));
          // Crash only once the client holds the headers, so the break is mid-body.
          await arrived;
          controller.error(new Error('upstream crashed'));
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    });
    // The real fetch, plus a note of when the headers are in.
    const observedFetch: typeof fetch = async (input, init) => {
      // createRoomMemberTokens passes the URL as a string.
      const response = await fetch(input as string, init);
      headersArrived();
      return response;
    };

    const error = await rejection(createRoomMemberTokens([request], { url, fetch: observedFetch }));

    expect(error).toMatchObject({ code: 'unavailable', status: 200 });
  });

  it('a failing injected fetch is unavailable', async () => {
    const error = await rejection(
      createRoomMemberTokens([request], {
        url: 'http://127.0.0.1:9/never-called',
        fetch: () => Promise.reject(new TypeError('network down')),
      }),
    );

    expect(error.code).toBe('unavailable');
  });
});

describe('a custom fetch that ignores its signal', () => {
  it('still ends with deadline_exceeded at the timeout', async () => {
    const neverSettles: typeof fetch = () => new Promise<Response>(() => {});

    const error = await rejection(createRoomMemberTokens([{ roomId: 'r1', userId: 'u1' }], { url: 'http://127.0.0.1:9/x', fetch: neverSettles, timeoutMs: 20 }));

    expect(error.code).toBe('deadline_exceeded');
  });

  it("still ends with canceled when the caller aborts", async () => {
    const neverSettles: typeof fetch = () => new Promise<Response>(() => {});
    const controller = new AbortController();
    const pending = rejection(createRoomMemberTokens([{ roomId: 'r1', userId: 'u1' }], { url: 'http://127.0.0.1:9/x', fetch: neverSettles, signal: controller.signal }));

    controller.abort();

    expect((await pending).code).toBe('canceled');
  });
});

describe('a custom fetch that rejects in its own way when its signal aborts', () => {
  // The call's own outcome is settled before the fetch hears of the abort, so what the fetch
  // rejects with cannot stand in for it.
  const rejectsOnAbort: typeof fetch = (_input, init) =>
    new Promise<Response>((_, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new RoomTokenError('internal', 'made up by the fetch')));
    });

  it('still ends with deadline_exceeded at the timeout', async () => {
    const error = await rejection(createRoomMemberTokens([{ roomId: 'r1', userId: 'u1' }], { url: 'http://127.0.0.1:9/x', fetch: rejectsOnAbort, timeoutMs: 20 }));

    expect(error.code).toBe('deadline_exceeded');
    expect(error.message).not.toContain('made up by the fetch');
  });

  it('still ends with canceled when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = rejection(createRoomMemberTokens([{ roomId: 'r1', userId: 'u1' }], { url: 'http://127.0.0.1:9/x', fetch: rejectsOnAbort, signal: controller.signal }));

    controller.abort();

    const error = await pending;
    expect(error.code).toBe('canceled');
    expect(error.cause).toMatchObject({ name: 'AbortError' });
  });
});
