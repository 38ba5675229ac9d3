import type { TokenRequest } from '../core/TokenRequest';

/**
 * Where tokens come from and how they are fetched. Give exactly one source — `endpoint`,
 * `dev` or `fetchToken` — on the provider or on the hook/gate; the other options may be set
 * at either level, the hook's or gate's winning.
 *
 * @example
 * const options: TokenSourceOptions = {
 *   endpoint: '/api/room-token',
 *   headers: async () => ({ authorization: `Bearer ${await getSession()}` }),
 * };
 */
export interface TokenSourceOptions {
  /** Your backend's URL, speaking the same contract as the upstream Create call. */
  endpoint?: string;
  /**
   * Call the upstream straight from the browser with a **test** key. Refused in production
   * builds unless `dangerouslyAllowInProduction` is `true`; warns once that the key is exposed.
   */
  dev?: {
    /** A test key: it is visible to anyone who can open the page. */
    apiKey: string;
    /** @defaultValue `DEV_BASE_URL` */
    baseUrl?: string;
    /** Accept shipping the key in a production build. @defaultValue false */
    dangerouslyAllowInProduction?: boolean;
  };
  /** Your own way to get a token; read from the latest render, so an inline arrow is fine. */
  fetchToken?: (request: TokenRequest, ctx: { signal: AbortSignal }) => Promise<string>;
  /** Headers for `endpoint` or `dev`: a value, or a function called for every request. */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  /** The fetch `credentials` mode for `endpoint` or `dev`. */
  credentials?: RequestCredentials;
  /**
   * Retries for errors where trying again can help (`unavailable`, `deadline_exceeded`,
   * `resource_exhausted`), with exponential backoff and full jitter; `false` for none.
   * @defaultValue `{ retries: 3, baseDelayMs: 500, maxDelayMs: 8000 }`
   */
  retry?: { retries?: number; baseDelayMs?: number; maxDelayMs?: number } | false;
  /** Fetch a fresh token every this many ms while mounted; 0 never. @defaultValue 0 */
  refreshInterval?: number;
  /** Time for one request, in ms. @defaultValue 10000 */
  timeoutMs?: number;
  /**
   * Requests to the same `endpoint` or `dev` source that start in the same tick go out as one
   * Create call, up to `maxSize` arguments (match your handler's `maxArguments`); `false` sends
   * each on its own. `fetchToken` is never batched.
   * @defaultValue `{ maxSize: 16 }`
   */
  batch?: { maxSize?: number } | false;
}
