import { RoomTokenError } from './RoomTokenError';
import { sleep } from './sleep';
import type { RetryOptions, TokenSourceOptions } from './TokenSourceOptions';

// design.md's defaults: at most 4 tries, waits capped at 8 s.
const RETRY_DEFAULTS = { retries: 3, baseDelayMs: 500, maxDelayMs: 8000 };

/**
 * The wait before retry number `tried + 1`: full jitter over an exponential ceiling,
 * `random × min(maxDelayMs, baseDelayMs × 2^tried)`.
 * @internal
 */
export function retryDelay(tried: number, { baseDelayMs = RETRY_DEFAULTS.baseDelayMs, maxDelayMs = RETRY_DEFAULTS.maxDelayMs }: RetryOptions = {}, random = Math.random()): number {
  return random * Math.min(maxDelayMs, baseDelayMs * 2 ** tried);
}

/**
 * Runs `attempt` until it succeeds, fails with an error retrying cannot help, or the retries
 * are spent. Between tries it waits a full-jitter exponential delay, and never less than the
 * server's `Retry-After`; a server asking for more than `maxDelayMs` ends the retries at once.
 * @internal
 */
export async function withRetry<T>(attempt: () => Promise<T>, retry: TokenSourceOptions['retry'], signal: AbortSignal): Promise<T> {
  const settings = retry === false ? { retries: 0 } : (retry ?? {});
  const { retries = RETRY_DEFAULTS.retries, maxDelayMs = RETRY_DEFAULTS.maxDelayMs } = settings;
  for (let tried = 0; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      const after = error instanceof RoomTokenError ? (error.retryAfterMs ?? 0) : 0;
      if (!(error instanceof RoomTokenError) || !error.retryable || tried >= retries || signal.aborted || after > maxDelayMs) throw error;
      // Full jitter keeps many clients from retrying in step after an outage.
      await sleep(Math.max(after, retryDelay(tried, settings)), signal);
    }
  }
}
