import { checkNumberOption, NUMBER_RULES } from '../core/checkNumberOption';
import { connectErrorResponse } from '../core/connectError';
import { toWireArgument, tokensResponse } from '../core/codec';
import { parseRetryAfter } from '../core/parseRetryAfter';
import { clip, normalizeApiKey, redactSecret } from '../core/redactSecret';
import { RoomTokenError } from '../core/RoomTokenError';
import { validateTokenRequest, type TokenRequest } from '../core/TokenRequest';
import type { AuthorizeTokenRequest } from './AuthorizeTokenRequest';
import { checkRequestHead, tooLargeAnswer } from './checkRequestHead';
import { createHandlerTelemetry, type HandlerCall } from './createHandlerTelemetry';
import { createRateLimitStep } from './createRateLimitStep';
import { describeThrown, errorAnswer, internalAnswer, type HandlerAnswer } from './HandlerAnswer';
import { isFrameworkControlFlow } from './isFrameworkControlFlow';
import { issueTokens, type IssueSettings } from './issueTokens';
import { mintInCalls } from './mintInCalls';
import type { RoomTokenRateLimit } from './RateLimitOptions';
import { readCreateBody } from './readCreateBody';
import type { RoomTokenEvent } from './RoomTokenEvent';

/**
 * Options for {@link createRoomTokenHandler}.
 *
 * @example
 * const options: RoomTokenHandlerOptions = { apiKey: process.env.ROOM_TOKEN_API_KEY, authorize, maxArguments: 4 };
 */
export interface RoomTokenHandlerOptions {
  /**
   * The upstream API key, read from the server's environment. It stays on the server: no
   * answer and no log line contains it. It may be `undefined` when the handler is built
   * (`next build` loads route modules without secrets): every call made while it is missing,
   * or while it cannot be sent as a header value, gets 500 `internal` and writes one
   * `console.error` line naming `apiKey`. Surrounding whitespace (a key read from a file with
   * its line break) is trimmed: the trimmed key is sent and kept out of answers and logs.
   */
  apiKey: string | undefined;
  /**
   * The policy, required: called once per requested token with who is asking; returns the
   * request to send, or `false` to deny (403 `permission_denied`). Building a handler
   * without it throws.
   */
  authorize: AuthorizeTokenRequest;
  /**
   * The upstream's base URL; `CREATE_PATH` is appended.
   * @defaultValue `DEV_BASE_URL` (`https://room.dev.zu.casa`)
   */
  baseUrl?: string;
  /** The fetch used to call the upstream. @defaultValue `globalThis.fetch` */
  fetch?: typeof fetch;
  /**
   * Time for the upstream call in ms, its answer included; past it the caller gets 504
   * `deadline_exceeded`.
   * @defaultValue 10000
   */
  timeoutMs?: number;
  /**
   * The largest body accepted, in bytes, counted while it is read (413 `resource_exhausted`
   * past it, and the connection is closed rather than left with the rest of the body).
   * @defaultValue 16384 (16 KiB)
   */
  maxBodyBytes?: number;
  /**
   * Time for the request body to arrive in full, in ms from when the handler starts reading
   * it. A body still arriving then (a client that sends a byte every few seconds) is answered
   * 408 `deadline_exceeded`, and the connection is closed. `Infinity` waits without limit.
   * @defaultValue 10000
   */
  bodyTimeoutMs?: number;
  /**
   * The most tokens one call may ask for (400 `invalid_argument` past it).
   * @defaultValue 16
   */
  maxArguments?: number;
  /**
   * The largest upstream answer read, in bytes after any decompression, counted while it
   * arrives: a larger (or undecodable) one is answered 502 `internal`, never passed on.
   * @defaultValue 1048576 (1 MiB)
   */
  maxResponseBytes?: number;
  /**
   * A limit on tokens minted, shared by every instance of your backend when its store is
   * (Redis): checked after `authorize`, one point per token, by default per user id, on HTTP
   * calls and `mint` alike. Over it: 429 `resource_exhausted` with `Retry-After`, and no
   * upstream call. The limiter is waited for at most `timeoutMs`. See {@link RoomTokenRateLimit}.
   * @defaultValue none: no limit
   */
  rateLimit?: RoomTokenRateLimit;
  /**
   * Called once per handled call (HTTP request or `mint`) when its answer is decided, with how
   * it ended and how long it took: `{ type, status, code?, tokens, durationMs, upstreamMs? }`
   * (see {@link RoomTokenEvent}); never a token, a key, a user id or a body. Called
   * synchronously before the answer is sent, so keep it quick; a returned promise is not
   * awaited. A throw or a rejection never changes an answer (one `console.error` line a minute
   * says so).
   * @defaultValue none
   *
   * @example
   * onEvent: (event) => metrics.increment(`room_token.${event.type}`, event.tokens)
   */
  onEvent?: (event: RoomTokenEvent) => void | Promise<void>;
}

