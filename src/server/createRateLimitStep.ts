import { RoomTokenError } from '../core/RoomTokenError';
import { bounded } from '../core/bounded';
import { DEFAULT_TIMEOUT_MS } from '../core/constants';
import type { TokenRequest } from '../core/TokenRequest';
import type { AuthorizeContext } from './AuthorizeTokenRequest';
import { describeThrown, errorAnswer, internalAnswer, type HandlerAnswer } from './HandlerAnswer';
import { isFrameworkControlFlow } from './isFrameworkControlFlow';
import type { RoomTokenRateLimit } from './RateLimitOptions';

/**
 * The step between `authorize` and the upstream call: the answer to stop with, or leave to
 * mint with `giveBack`, to call when the upstream call fails (points are for tokens minted).
 * @internal
 */
export type RateLimitStep = (
  requests: readonly TokenRequest[],
  context: AuthorizeContext,
) => Promise<{ answer: HandlerAnswer } | { giveBack: () => Promise<void> }>;

const byUserId = (request: TokenRequest) => request.userId;

/**
 * Checks the `rateLimit` option and builds its step. Each token counts one point under its
 * key; every key's points are consumed (side by side), and the call goes on only if all fit.
 * A key that does not fit answers 429 with `Retry-After`, even when another key's limiter
 * failed. Waits for the limiter at most `timeoutMs`, so a hung store cannot hang the caller.
 * Points counted for a call that mints nothing (another key over, a failed limiter, a failed
 * upstream call) are given back with `limiter.reward` when it has one.
 * @internal
 */
export function createRateLimitStep(
  options: RoomTokenRateLimit,
  { timeoutMs = DEFAULT_TIMEOUT_MS, log }: { timeoutMs?: number; log: (line: string) => void },
): RateLimitStep {
  const { limiter, key = byUserId, onLimiterError = 'deny' } = options ?? {};
  if (typeof limiter?.consume !== 'function' || typeof key !== 'function' || (onLimiterError !== 'deny' && onLimiterError !== 'allow')) {
    throw new TypeError("createRoomTokenHandler: `rateLimit` needs `limiter.consume(key, points)`, and may have a `key` function and `onLimiterError: 'deny' | 'allow'`");
  }

  return async (requests, context) => {
    const points = new Map<string, number>();
    try {
      for (const request of requests) {
        const name = key(request, context);
        // Not quoted anywhere: a key names a user.
        if (typeof name !== 'string' || !name) throw new TypeError('not a non-empty string');
        points.set(name, (points.get(name) ?? 0) + 1);
      }
    } catch (error) {
      // A framework's control flow (Next's redirect()) is the framework's to answer.
      if (isFrameworkControlFlow(error)) throw error;
      return { answer: internalAnswer(`rateLimit.key failed: ${describeThrown(error)}`) };
    }

    // Any "over the limit" answer refuses, whatever wait it names: rate-limiter-flexible says
    // msBeforeNext -1 for a window that never ends (duration 0).
    let over = false;
    let waitMs = 0;
    let failure: { reason: unknown } | undefined;
    const counted: [string, number][] = [];
    const outcomes = await Promise.allSettled([...points].map(([name, n]) => within(timeoutMs, () => limiter.consume(name, n))));
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'fulfilled') return void counted.push([...points][i]!);
      const ms = msBeforeNext(outcome.reason);
      if (ms === undefined) return void (failure ??= outcome);
      over = true;
      waitMs = Math.max(waitMs, ms);
    });
    // Points are for tokens minted: those counted for a call that mints nothing are given
    // back (rate-limiter-flexible's `reward`), so that an outage locks nobody out.
    const giveBack = async () => {
      if (typeof limiter.reward !== 'function' || !counted.length) return;
      const given = await Promise.allSettled(counted.map(([name, n]) => within(timeoutMs, () => limiter.reward!(name, n))));
      const failed = given.find((outcome) => outcome.status === 'rejected');
      if (failed) log(`the rate limiter could not give back the points of tokens not minted (${describeThrown(failed.reason)})`);
    };
    if (over) {
      await giveBack();
      // Whole seconds, rounded up and at least 1: a client that waits as told is never early.
      const seconds = String(Math.max(1, Math.ceil(waitMs / 1000)));
      return { answer: { ...errorAnswer('resource_exhausted', `too many tokens: try again in ${seconds} s`), headers: { 'retry-after': seconds } } };
    }
    if (!failure) return { giveBack };
    const why = `the rate limiter failed (${describeThrown(failure.reason)})`;
    if (onLimiterError === 'allow') {
      log(`${why}: going on unlimited (onLimiterError: 'allow')`);
      return { giveBack };
    }
    await giveBack();
    return { answer: { ...errorAnswer('unavailable', 'token limits cannot be checked now, try again later'), log: `${why}: answered 503` } };
  };
}

/** A limiter call, given up on after `ms` (its late answer is ignored): the package's one bounded wait. */
function within(ms: number, call: () => PromiseLike<unknown>): Promise<unknown> {
  // An async call turns a synchronous throw into a rejection.
  return bounded(async () => call(), ms, undefined, () => new RoomTokenError('deadline_exceeded', `no answer within ${ms} ms`));
}

/** The wait an "over the limit" rejection asks for; `undefined` for anything else (a failure). */
function msBeforeNext(reason: unknown): number | undefined {
  if (typeof reason !== 'object' || reason === null || reason instanceof Error) return undefined;
  const ms = (reason as { msBeforeNext?: unknown }).msBeforeNext;
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : undefined;
}
