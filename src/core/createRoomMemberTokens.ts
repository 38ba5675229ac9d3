import { encodeCreateRequest, decodeCreateResponse } from './codec';
import { errorFromResponse } from './connectError';
import { CREATE_PATH, DEV_BASE_URL } from './constants';
import { RoomTokenError } from './RoomTokenError';
import type { TokenRequest } from './TokenRequest';

/** Where and how {@link createRoomMemberTokens} sends the Create call. */
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

/** @internal */
export const DEFAULT_TIMEOUT_MS = 10_000;

const MAX_TIMER_MS = 2 ** 31 - 1;

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
  const { apiKey } = options;
  // Nothing a server says may carry the key into an error message.
  const scrub = (text: string) => (apiKey ? text.split(apiKey).join('[redacted]') : text);
  const fail = (error: RoomTokenError) =>
    new RoomTokenError(error.code, scrub(error.message), { status: error.status });

  if (options.url !== undefined && options.baseUrl !== undefined) {
    throw new RoomTokenError('invalid_argument', 'pass either `url` or `baseUrl`, not both');
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) {
    throw new RoomTokenError('invalid_argument', `timeoutMs must be a positive number of ms, got ${String(timeoutMs)}`);
  }
  const body = JSON.stringify(encodeCreateRequest(requests));
  const url = options.url ?? (options.baseUrl ?? DEV_BASE_URL).replace(/\/+$/, '') + CREATE_PATH;
  // A relative URL works only where there is a page to resolve it against; elsewhere fetch
  // would fail like a network error and be retried. Say what is wrong instead.
  try {
    new URL(url, (globalThis as { location?: { href?: string } }).location?.href);
  } catch {
    throw new RoomTokenError('invalid_argument', `${JSON.stringify(url)} is not a URL here (a relative URL needs a page to resolve against)`);
  }

  const headers = new Headers(options.headers);
  headers.set('content-type', 'application/json');
  if (apiKey) headers.set('authorization', `Bearer ${apiKey}`);

  const { signal } = options;
  if (signal?.aborted) throw new RoomTokenError('canceled', 'the token request was canceled');
  const controller = new AbortController();
  let timedOut = false;
  // setTimeout fires at once for Infinity or anything past 2^31-1 ms: those mean "no limit".
  const timer =
    timeoutMs <= MAX_TIMER_MS
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs)
      : undefined;
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });

  const stopped = (cause: unknown): RoomTokenError | undefined => {
    if (timedOut) return new RoomTokenError('deadline_exceeded', `the token request took longer than ${timeoutMs} ms`, { cause });
    if (signal?.aborted) return new RoomTokenError('canceled', 'the token request was canceled', { cause });
    return undefined;
  };

  try {
    const fetchImpl = options.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: 'POST',
        headers,
        body,
        credentials: options.credentials,
        signal: controller.signal,
      });
    } catch (cause) {
      throw stopped(cause) ?? new RoomTokenError('unavailable', 'the token service could not be reached', { cause });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      throw stopped(cause) ?? new RoomTokenError('unavailable', 'the connection broke while reading the answer', { cause, status: response.status });
    }
    if (!response.ok) throw fail(errorFromResponse(response.status, text));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new RoomTokenError('internal', 'the token service answered with a body that is not JSON', { status: response.status });
    }
    try {
      return decodeCreateResponse(json, requests.length);
    } catch (error) {
      throw new RoomTokenError('internal', (error as Error).message, { status: response.status });
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
