import { decodeCreateRequest, parseJson, tokensResponse } from '../core/codec';
import { connectErrorResponse, httpStatusForCode } from '../core/connectError';
import { CREATE_PATH } from '../core/constants';
import { checkNumberOption, NUMBER_RULES } from '../core/checkNumberOption';
import { isJsonContentType } from '../core/isJsonContentType';
import { readBodyText } from '../core/readBodyText';
import { RoomTokenError, type RoomTokenErrorCode } from '../core/RoomTokenError';
import type { TokenRequest } from '../core/TokenRequest';
import { fakeToken } from './fakeToken';
import { serveOnLoopback, type FakeServer } from './serveOnLoopback';

export type { FakeServer } from './serveOnLoopback';

/**
 * A fault the fake can play instead of answering normally:
 * - `'hang'`: never answers (until the caller gives up or the server closes);
 * - `'drop'`: the connection breaks with no answer;
 * - `'html-502'`: a proxy's HTML error page with status 502;
 * - `{ code, message?, status?, headers? }`: a Connect JSON error (status from the code
 *   unless given), with extra response headers such as `retry-after`;
 * - `{ status, body, contentType?, headers? }`: any raw answer (status 200–599).
 *
 * @example
 * const fault: FakeFault = { code: 'unavailable', message: 'down for maintenance', headers: { 'retry-after': '30' } };
 */
export type FakeFault =
  | 'hang'
  | 'drop'
  | 'html-502'
  | { code: RoomTokenErrorCode; message?: string; status?: number; headers?: Record<string, string> }
  | { status: number; body: string; contentType?: string; headers?: Record<string, string> };

/**
 * One request the fake received (CORS preflights are not recorded).
 *
 * @example
 * const [call]: readonly FakeCall[] = fake.calls;
 * expect(call.headers.authorization).toBe('Bearer test-key');
 */
export interface FakeCall {
  method: string;
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /**
   * The parsed JSON body, the raw text when it is not JSON, or `undefined` when it is empty,
   * over the 1 MiB limit (the fake stops reading there), or not UTF-8.
   */
  body: unknown;
}

/**
 * Options for {@link createFakeTokenService}.
 *
 * @example
 * // Two outages, then tokens again.
 * const options: FakeTokenServiceOptions = { apiKey: 'test-key', fault: (_call, i) => (i < 2 ? { code: 'unavailable' } : undefined) };
 */
export interface FakeTokenServiceOptions {
  /** The only Bearer key accepted: a non-empty string. @defaultValue any non-empty key */
  apiKey?: string;
  /** Delay before every answer in ms (0 or more), or a function choosing it per call. @defaultValue 0 */
  latencyMs?: number | ((call: FakeCall, index: number) => number);
  /**
   * A fault to play on every call, or a function choosing one per call (`index` counts
   * every call received from 0, dropped records included); `undefined` answers normally.
   */
  fault?: FakeFault | ((call: FakeCall, index: number) => FakeFault | undefined);
  /**
   * How many entries `calls` and `issued` each keep: past it the oldest are dropped, so a
   * fake that runs for long (`npm start`) or under load does not grow without bound.
   * A whole number, 0 or more; `Infinity` keeps everything.
   * @defaultValue 1000
   */
  maxRecorded?: number;
}

/**
 * The fake upstream: a Fetch-API handler, a loopback server, and what it saw. For Mock
 * Service Worker handlers, pass it to `mswHandlers` from `react-room-token/testing/msw`.
 *
 * @example
 * const fake: FakeTokenService = createFakeTokenService();
 * const response = await fake.handle(new Request(url, init));
 */
export interface FakeTokenService {
  /** The fake itself: answers one request as the upstream would. */
  handle(request: Request): Promise<Response>;
  /** Serves `handle` on 127.0.0.1 (a free port unless given). */
  listen(port?: number): Promise<FakeServer>;
  /** The requests received, in order: the last `maxRecorded` (1000 by default). */
  readonly calls: readonly FakeCall[];
  /** The tokens issued, with the request each was issued for: the last `maxRecorded`. */
  readonly issued: readonly { token: string; request: TokenRequest }[];
}

const MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_MAX_RECORDED = 1000;

