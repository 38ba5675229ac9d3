import { retrySettings } from '../../src/core/withRetry';
import type { TokenSourceOptions } from '../../src';

/**
 * A number of requests as a story's description states it, before the dash that says why:
 * `No request —`, `1 request —`, `4 requests —`.
 */
export function requestCount(n: number): string {
  return `${n === 0 ? 'No' : n} request${n === 1 || n === 0 ? '' : 's'} —`;
}

/** The number of requests a description states (its first {@link requestCount}), if any. */
export function statedRequestCount(description: string): number | undefined {
  const match = /\b(No|\d+) requests? —/.exec(description);
  return match ? (match[1] === 'No' ? 0 : Number(match[1])) : undefined;
}

/**
 * The requests of one join whose first `failures` answers are retryable errors: each failure
 * is retried while `retry` allows (the package's default: 3 retries), then the token — or,
 * with every retry spent, the error.
 */
export function triesOfJoin(failures: number, retry?: TokenSourceOptions['retry']): number {
  return Math.min(failures + 1, retrySettings(retry).retries + 1);
}

/** How many retries `retry` allows after the first try (the package's default: 3). */
export function retriesOf(retry?: TokenSourceOptions['retry']): number {
  return retrySettings(retry).retries;
}
