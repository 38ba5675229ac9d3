import { decodeCreateResponse, encodeCreateRequest, parseJson, type CreateRequestBody } from './codec';
import { checkNumberOption, NUMBER_RULES } from './checkNumberOption';
import { codeForHttpStatus, errorFromResponse } from './connectError';
import { CREATE_PATH, DEFAULT_TIMEOUT_MS, DEV_BASE_URL } from './constants';
import { parseRetryAfter } from './parseRetryAfter';
import { bounded } from './bounded';
import { readBodyText } from './readBodyText';
import { holdsPartOf, normalizeApiKey, redactSecret } from './redactSecret';
import { RoomTokenError } from './RoomTokenError';
import { setupProblem } from './setupProblem';
import { toRoomTokenError } from './toRoomTokenError';
import { invalid, quote, type TokenRequest } from './TokenRequest';

/**
 * Where and how {@link createRoomMemberTokens} sends the Create call.
 *
 * @example
 * const options: CreateRoomMemberTokensOptions = { url: '/api/room-token', credentials: 'include', timeoutMs: 5000 };
 */
export interface CreateRoomMemberTokensOptions {
  /** A full Create-compatible URL, posted to as is (your backend). */
  url?: string;
  /**
   * A base URL to which `CREATE_PATH` is appended (the upstream).
   * @defaultValue `DEV_BASE_URL` when `url` is not given either
   */
  baseUrl?: string;
  /**
   * Sent as `Authorization: Bearer <apiKey>`, trimmed (as read from a secret file, with its
   * line break); never appears in an error. Required when the call goes to the upstream
   * (`baseUrl`, or neither `url` nor `baseUrl`): without it the call rejects with
   * `invalid_argument` naming `apiKey`, and nothing is sent.
   */
  apiKey?: string;
  /** Extra headers, such as the app's own session for its backend. */
  headers?: HeadersInit;
  /** The fetch `credentials` mode. */
  credentials?: RequestCredentials;
  /** The fetch to use. @defaultValue `globalThis.fetch` */
  fetch?: typeof fetch;
  /** Aborting it rejects with code `canceled`. */
  signal?: AbortSignal;
  /**
   * Time for the whole call, body included; past it the call rejects with `deadline_exceeded`.
   * `Infinity` waits without limit.
   * @defaultValue 10000
   */
  timeoutMs?: number;
  /**
   * The largest answer read, in bytes (after any decompression), counted while it arrives.
   * A 200 past it, or one that does not decode, is `internal` (not retryable); an error
   * answer past it keeps only its status.
   * @defaultValue 1048576 (1 MiB)
   */
  maxResponseBytes?: number;
}

const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

function parse(url: string, base?: string): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}

/**
 * Calls the Create endpoint once for one or more token requests and resolves the tokens in
 * request order. Invalid input rejects before anything is sent; every failure rejects with
 * a {@link RoomTokenError}.
 *
 * @example
 * const [token] = await createRoomMemberTokens(
 *   [{ roomId, userId, metadata: { mcuStream: 'true' } }],
 *   { url: '/api/room-token', headers: { 'x-csrf': csrf } },
 * );
 */
export async function createRoomMemberTokens(
  requests: readonly TokenRequest[],
  options: CreateRoomMemberTokensOptions = {},
): Promise<string[]> {
  return sendCreateRequest(encodeCreateRequest(requests), options);
}

/**
 * Sends a Create body that is already valid (the handler's, checked once on the way in) and
 * resolves its tokens. Same options and errors as {@link createRoomMemberTokens}.
 * @internal
 */