/**
 * Who is asking, for {@link RoomTokenHandler.mint}: the request headers of the person the
 * token is for (in a Next.js server component, `await headers()` from `next/headers`), or
 * the incoming `Request` where there is one (a route loader).
 *
 * @example
 * const context: MintContext = { headers: await headers() };
 */
export type MintContext = { headers: Headers } | { request: Request };

/**
 * What {@link createRoomTokenHandler} returns: the endpoint itself, a
 * `(Request) => Promise<Response>` (so it can be exported as a Next.js route's `POST`), with
 * `mint` for code that renders on the server.
 *
 * @example
 * export const roomTokens: RoomTokenHandler = createRoomTokenHandler({ apiKey, authorize });
 */
export interface RoomTokenHandler {
  /**
   * Answers one HTTP request to the endpoint; always resolves, except with a framework's
   * control flow thrown by `authorize` or `rateLimit.key` (Next's `redirect()`,
   * `notFound()`, a dynamic-usage bailout): it rejects with that very error, for the
   * framework to answer.
   */
  (request: Request): Promise<Response>;
  /**
   * Mints one token on the server, without an HTTP round trip: the same validation, the same
   * `authorize` policy (given `context` as `{ headers, request? }`), the same upstream call,
   * limits and error mapping as an HTTP request. Resolves the token, or rejects with a
   * `RoomTokenError` whose `code` and `status` are those the HTTP answer would carry
   * (`permission_denied` 403 on a denial, `invalid_argument` 400, `unavailable` 503, …).
   * A framework's control flow thrown by `authorize` or `rateLimit.key` (Next's
   * `redirect()`, `notFound()`) is rejected with unchanged. Given a `request`, its `signal`
   * ends the upstream call.
   *
   * @example
   * // app/live/[room]/page.tsx (a Next.js server component; the page is dynamic)
   * const token = await roomTokens.mint(
   *   { roomId: room, userId: 'from-the-policy', metadata: { mcuStream: 'true' } },
   *   { headers: await headers() },
   * );
   */
  mint(request: TokenRequest, context: MintContext): Promise<string>;
  /**
   * Mints a token for each request, in order, in **one** Create call (several only when there
   * are more than `maxArguments`, each of at most that many): every request through the same
   * validation, `authorize` (with the same `context` as `mint`) and rate limit as on the HTTP
   * path. Resolves the tokens in request order; if any request is refused, rejects as a whole
   * with the `RoomTokenError` the HTTP answer would carry. An empty list resolves `[]` with no call.
   *
   * @example
   * // A page of many broadcasts: one upstream call, then RoomTokenProvider initialTokens.
   * const requests = rooms.map((roomId) => ({ roomId, userId, metadata: { mcuStream: 'true' } }));
   * const tokens = await roomTokens.mintMany(requests, { headers: await headers() });
   * const initialTokens = requests.map((request, i) => ({ request, token: tokens[i]! }));
   */
  mintMany(requests: readonly TokenRequest[], context: MintContext): Promise<string[]>;
}

const DEFAULT_MAX_BODY_BYTES = 16 * 1024;
const DEFAULT_MAX_ARGUMENTS = 16;
const DEFAULT_BODY_TIMEOUT_MS = 10_000;
const LOG_PREFIX = 'react-room-token/server:';
// Long enough for any message of ours with what it quotes; short enough to stay one line.
const MAX_LOG_LINE = 1000;
const NO_STORE = { 'cache-control': 'no-store' };

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function isHeaderValue(value: string): boolean {
  try {
    return !!new Headers([['authorization', value]]);
  } catch {
    return false;
  }
}

/** The error for an option that cannot be meant: thrown when the handler is built. */
const badOption = (message: string) => new TypeError(`createRoomTokenHandler: ${message}`);

