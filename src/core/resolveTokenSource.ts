import { configurationError } from './configurationError';
import { DEV_BASE_URL } from './constants';
import type { TokenSourceOptions } from './TokenSourceOptions';

/**
 * The options that apply to one request once every level has had its say, and the source
 * they name. `'none'` is allowed only where a token was given up front (`initialToken`).
 * @internal
 */
export interface ResolvedSource {
  kind: 'endpoint' | 'dev' | 'custom' | 'none';
  /** The endpoint URL, or dev mode's base URL; `''` for the others. */
  target: string;
  options: TokenSourceOptions;
}

const SOURCES = ['endpoint', 'dev', 'fetchToken'] as const;
const NO_SOURCE = 'give exactly one of `endpoint` (your backend), `dev` (a test key) or `fetchToken`';

// The levels, least specific first, as a caller passes them.
const LEVELS = ['createRoomTokenClient', 'RoomTokenProvider', 'the hook, gate or call'];

const named = (options: TokenSourceOptions | undefined) => SOURCES.filter((name) => options?.[name] !== undefined);

/** Throws a configuration error naming `name` unless `ok`. */
function check(ok: boolean, name: string, value: unknown, what: string): void {
  if (!ok) throw configurationError(`${name} must be ${what}, got ${String(value)}`);
}

const isCount = (n: unknown, min: number) => Number.isSafeInteger(n) && (n as number) >= min;
// Timers take at most 2^31 - 1 ms; past that they fire at once.
const isDelay = (n: unknown) => typeof n === 'number' && n >= 0 && n < 2 ** 31;

/**
 * Merges option levels, least specific first: `[client, provider, hook or call]`. Each level may name
 * at most one source, and the most specific level naming one gives it whole; every other
 * option is taken from the most specific level that sets it. Throws a configuration error
 * (`invalid_argument`) for a doubled or missing source, or a number that cannot be meant.
 * @internal
 */
export function resolveTokenSource(levels: readonly (TokenSourceOptions | undefined)[], sourceOptional = false): ResolvedSource {
  const options: TokenSourceOptions = {};
  let from: TokenSourceOptions | undefined;
  levels.forEach((level, i) => {
    const names = named(level);
    if (names.length > 1) {
      throw configurationError(`${LEVELS[i]} names ${names.join(' and ')}; ${NO_SOURCE}.`);
    }
    if (names.length) from = level;
    for (const key in level) {
      const value = level[key as keyof TokenSourceOptions];
      if (value !== undefined) Object.assign(options, { [key]: value });
    }
  });
  // The source travels whole: drop what less specific levels named.
  options.endpoint = from?.endpoint;
  options.dev = from?.dev;
  options.fetchToken = from?.fetchToken;
  if (!from && !sourceOptional) throw configurationError(`no token source; ${NO_SOURCE}.`);

  const { retry, refreshInterval, timeoutMs, batch } = options;
  if (retry) {
    check(retry.retries === undefined || isCount(retry.retries, 0), 'retry.retries', retry.retries, 'a whole number, 0 or more');
    check(retry.baseDelayMs === undefined || isDelay(retry.baseDelayMs), 'retry.baseDelayMs', retry.baseDelayMs, 'a number of ms, 0 or more');
    check(retry.maxDelayMs === undefined || isDelay(retry.maxDelayMs), 'retry.maxDelayMs', retry.maxDelayMs, 'a number of ms, 0 or more');
  }
  check(refreshInterval === undefined || isDelay(refreshInterval), 'refreshInterval', refreshInterval, 'a number of ms, 0 (never) or more');
  // Infinity keeps meaning "no timeout".
  check(timeoutMs === undefined || timeoutMs === Infinity || (isDelay(timeoutMs) && timeoutMs > 0), 'timeoutMs', timeoutMs, 'a number of ms above 0, or Infinity');
  if (batch) check(batch.maxSize === undefined || isCount(batch.maxSize, 1), 'batch.maxSize', batch.maxSize, 'a whole number above 0 (or pass batch: false)');

  const { endpoint, dev } = options;
  return endpoint !== undefined
    ? { kind: 'endpoint', target: endpoint, options }
    : dev
      ? { kind: 'dev', target: dev.baseUrl ?? DEV_BASE_URL, options }
      : { kind: options.fetchToken ? 'custom' : 'none', target: '', options };
}
