import { decodeCreateResponse, encodeCreateRequest, type CreateRequestBody } from './codec';
import { errorFromResponse } from './connectError';
import { CREATE_PATH, DEV_BASE_URL } from './constants';
import { canceledError, RoomTokenError } from './RoomTokenError';
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
  /** Sent as `Authorization: Bearer <apiKey>`; never appears in an error. */
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
}

/** @internal The server's limiter wait shares this default with the upstream call. */
export const DEFAULT_TIMEOUT_MS = 10_000;

function parses(url: string, base?: string): boolean {
  try {
    return !!new URL(url, base);
  } catch {
    return false;
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
  const { apiKey, signal, url: fullUrl, baseUrl, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  if (fullUrl !== undefined && baseUrl !== undefined) throw invalid('pass either `url` or `baseUrl`, not both');
  if (!(timeoutMs > 0)) throw invalid(`timeoutMs must be a positive number of ms, got ${String(timeoutMs)}`);
  const count = created.arguments.length;
  const body = JSON.stringify(created);
  const url = fullUrl ?? (baseUrl ?? DEV_BASE_URL).replace(/\/+$/, '') + CREATE_PATH;
  // A relative URL works only where there is a page to resolve it against; elsewhere fetch
  // would fail like a network error and be retried. Say what is wrong instead.
  // The page's address is read only for a relative URL: reading it is not free.
  if (!parses(url) && !parses(url, (globalThis as { location?: { href?: string } }).location?.href)) {
    throw invalid(`${quote(url)} is not a URL here (a relative URL needs a page to resolve against)`);
  }
  let headers: Headers;
  try {
    headers = new Headers(options.headers);
    headers.set('content-type', 'application/json');
    if (apiKey) headers.set('authorization', `Bearer ${apiKey}`);
  } catch {
    // The runtime's own message quotes the value, which may be the key.
    throw invalid('the headers or the API key cannot be sent as HTTP header values');
  }

  const controller = new AbortController();
  // A custom fetch may ignore its signal; the timeout and the caller's abort still end the
  // call, by settling `stopped`, which every wait below races against. `stop` rejects it
  // itself rather than from an 'abort' listener on the controller's signal: adding that
  // listener cost more than the rest of this set-up, on every call.
  let rejectStopped!: (reason: unknown) => void;
  const stopped = new Promise<never>((_, reject) => (rejectStopped = reject));
  stopped.catch(() => {});
  const stop = () => {
    // The reason a bare abort() gives. `stopped` is settled before the fetch hears of the
    // abort, so that it, not what the fetch rejects with, is what ends the call.
    const { reason } = AbortSignal.abort();
    rejectStopped(reason);
    controller.abort(reason);
  };
  let timedOut = false;
  // Timers fire at once past 2^31-1 ms (or for Infinity): those mean "no limit".
  const timer = timeoutMs < 2 ** 31 ? setTimeout(() => ((timedOut = true), stop()), timeoutMs) : undefined;
  signal?.addEventListener('abort', stop);
  let status: number | undefined;
  try {
    if (signal?.aborted) throw signal.reason;
    const response = await Promise.race([
      (options.fetch ?? fetch)(url, { method: 'POST', headers, body, credentials: options.credentials, signal: controller.signal }),
      stopped,
    ]);
    status = response.status;
    const text = await Promise.race([response.text(), stopped]);
    if (!response.ok) throw errorFromResponse(status, text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // Not JSON: the check below says the answer holds no tokens.
    }
    return decodeCreateResponse(json, count, status);
  } catch (cause) {
    const error =
      cause instanceof RoomTokenError
        ? cause
        : timedOut
          ? new RoomTokenError('deadline_exceeded', `the token service did not answer within ${timeoutMs} ms`, { cause })
          : signal?.aborted
            ? canceledError(cause)
            : new RoomTokenError('unavailable', 'the token service could not be reached', { cause, status });
    // Nothing a server says may carry the key into an error message.
    throw apiKey && error.message.includes(apiKey)
      ? new RoomTokenError(error.code, error.message.split(apiKey).join('[redacted]'), { status: error.status })
      : error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', stop);
  }
}