/** A count option: its value, or `fallback` when unset; throws naming the option otherwise. */
function positiveInteger(value: number | undefined, name: string, fallback?: number): number | undefined {
  checkNumberOption(`\`${name}\``, value, NUMBER_RULES.positiveCount, badOption);
  return value ?? fallback;
}

/**
 * Builds your backend's token endpoint: a `(Request) => Promise<Response>` that speaks the
 * upstream Create contract, passes every requested token through `authorize`, and calls the
 * upstream with the server's key; and its `mint(request, context)` for server rendering.
 * Runs on any Fetch-API runtime (Node ≥ 18, Next.js, Hono, Deno, Bun, edge workers). The
 * endpoint resolves a `Response` (or rejects with a framework's control flow thrown by your
 * `authorize`, such as Next's `redirect()`, unchanged); every error is a Connect JSON error, and
 * `Cache-Control: no-store` is set on every answer. Throws a `TypeError` only for options
 * that cannot be meant (no `authorize`, a `baseUrl` that is not http(s), a limit that is
 * not a positive whole number); a missing key is answered per call instead.
 *
 * @example
 * // app/api/room-token/route.ts (Next.js App Router)
 * export const POST = createRoomTokenHandler({
 *   apiKey: process.env.ROOM_TOKEN_API_KEY,
 *   async authorize(asked, { headers }) {
 *     const session = await getSession(headers);
 *     if (!session) return false;
 *     return { roomId: asked.roomId, userId: session.userId, permissions: limitPermissions(asked.permissions, session.permissions) };
 *   },
 * });
 */
