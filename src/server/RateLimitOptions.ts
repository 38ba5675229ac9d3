import type { TokenRequest } from '../core/TokenRequest';
import type { AuthorizeContext } from './AuthorizeTokenRequest';

/**
 * Anything with rate-limiter-flexible's `consume(key, points)` contract, typed by shape so
 * the package does not depend on that library: `RateLimiterRedis`, `RateLimiterMemory`, or
 * your own. `consume` must:
 * - resolve (with anything) when the points fit within the limit, and count them;
 * - reject with an object whose `msBeforeNext` is a number of milliseconds (not an `Error`;
 *   rate-limiter-flexible's `RateLimiterRes`) when they do not: the caller gets 429;
 * - reject with an `Error` when it cannot tell (its store is down): the caller gets 503, or
 *   the call goes on with `onLimiterError: 'allow'`.
 * `reward(key, points)`, when it has one, gives back the points of tokens not minted.
 *
 * @example
 * // RateLimiterMemory, from rate-limiter-flexible: for a backend of one process only.
 * const limiter: RoomTokenRateLimiter = new RateLimiterMemory({ points: 10, duration: 60 });
 */
export interface RoomTokenRateLimiter {
  consume(key: string, points: number): PromiseLike<unknown>;
  /**
   * Gives back points consumed for tokens that were not minted (the upstream call failed, or
   * another key of the call was over): rate-limiter-flexible's `reward(key, points)`. Without
   * it, a failed call keeps its points, and an outage can lock a user out for the window.
   */
  reward?(key: string, points: number): PromiseLike<unknown>;
}

/**
 * The handler's `rateLimit` option: a limit on tokens minted, checked after `authorize` and
 * before the upstream is called. Each token counts one point, under the key of the request
 * `authorize` returned for it (by default its user id); a call mints all its tokens or none.
 *
 * @example
 * // RateLimiterRedis (rate-limiter-flexible) on an ioredis client: 10 tokens per user per
 * // minute across every instance. The README's recipe adds the settings for an outage.
 * const redis = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false });
 * const rateLimit: RoomTokenRateLimit = {
 *   limiter: new RateLimiterRedis({ storeClient: redis, keyPrefix: 'room-token', points: 10, duration: 60 }),
 * };
 */
export interface RoomTokenRateLimit {
  /**
   * Counts and limits the points. Share one store (Redis) between every instance of your
   * backend: a limit kept in one process's memory is a limit per instance.
   */
  limiter: RoomTokenRateLimiter;
  /**
   * The key a token is counted under, from the request `authorize` returned for it (and the
   * context `authorize` got). Tokens of one call with the same key are consumed together.
   * It must return a non-empty string; a throw or anything else answers 500 `internal`,
   * except a framework's control flow (Next's `redirect()`), which is rethrown unchanged.
   * @defaultValue `(request) => request.userId`: per user, never per IP
   */
  key?: (request: TokenRequest, context: AuthorizeContext) => string;
  /**
   * What a limiter failure (a rejection that is not "over the limit", or no answer within
   * the handler's `timeoutMs`) means: `'deny'` answers 503 `unavailable`; `'allow'` lets the
   * call go on unlimited. Either way one `console.error` line says why.
   * @defaultValue `'deny'`
   */
  onLimiterError?: 'deny' | 'allow';
}
