import { connectErrorResponse } from '../core/connectError';
import { toWireArgument } from '../core/codec';
import { sendCreateRequest } from '../core/createRoomMemberTokens';
import { answerForUpstreamError } from './answerForUpstreamError';
import type { AuthorizeTokenRequest } from './AuthorizeTokenRequest';
import { checkRequestHead } from './checkRequestHead';
import { createRateLimitStep } from './createRateLimitStep';
import { decideTokenRequests } from './decideTokenRequests';
import { describeThrown, internalAnswer, type HandlerAnswer } from './HandlerAnswer';
import type { RoomTokenRateLimit } from './RateLimitOptions';
import { readLimitedText } from './readLimitedText';

/**
 * Options for {@link createRoomTokenHandler}.
 *
 * @example
 * const options: RoomTokenHandlerOptions = { apiKey: process.env.ROOM_TOKEN_API_KEY!, authorize, maxArguments: 4 };
 */
export interface RoomTokenHandlerOptions {
  /** The upstream API key. It stays on the server: no answer and no log line contains it. */
  apiKey: string;
  /**
   * The policy, required: called once per requested token with the incoming request;
   * returns the request to send, or `false` to deny (403 `permission_denied`).
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
   * Time for the upstream call; past it the caller gets 504 `deadline_exceeded`.
   * @defaultValue 10000
   */
  timeoutMs?: number;
  /**
   * The largest body accepted, counted while it is read (413 `resource_exhausted` past it).
   * @defaultValue 16384 (16 KiB)
   */
  maxBodyBytes?: number;
  /**
   * The most tokens one call may ask for (400 `invalid_argument` past it).
   * @defaultValue 16
   */
  maxArguments?: number;
  /**
   * A limit on tokens minted, shared by every instance of your backend when its store is
   * (Redis): checked after `authorize`, one point per token, by default per user id. Over
   * it: 429 `resource_exhausted` with `Retry-After`, and no upstream call. The limiter is
   * waited for at most `timeoutMs`. See {@link RoomTokenRateLimit}.
   * @defaultValue none: no limit
   */
  rateLimit?: RoomTokenRateLimit;
}

const DEFAULT_MAX_BODY_BYTES = 16 * 1024;
const DEFAULT_MAX_ARGUMENTS = 16;
const LOG_PREFIX = 'react-room-token/server:';

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function positiveInteger(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(`createRoomTokenHandler: \`${name}\` must be a positive whole number`);
  }
  return value;
}

/**
 * Builds your backend's token endpoint: a `(Request) => Promise<Response>` that speaks the
 * upstream Create contract, passes every requested token through `authorize`, and calls the
 * upstream with the server's key. Runs on any Fetch-API runtime (Node ≥ 18, Next.js, Hono,
 * Deno, Bun, edge workers). It always resolves a `Response`; every error is a Connect JSON
 * error, and `Cache-Control: no-store` is set on every answer.
 *
 * @example
 * // app/api/room-token/route.ts (Next.js App Router)
 * export const POST = createRoomTokenHandler({
 *   apiKey: process.env.ROOM_TOKEN_API_KEY!,
 *   async authorize(asked, { request }) {
 *     const session = await getSession(request);
 *     if (!session) return false;
 *     return { roomId: asked.roomId, userId: session.userId, permissions: limitPermissions(asked.permissions, session.permissions) };
 *   },
 * });
 */
export function createRoomTokenHandler(options: RoomTokenHandlerOptions): (request: Request) => Promise<Response> {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createRoomTokenHandler: pass an options object with `apiKey` and `authorize`');
  }
  const { apiKey, authorize, baseUrl, timeoutMs } = options;
  // The messages below never include the value given for the key.
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new TypeError("createRoomTokenHandler: `apiKey` is required: the upstream API key, read from the server's environment");
  }
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
  if (timeoutMs !== undefined && !(timeoutMs > 0 && timeoutMs <= 2 ** 31 - 1)) {
    throw new TypeError('createRoomTokenHandler: `timeoutMs` must be a positive number of milliseconds, at most 2147483647');
  }
  const maxBodyBytes = positiveInteger(options.maxBodyBytes, 'maxBodyBytes', DEFAULT_MAX_BODY_BYTES);
  const maxArguments = positiveInteger(options.maxArguments, 'maxArguments', DEFAULT_MAX_ARGUMENTS);
  const fetchImpl = options.fetch;

  function log(line: string): void {
    // The line may quote what authorize threw; the key is cut out of it whatever it says.
    console.error(`${LOG_PREFIX} ${line.split(apiKey).join('[redacted]')}`);
  }
  // Only a missing option means no limit: \`null\` or a typo'd value must not switch it off quietly.
  const rateLimit = options.rateLimit === undefined ? undefined : createRateLimitStep(options.rateLimit, { timeoutMs, log });

  function respond(answer: HandlerAnswer): Response {
    if (answer.log !== undefined) log(answer.log);
    return connectErrorResponse(answer.code, answer.message, {
      status: answer.status,
      headers: { 'cache-control': 'no-store', ...answer.headers },
    });
  }

  async function handle(request: Request): Promise<Response> {
    const refused = checkRequestHead(request, maxBodyBytes);
    if (refused) return respond(refused);
    const body = await readLimitedText(request, maxBodyBytes);
    if ('answer' in body) return respond(body.answer);
    const decision = await decideTokenRequests(body.text, { authorize, request, maxArguments });
    if ('answer' in decision) return respond(decision.answer);
    const limited = await rateLimit?.(decision.requests, { request });
    if (limited) return respond(limited);

    let tokens: string[];
    try {
      // The caller's abort signal is not passed on: some adapters abort it once the body is
      // read, and a token minted for a caller who left does no harm.
      // Checked once already (what authorize returned included): send without checking again.
      tokens = await sendCreateRequest({ arguments: decision.requests.map(toWireArgument) }, { baseUrl, apiKey, fetch: fetchImpl, timeoutMs });
    } catch (error) {
      return respond(answerForUpstreamError(error));
    }
    return new Response(JSON.stringify({ tokens }), {
      status: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    });
  }

  return async function roomTokenHandler(request) {
    try {
      return await handle(request);
    } catch (error) {
      return respond(internalAnswer(`unexpected failure: ${describeThrown(error)}`));
    }
  };
}