export async function sendCreateRequest(created: CreateRequestBody, options: CreateRoomMemberTokensOptions): Promise<string[]> {
  const { signal, url: fullUrl, baseUrl, timeoutMs = DEFAULT_TIMEOUT_MS, maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES } = options;
  // The one value that is sent, checked against the tokens and cut out of every message.
  const apiKey = normalizeApiKey(options.apiKey);
  if (fullUrl !== undefined && baseUrl !== undefined) throw invalid('pass either `url` or `baseUrl`, not both');
  // The upstream refuses a call without a key: refuse it here, before the request goes out.
  if (fullUrl === undefined && !apiKey) throw invalid('`apiKey` is required to call the token service at `baseUrl` (a non-empty string)');
  checkNumberOption('timeoutMs', timeoutMs, NUMBER_RULES.positiveMs, invalid, Infinity);
  checkNumberOption('maxResponseBytes', maxResponseBytes, NUMBER_RULES.positiveCount, invalid, Infinity);
  const count = created.arguments.length;
  const body = JSON.stringify(created);
  const url = fullUrl ?? (baseUrl ?? DEV_BASE_URL).replace(/\/+$/, '') + CREATE_PATH;
  // A relative URL works only where there is a page to resolve it against; elsewhere fetch
  // would fail like a network error and be retried. Say what is wrong instead.
  // The page's address is read only for a relative URL: reading it is not free.
  const target = parse(url) ?? parse(url, (globalThis as { location?: { href?: string } }).location?.href);
  if (!target) throw invalid(`${quote(url)} is not a URL here (a relative URL needs a page to resolve against)`);
  // fetch refuses such a URL with an error that quotes it, password included, and would be retried.
  if (target.username || target.password) throw invalid('the URL must not hold a user name or password: send credentials in `headers`');
  // Every message about the call names it, without user info or query: either can hold a
  // credential (`user:pass@`, `?key=`, a signed URL), and messages reach screens and logs.
  const where = `POST ${target.protocol}//${target.host}${target.pathname}`;
  const fail = (code: 'internal' | 'unavailable', what: string, status?: number) =>
    new RoomTokenError(code, `the token service ${what} (${where})`, { status });
  let headers: Headers;
  try {
    headers = new Headers(options.headers);
    headers.set('content-type', 'application/json');
    if (apiKey) headers.set('authorization', `Bearer ${apiKey}`);
  } catch {
    // The runtime's own message quotes the value, which may be the key.
    throw invalid('the headers or the API key cannot be sent as HTTP header values');
  }

  let status: number | undefined;
  // A custom fetch may ignore its signal: the timeout and the caller's abort still end the call.
  const call = async (bound: AbortSignal): Promise<string[]> => {
    const response = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers,
      body,
      credentials: options.credentials,
      signal: bound,
      // Followed, a redirect would post the body and the app's headers to wherever it
      // points, and return that place's token.
      redirect: 'manual',
    });
    status = response.status;
    // A browser shows a redirect it did not follow as an opaque answer with status 0.
    const moved = response.type === 'opaqueredirect' || (status >= 300 && status < 400);
    if (moved || (response.redirected && parse(response.url)?.origin !== target.origin)) {
      response.body?.cancel().catch(() => undefined);
      const to = parse(response.headers.get('location') ?? '', target.href)?.origin;
      throw fail('internal', `redirected the call${to ? ` to ${to}` : ''}; a Create call follows no redirect, so use the final URL`, status || undefined);
    }
    const read = await readBodyText(response, maxResponseBytes);
    const text = 'text' in read ? read.text : '';
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type === 'text/html') {
      // A dev server's index.html fallback, or a proxy's error page: the URL does not reach a token service.
      throw setupProblem(
        new RoomTokenError(response.ok ? 'internal' : codeForHttpStatus(status), `the token service answered an HTML page (HTTP ${status}), not a Create answer: is it routed to your backend? (${where})`, { status }),
      );
    }
    if (!response.ok) {
      throw errorFromResponse(status, text, { where, secret: apiKey, retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), { date: response.headers.get('date') }) });
    }
    if ('failure' in read) {
      throw read.failure === 'broken'
        ? fail('unavailable', 'answer broke off', status)
        : fail('internal', read.failure === 'too_large' ? `answer is larger than ${maxResponseBytes} bytes` : 'answer could not be decoded', status);
    }
    // The contract answers JSON; anything else is refused, whatever it holds.
    if (type !== 'application/json') throw fail('internal', `answered ${type ? quote(type) : 'no content type'}, not JSON`, status);
    const tokens = decodeCreateResponse(parseJson(text), count);
    if (!tokens) throw fail('internal', `did not answer ${count} token(s)`, status);
    // In any form a message would have it cut out in (a short key only where it stands alone),
    // or 8 characters of it in a row (an echo cut short).
    if (tokens.some((token) => redactSecret(token, apiKey) !== token || holdsPartOf(token, apiKey))) {
      throw fail('internal', 'answered a token that holds the API key', status);
    }
    return tokens;
  };
  try {
    return await bounded(call, timeoutMs, signal, () => new RoomTokenError('deadline_exceeded', `the token service did not answer within ${timeoutMs} ms (${where})`));
  } catch (cause) {
    const error = toRoomTokenError(cause, { signal, code: 'unavailable', message: `could not reach the token service (${where})`, status });
    // Nothing a server says may carry the key into an error message.
    const message = redactSecret(error.message, apiKey);
    throw message === error.message ? error : new RoomTokenError(error.code, message, { status: error.status, retryAfterMs: error.retryAfterMs });
  }
}