function corsHeaders(request: Request): Record<string, string> {
  const origin = request.headers.get('origin');
  // Echo the origin (not `*`) so that `credentials: 'include'` works from a dev page too.
  // Some Request implementations hide `Origin` (a forbidden header in DOM test environments).
  // Retry-After is exposed so that a dev page's client can honour it, and Date so that it can
  // measure a Retry-After date against the server's clock rather than its own.
  const exposed = { 'access-control-expose-headers': 'retry-after, date' };
  return origin
    ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin', ...exposed }
    : { 'access-control-allow-origin': '*', ...exposed };
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = ms === Infinity ? undefined : setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/**
 * A faithful fake of the upstream Create call for tests, stories and local development:
 * same path, same checks, Connect JSON errors, tokens shaped like real ones. No network and
 * no real key needed.
 *
 * @example
 * const fake = createFakeTokenService({ apiKey: 'test-key' });
 * const server = await fake.listen();
 * const [token] = await createRoomMemberTokens([{ roomId: 'r1', userId: 'u1' }], {
 *   baseUrl: server.url,
 *   apiKey: 'test-key',
 * });
 * await server.close();
 */
export function createFakeTokenService(options: FakeTokenServiceOptions = {}): FakeTokenService {
  const calls: FakeCall[] = [];
  const issued: { token: string; request: TokenRequest }[] = [];
  const { apiKey, latencyMs, maxRecorded = DEFAULT_MAX_RECORDED } = options;
  // Options that cannot be meant fail here, naming themselves, not later as a fake that
  // silently records nothing or never answers.
  const refuse = (what: string) => new TypeError(`createFakeTokenService: ${what}`);
  if (apiKey !== undefined && (typeof apiKey !== 'string' || !apiKey)) throw refuse('`apiKey` must be a non-empty string');
  if (typeof latencyMs !== 'function') checkNumberOption('`latencyMs`', latencyMs, NUMBER_RULES.ms, refuse);
  checkNumberOption('`maxRecorded`', maxRecorded, NUMBER_RULES.count, refuse, Infinity);
  let received = 0;
  // In place, so that a test holding `fake.calls` sees the same array.
  const record = <T>(list: T[], item: T) => {
    list.push(item);
    if (list.length > maxRecorded) list.splice(0, list.length - maxRecorded);
  };

  function handle(request: Request): Promise<Response> {
    return answer(request, request.signal);
  }

  async function answer(request: Request, stop: AbortSignal): Promise<Response> {
    const url = new URL(request.url);
    const cors = corsHeaders(request);
    if (request.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          ...cors,
          'access-control-allow-methods': 'POST, OPTIONS',
          'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? 'authorization, content-type',
          'access-control-max-age': '600',
        },
      });
    }
    const error = (code: RoomTokenErrorCode, message: string, status = httpStatusForCode(code), extra = {}) =>
      connectErrorResponse(code, message, { status, headers: { ...cors, ...extra } });

    // Counted while read: a body over the limit is never held whole. A Request with no body
    // stream (whatwg-fetch's, in React Native) is read with text().
    const read = await readBodyText(request, MAX_BODY_BYTES);
    const text = 'text' in read ? read.text : '';
    const json = parseJson(text);
    const body = text === '' ? undefined : (json ?? text);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const call: FakeCall = { method: request.method, path: url.pathname, headers, body };
    record(calls, call);
    const index = received++;

    const latency = typeof latencyMs === 'function' ? latencyMs(call, index) : latencyMs;
    if (latency) await wait(latency, stop);

    const fault = typeof options.fault === 'function' ? options.fault(call, index) : options.fault;
    if (fault === 'hang') {
      await wait(Infinity, stop);
      throw new TypeError('the fake token service hung up');
    }
    if (fault === 'drop') throw new TypeError('the fake token service dropped the connection');
    if (fault === 'html-502') {
      return new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', {
        status: 502,
        headers: { ...cors, 'content-type': 'text/html' },
      });
    }
    if (fault && 'code' in fault) return error(fault.code, fault.message ?? fault.code, fault.status, fault.headers);
    if (fault) {
      return new Response(fault.body, { status: fault.status, headers: { ...cors, 'content-type': fault.contentType ?? 'text/plain', ...fault.headers } });
    }

    // Any other path (`GET /` from a browser, say) is told where the one method is.
    if (url.pathname !== CREATE_PATH) return error('unimplemented', `no method at ${url.pathname}; the Create call is POST ${CREATE_PATH}`, 404);
    if (request.method !== 'POST') return error('unimplemented', `only POST is supported: POST ${CREATE_PATH}`, 405, { allow: 'POST, OPTIONS' });
    const auth = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '');
    if (!auth) return error('unauthenticated', 'a Bearer API key is required');
    if (apiKey !== undefined && auth[1] !== apiKey) return error('unauthenticated', 'the API key is not valid');
    if (!isJsonContentType(request.headers)) return error('invalid_argument', 'the content type must be application/json', 415);
    if ('failure' in read && read.failure === 'too_large') return error('resource_exhausted', 'the body is too large', 413);
    if (json === undefined) return error('invalid_argument', 'the body is not valid JSON');

    let requests: TokenRequest[];
    try {
      requests = decodeCreateRequest(json);
    } catch (cause) {
      if (cause instanceof RoomTokenError) return error(cause.code, cause.message);
      throw cause;
    }
    const tokens = requests.map((req) => {
      const token = fakeToken();
      record(issued, { token, request: req });
      return token;
    });
    return tokensResponse(tokens, cors);
  }

  return {
    handle,
    async listen(port) {
      // Closing this server ends its own hanging calls, not those of another server.
      const closing = new AbortController();
      const stopOn = (request: Request) =>
        AbortSignal.any ? AbortSignal.any([request.signal, closing.signal]) : request.signal;
      const server = await serveOnLoopback((request) => answer(request, stopOn(request)), port);
      return {
        url: server.url,
        close: () => {
          closing.abort();
          return server.close();
        },
      };
    },
    calls,
    issued,
  };
}
