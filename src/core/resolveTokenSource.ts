import { configurationError } from './configurationError';
import { DEV_BASE_URL } from './constants';
import { DEV } from './DEV';
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
// The levels, least specific first, as a caller passes them.
const LEVELS = ['createRoomTokenClient', 'RoomTokenProvider', 'the hook, gate or call'];
const NO_SOURCE = 'give exactly one of `endpoint`, `dev` or `fetchToken`';

// Timers take at most 2^31 - 1 ms; past that they fire at once.
const isMs = (n: unknown) => typeof n === 'number' && n >= 0 && n < 2 ** 31;
const isCount = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;

/**
 * Merges option levels, least specific first: `[client, provider, hook or call]`. Each level
 * may name at most one source, and the most specific level naming one gives it whole; every
 * other option is taken from the most specific level that sets it. Throws a configuration
 * error (`invalid_argument`) for a doubled or missing source, or a number that cannot be meant.
 * @internal
 */
export function resolveTokenSource(levels: readonly (TokenSourceOptions | undefined)[], sourceOptional = false): ResolvedSource {
  const options: TokenSourceOptions = {};
  let from: TokenSourceOptions | undefined;
  levels.forEach((level, i) => {
    const names = SOURCES.filter((name) => level?.[name] !== undefined);
    if (names[1]) throw configurationError(`${LEVELS[i]} names ${names.join(' and ')}; ${NO_SOURCE}`);
    if (names[0]) from = level;
    for (const key in level) {
      const value = level[key as keyof TokenSourceOptions];
      if (value !== undefined) Object.assign(options, { [key]: value });
    }
  });
  // The source travels whole: drop what less specific levels named.
  const { endpoint, dev, fetchToken } = from ?? {};
  Object.assign(options, { endpoint, dev, fetchToken });
  if (!from && !sourceOptional) throw configurationError(`no token source; ${NO_SOURCE}`);

  const retry = options.retry || {};
  const { maxSize } = options.batch || {};
  const { timeoutMs } = options;
  // What each must be is said only in development builds.
  const checks: [string, unknown, boolean, string | false][] = [
    ['retry.retries', retry.retries, isCount(retry.retries), DEV && 'a whole number, 0 or more'],
    ['retry.baseDelayMs', retry.baseDelayMs, isMs(retry.baseDelayMs), DEV && 'a number of ms, 0 or more'],
    ['retry.maxDelayMs', retry.maxDelayMs, isMs(retry.maxDelayMs), DEV && 'a number of ms, 0 or more'],
    ['refreshInterval', options.refreshInterval, isMs(options.refreshInterval), DEV && 'a number of ms, 0 (never) or more'],
    // Infinity keeps meaning "no timeout".
    ['timeoutMs', timeoutMs, timeoutMs === Infinity || (isMs(timeoutMs) && timeoutMs! > 0), DEV && 'a number of ms above 0, or Infinity'],
    ['batch.maxSize', maxSize, isCount(maxSize) && maxSize! > 0, DEV && 'a whole number above 0 (or batch: false)'],
  ];
  for (const [name, value, ok, what] of checks) {
    if (value !== undefined && !ok) throw configurationError(`${name} ${what ? `must be ${what}, got` : 'cannot be'} ${String(value)}`);
  }

  return endpoint !== undefined
    ? { kind: 'endpoint', target: endpoint, options }
    : dev
      ? { kind: 'dev', target: dev.baseUrl ?? DEV_BASE_URL, options }
      : { kind: fetchToken ? 'custom' : 'none', target: '', options };
}
