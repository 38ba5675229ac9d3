// What the caller gets when the upstream fails: the answers table's upstream rows, over
// loopback HTTP against the fake upstream playing each fault.
import { describe, expect, it } from 'vitest';
import type { FakeFault } from '../../src/testing';
import { createRoomTokenHandler } from '../../src/server';
import {
  API_KEY,
  allowAll,
  closedPortUrl,
  consoleLines,
  createBody,
  expectConnectError,
  guardTheKey,
  send,
  serve,
  startFake,
  startHandler,
} from './support';

guardTheKey();

const BODY = createBody({ user_id: 'user-1', room_id: 'room-1' });
// What an upstream might put in its messages; none of it may reach the caller.
const UPSTREAM_DETAIL = `internal detail for ${API_KEY} at db-7.internal`;

/** The one line a failing upstream leaves: its kind, what it answered, and the call's URL (upstreamLog.test.ts: once a minute per kind). */
function expectFaultLine(upstream: string, seen: string): void {
  expect(consoleLines()).toEqual([
    {
      method: 'error',
      text:
        `react-room-token/server: the token service failed (${seen}) at POST ${upstream}/room.tokens.private.v1.Service/Create; ` +
        'callers get 503 or 504. Failures of this kind are logged once a minute',
    },
  ]);
}

describe('given an upstream that is down or overloaded', () => {
  it('answers 503 unavailable when nothing listens on the upstream port', async () => {
    const baseUrl = await closedPortUrl();
    const { url } = await startHandler({ baseUrl });
    expectConnectError(await send(url, { json: BODY }), 503, 'unavailable');
    expectFaultLine(baseUrl, 'unreachable: HTTP none, unavailable');
  });

  const faults: [string, FakeFault, string][] = [
    ['drops the connection', 'drop', 'unreachable: HTTP none, unavailable'],
    ["answers a proxy's HTML 502 page", 'html-502', 'server_error: HTTP 502, unavailable'],
    ['answers a plain-text 500', { status: 500, body: 'Internal Server Error' }, 'server_error: HTTP 500, unknown'],
    ['answers a Connect internal error (500)', { code: 'internal', message: UPSTREAM_DETAIL }, 'server_error: HTTP 500, internal'],
    ['answers a Connect unavailable error (503)', { code: 'unavailable', message: UPSTREAM_DETAIL }, 'server_error: HTTP 503, unavailable'],
    ['answers 504 from a gateway', { status: 504, body: '' }, 'server_error: HTTP 504, unavailable'],
    ['answers a bare 429', { status: 429, body: 'slow down' }, 'rate_limited: HTTP 429, unavailable'],
    ['answers a Connect resource_exhausted error (429)', { code: 'resource_exhausted', message: UPSTREAM_DETAIL }, 'rate_limited: HTTP 429, resource_exhausted'],
  ];

  it.each(faults)('answers 503 unavailable when the upstream %s, and logs it with its kind', async (_name, fault, seen) => {
    const { url, fake, upstream } = await startHandler({}, { fault });
    const answer = await send(url, { json: BODY });
    const { message } = expectConnectError(answer, 503, 'unavailable');
    expect(message).not.toContain('db-7');
    expect(fake.calls).toHaveLength(1);
    // Never the upstream's own message: it may echo what it was sent.
    expectFaultLine(upstream, seen);
  });

  it('answers 504 deadline_exceeded when the upstream hangs past timeoutMs, and logs it', async () => {
    const { url, fake, upstream } = await startHandler({ timeoutMs: 50 }, { fault: 'hang' });
    expectConnectError(await send(url, { json: BODY }), 504, 'deadline_exceeded');
    expect(fake.calls).toHaveLength(1);
    expectFaultLine(upstream, 'timeout: HTTP none, deadline_exceeded');
  });
});