export function createRoomTokenHandler(options: RoomTokenHandlerOptions): RoomTokenHandler {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createRoomTokenHandler: pass an options object with `apiKey` and `authorize`');
  }
  const { authorize, baseUrl, timeoutMs } = options;
  // Normalized once, here: the value sent is the value cut out of every answer and log line
  // (`Headers` would trim a key read with its line break, and redaction would miss it).
  const apiKey = normalizeApiKey(options.apiKey);
  if (typeof authorize !== 'function') {
    throw new TypeError(
      'createRoomTokenHandler: `authorize` is required: a function that returns the token request to send ' +
        '(for example with the user id taken from the session) or `false` to deny. Nothing reaches the token service without it.',
    );
  }
  if (baseUrl !== undefined && !isHttpUrl(baseUrl)) {
    throw new TypeError('createRoomTokenHandler: `baseUrl` must be an absolute http(s) URL');
  }
  // Timers take at most 2^31 - 1 ms; past that they fire at once.
  checkNumberOption('`timeoutMs`', timeoutMs, NUMBER_RULES.positiveMs, badOption);
  const { bodyTimeoutMs = DEFAULT_BODY_TIMEOUT_MS } = options;
  checkNumberOption('`bodyTimeoutMs`', bodyTimeoutMs, NUMBER_RULES.positiveMs, badOption, Infinity);
  const maxBodyBytes = positiveInteger(options.maxBodyBytes, 'maxBodyBytes', DEFAULT_MAX_BODY_BYTES)!;
  const maxArguments = positiveInteger(options.maxArguments, 'maxArguments', DEFAULT_MAX_ARGUMENTS)!;
  /** Writes one console line for a fault of the server: the key cut out first, then made one short line. */
  function log(line: string): void {
    console.error(clip(`${LOG_PREFIX} ${redactSecret(line, apiKey)}`.replace(/[\p{Cc}\u2028\u2029]+/gu, ' '), MAX_LOG_LINE));
  }

  const telemetry = createHandlerTelemetry({ onEvent: options.onEvent, log, baseUrl });

  const settings: IssueSettings = {
    apiKey,
    // The server's own set-up, never the caller's fault: answered per call (a build may load
    // this module without its secrets), and the messages never include the value given.
    keyProblem:
      apiKey === undefined
        ? "`apiKey` is missing: set it from the server's environment (the upstream API key)"
        : isHeaderValue(`Bearer ${apiKey}`)
          ? undefined
          : '`apiKey` cannot be sent as an HTTP header value (a line break, or a character outside Latin-1, in it?)',
    authorize,
    baseUrl,
    fetch: options.fetch,
    timeoutMs,
    maxResponseBytes: positiveInteger(options.maxResponseBytes, 'maxResponseBytes'),
    // Only a missing option means no limit: `null` or a mistyped value must not switch it off quietly.
    rateLimit: options.rateLimit === undefined ? undefined : createRateLimitStep(options.rateLimit, { timeoutMs, log }),
  };

  /** Writes the one console line of an answer that is the server's fault: key cut out first, then made one short line. */
  function report(answer: HandlerAnswer): HandlerAnswer {
    if (answer.log !== undefined) log(answer.log);
    return answer;
  }

  /** An error answer; one given before the body was read to its end closes the connection, which would otherwise wait on the rest. */
  function respond(answer: HandlerAnswer, unread = false): Response {
    const { code, message, status, headers } = report(answer);
    return connectErrorResponse(code, message, { status, headers: { ...NO_STORE, ...(unread && { connection: 'close' }), ...headers } });
  }

  /** What one HTTP request gets: its tokens, or the answer to give (`unread`: before its whole body was read). */
  async function decide(request: Request, call: HandlerCall): Promise<string[] | { answer: HandlerAnswer; unread?: boolean }> {
    const refused = checkRequestHead(request, maxBodyBytes);
    if (refused) return { answer: refused, unread: request.body !== null };
    const asked = await readCreateBody(request, maxBodyBytes, maxArguments, bodyTimeoutMs);
    if (!Array.isArray(asked)) return asked;
    const result = await issueTokens(asked, { headers: request.headers, request }, settings, call, request.signal);
    return Array.isArray(result) ? result : { answer: result };
  }

  async function decideMint(requests: readonly TokenRequest[], context: MintContext | undefined, first: number, call: HandlerCall): Promise<string[] | HandlerAnswer> {
    const asked: TokenRequest[] = [];
    try {
      for (const [i, request] of requests.entries()) asked.push(validateTokenRequest(request, first < 0 ? 'request' : `requests[${first + i}]`));
    } catch (error) {
      if (!(error instanceof RoomTokenError)) throw error;
      return errorAnswer('invalid_argument', error.message);
    }
    // The limit an HTTP caller's body meets, on the body this request would have been.
    if (new TextEncoder().encode(JSON.stringify({ arguments: asked.map(toWireArgument) })).byteLength > maxBodyBytes) {
      return tooLargeAnswer(maxBodyBytes);
    }
    const given = context && 'request' in context ? context.request : undefined;
    // No headers at all is nobody: the policy decides what nobody gets.
    const headers = given?.headers ?? (context && 'headers' in context ? context.headers : undefined) ?? new Headers();
    return issueTokens(asked, { headers, request: given }, settings, call, given?.signal);
  }

  /** `mint` for one Create call's requests (`first` < 0: `mint`'s one request), observed as one handled call. */
  async function mintCall(requests: readonly TokenRequest[], context: MintContext, first: number): Promise<string[]> {
    const result = await telemetry.observe(
      async (call): Promise<string[] | HandlerAnswer> => {
        call.tokens = requests.length;
        try {
          return await decideMint(requests, context, first, call);
        } catch (error) {
          if (isFrameworkControlFlow(error)) throw error;
          return internalAnswer(`unexpected failure: ${describeThrown(error)}`);
        }
      },
      (result) => (Array.isArray(result) ? undefined : result),
    );
    if (Array.isArray(result)) return result;
    const { code, message, status, headers } = report(result);
    throw new RoomTokenError(code, message, { status, retryAfterMs: parseRetryAfter(headers?.['retry-after'] ?? null) });
  }

  return Object.assign(
    async function roomTokenHandler(request: Request): Promise<Response> {
      const decided = await telemetry.observe(
        async (call) => {
          try {
            return await decide(request, call);
          } catch (error) {
            // A framework's control flow is the framework's to answer (Next's redirect()).
            if (isFrameworkControlFlow(error)) throw error;
            return { answer: internalAnswer(`unexpected failure: ${describeThrown(error)}`) };
          }
        },
        (result) => (Array.isArray(result) ? undefined : result.answer),
        request,
      );
      return Array.isArray(decided) ? tokensResponse(decided, NO_STORE) : respond(decided.answer, decided.unread);
    },
    {
      async mint(request: TokenRequest, context: MintContext): Promise<string> {
        return (await mintCall([request], context, -1))[0]!;
      },
      mintMany: (requests: readonly TokenRequest[], context: MintContext) =>
        mintInCalls(requests, maxArguments, (some, first) => mintCall(some, context, first)),
    },
  );
}
