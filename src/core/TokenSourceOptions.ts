import type { RequestBatcher } from './batchRequests';
import type { DevTokenSource } from './devMode';
import type { RoomTokenError } from './RoomTokenError';
import type { TokenRequest } from './TokenRequest';

/**
 * Where tokens come from and how they are fetched. Give exactly one source — `endpoint`,
 * `dev` or `fetchToken` — at some level (the client, the provider, or the hook/gate); the
 * other options may be set at any level, the most specific one winning option by option. The
 * source travels whole: a hook that names `fetchToken` under a provider with `endpoint` uses
 * `fetchToken` alone.
 *
 * @example
 * const options: TokenSourceOptions = {
 *   endpoint: '/api/room-token',
 *   headers: async () => ({ 'x-csrf-token': await getCsrfToken() }),
 *   retry: { retries: 2 },
 * };
 */
export interface TokenSourceOptions {
  /** Your backend's URL, speaking the same contract as the upstream Create call. */
  endpoint?: string;
  /**
   * Dev mode: what `devMode({ apiKey })` returns. The browser calls the upstream straight with
   * a **test** key; refused in production builds unless `dangerouslyAllowInProduction`. A plain
   * object (`dev: { apiKey }`) throws a configuration error (`invalid_argument`) at render.
   */
  dev?: DevTokenSource;
  /**
   * Your own way to get a token; read from the latest render, so an inline arrow is fine.
   * Its `signal` is aborted once nobody waits for the token, or when `timeoutMs` passes.
   */
  fetchToken?: (request: TokenRequest, context: { signal: AbortSignal }) => Promise<string>;
  /** Headers for `endpoint` or `dev`: a value, or a function called for every request. */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  /** The fetch `credentials` mode for `endpoint` or `dev`. */
  credentials?: RequestCredentials;
  /**
   * Retries after the first try (at most `retries + 1` tries), only for errors where trying
   * again can help (`unavailable`, `deadline_exceeded`, `resource_exhausted`), with exponential
   * backoff and full jitter, never sooner than a server's `Retry-After`; `false` for none.
   * @defaultValue `{ retries: 3, baseDelayMs: 500, maxDelayMs: 8000 }`
   */
  retry?: RetryOptions | false;
  /**
   * Mint a fresh token this many ms after the last one (or the last failure) while mounted;
   * `0` never.
   * @defaultValue 0
   */
  refreshInterval?: number;
  /**
   * Time for one whole attempt in ms — `headers()` and the call, or `fetchToken` — past which
   * it fails with `deadline_exceeded`; `Infinity` waits without limit.
   * @defaultValue 10000
   */
  timeoutMs?: number;
  /**
   * Batching: what `batchRequests({ maxSize })` returns. Requests to the same `endpoint` or
   * `dev` source that start in the same tick then go out as one Create call; `fetchToken` is
   * never batched. Anything else but `false` throws a configuration error at render.
   * @defaultValue none: each request is its own call
   */
  batch?: RequestBatcher | false;
  /**
   * Called once when a mint ends in an error that a person will see (after the retries), for
   * the app's error reporting; never for a call canceled because nobody waits any more. Read
   * from the latest render; what it throws is ignored.
   *
   * @example
   * onError: (error, request) => Sentry.captureException(error, { tags: { code: error.code, roomId: request.roomId } })
   */
  onError?: (error: RoomTokenError, request: TokenRequest) => void;
}

/**
 * How failed attempts are retried.
 *
 * @example
 * const retry: RetryOptions = { retries: 5, baseDelayMs: 250, maxDelayMs: 4000 };
 */
export interface RetryOptions {
  /** Retries after the first try: a whole number, 0 or more. @defaultValue 3 */
  retries?: number;
  /** The first backoff ceiling in ms, doubled for each retry. @defaultValue 500 */
  baseDelayMs?: number;
  /**
   * The largest wait in ms; a server asking to wait longer (`Retry-After`) ends the retries
   * and the error shows at once. @defaultValue 8000
   */
  maxDelayMs?: number;
}
