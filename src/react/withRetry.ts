import { canceledError, RoomTokenError } from '../core/RoomTokenError';
import type { TokenSourceOptions } from './TokenSourceOptions';

// design.md's defaults: at most 4 tries, waits capped at 8 s.
const RETRY_DEFAULTS = { retries: 3, baseDelayMs: 500, maxDelayMs: 8000 };

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(canceledError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The wait before retry number `tried + 1`: full jitter over an exponential ceiling,
 * `random × min(maxDelayMs, baseDelayMs × 2^tried)`.
 */
export function retryDelay(
  tried: number,
  { baseDelayMs = RETRY_DEFAULTS.baseDelayMs, maxDelayMs = RETRY_DEFAULTS.maxDelayMs }: { baseDelayMs?: number; maxDelayMs?: number } = {},
  random = Math.random(),
): number {
  return random * Math.min(maxDelayMs, baseDelayMs * 2 ** tried);
}

/**
 * Runs `attempt` until it succeeds, fails with an error retrying cannot help, or the
 * retries are spent; waits a full-jitter exponential delay between tries.
 */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  retry: TokenSourceOptions['retry'],
  signal: AbortSignal,
): Promise<T> {
  const settings = retry === false ? { retries: 0 } : (retry ?? {});
  const retries = settings.retries ?? RETRY_DEFAULTS.retries;
  for (let tried = 0; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof RoomTokenError) || !error.retryable || tried >= retries || signal.aborted) throw error;
      // Full jitter keeps many clients from retrying in step after an outage.
      await sleep(retryDelay(tried, settings), signal);
    }
  }
}