describe("given an upstream that rejects the server's own key", () => {
  it('answers 500 internal, never unauthenticated, and tells the server console why', async () => {
    const { url, fake } = await startHandler({}, { apiKey: 'the-key-the-upstream-expects' });
    const answer = await send(url, { json: BODY });
    const { message } = expectConnectError(answer, 500, 'internal');
    expect(answer.text).not.toContain('unauthenticated');
    expect(message).toBe('the server could not issue a token');
    expect(fake.calls[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    const lines = consoleLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]!.method).toBe('error');
    expect(lines[0]!.text).toBe("react-room-token/server: the token service rejected this server's API key (HTTP 401, unauthenticated): check apiKey and baseUrl");
  });

  it('answers 500 internal when the upstream says permission_denied to the key', async () => {
    const { url } = await startHandler({}, { fault: { code: 'permission_denied', message: UPSTREAM_DETAIL } });
    const answer = await send(url, { json: BODY });
    expectConnectError(answer, 500, 'internal');
    expect(answer.text).not.toContain('db-7');
    // Status and code only: what the upstream said about a key may hold pieces of it.
    expect(consoleLines().map((line) => line.text)).toEqual([
      "react-room-token/server: the token service rejected this server's API key (HTTP 403, permission_denied): check apiKey and baseUrl",
    ]);
  });
});

describe('given an upstream that refuses the request itself', () => {
  it('answers 400 invalid_argument without passing the upstream message on', async () => {
    const { url } = await startHandler({}, { fault: { code: 'invalid_argument', message: UPSTREAM_DETAIL } });
    const answer = await send(url, { json: BODY });
    const { message } = expectConnectError(answer, 400, 'invalid_argument');
    expect(message).toBe('the token service rejected the request as invalid');
  });
});

describe('given an upstream that refuses what the caller asked for', () => {
  it.each<[string, FakeFault]>([
    ['a Connect not_found error', { code: 'not_found', message: UPSTREAM_DETAIL }],
    ['a Connect failed_precondition error', { code: 'failed_precondition', message: UPSTREAM_DETAIL }],
    ['a Connect out_of_range error', { code: 'out_of_range', message: UPSTREAM_DETAIL }],
    ['a plain-text HTTP 400', { status: 400, body: 'Bad Request' }],
    ['a plain-text HTTP 422', { status: 422, body: 'Unprocessable' }],
  ])('answers %s with 400 invalid_argument, never a 5xx, and logs nothing', async (_name, fault) => {
    const { url } = await startHandler({}, { fault });
    const answer = await send(url, { json: BODY });
    const { message } = expectConnectError(answer, 400, 'invalid_argument');
    expect(message).toBe('the token service rejected the request as invalid');
    expect(answer.text).not.toContain('db-7');
    expect(consoleLines()).toHaveLength(0);
  });
});

describe('given an upstream that answers something unusable', () => {
  it.each<[string, FakeFault, string]>([
    ['a 200 without tokens', { status: 200, body: '{"nope":[]}', contentType: 'application/json' }, 'HTTP 200, internal'],
    ['a 200 that is not JSON', { status: 200, body: '<html>ok</html>', contentType: 'text/html' }, 'HTTP 200, internal'],
  ])('answers %s with 502 internal and a console line', async (_name, fault, seen) => {
    const { url } = await startHandler({}, { fault });
    const answer = await send(url, { json: BODY });
    expectConnectError(answer, 502, 'internal');
    expect(answer.text).not.toContain('db-7');
    const lines = consoleLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text).toContain(seen);
  });

  it('answers 502 internal when baseUrl points at the wrong path', async () => {
    const { fake, url: upstream } = await startFake();
    const url = await serve(createRoomTokenHandler({ apiKey: API_KEY, authorize: allowAll, baseUrl: `${upstream}/wrong` }));
    expectConnectError(await send(url, { json: BODY }), 502, 'internal');
    expect(fake.calls.map((call) => call.path)).toEqual(['/wrong/room.tokens.private.v1.Service/Create']);
    expect(consoleLines()[0]!.text).toContain('HTTP 404, unimplemented');
  });
});
