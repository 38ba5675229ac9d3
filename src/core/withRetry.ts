import { RoomTokenError } from './RoomTokenError';
import { sleep } from './sleep';
import type { RetryOptions, TokenSourceOptions } from './TokenSourceOptions';

/**
 * The retry settings in force: design.md's defaults (at most 4 tries, waits capped at 8 s)
 * under what the options set; `retry: false` is no retries.
 * @internal
 */
export function retrySettings(retry: TokenSourceOptions['retry']): Required<RetryOptions> {
  return { retries: 3, baseDelayMs: 500, maxDelayMs: 8000, ...(retry === false ? { retries: 0 } : retry) };
}

/**
 * The wait before retry number `tried + 1`: full jitter over an exponential ceiling,
 * `random × min(maxDelayMs, baseDelayMs × 2^tried)`, on top of what the server asked
 * (`retryAfterMs`): never less than it asked, and spread, so that the clients it told the same
 * `Retry-After` do not all come back in the same instant.
 * @internal
 */
export function retryDelay(tried: number, { baseDelayMs, maxDelayMs }: Required<RetryOptions>, retryAfterMs = 0, random = Math.random()): number {
  return retryAfterMs + random * Math.min(maxDelayMs, baseDelayMs * 2 ** tried);
}

/**
 * Runs `attempt` until it succeeds, fails with an error retrying cannot help, or the retries
 * are spent, waiting {@link retryDelay} between tries. A server asking to wait longer than
 * `maxDelayMs` ends the retries at once: that wait is never slept.
 * @internal
 */
export async function withRetry<T>(attempt: () => Promise<T>, retry: TokenSourceOptions['retry'], signal: AbortSignal): Promise<T> {
  const settings = retrySettings(retry);
  for (let tried = 0; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      const after = error instanceof RoomTokenError ? (error.retryAfterMs ?? 0) : 0;
      if (!(error instanceof RoomTokenError) || !error.retryable || tried >= settings.retries || signal.aborted || after > settings.maxDelayMs) throw error;
      await sleep(retryDelay(tried, settings, after), signal);
    }
  }
}
