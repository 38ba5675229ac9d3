import { configurationError } from './configurationError';
import type { RoomTokenError } from './RoomTokenError';
import { isDevTokenSource, isRequestBatcher } from './optInBrands';
import { checkNumberOption, NUMBER_RULES } from './checkNumberOption';
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

// The levels, least specific first, as a caller passes them (named in development builds only).
const LEVELS = ['createRoomTokenClient', 'RoomTokenProvider', 'the hook, gate or call'];

// What can be wrong with the source options: production builds say this much.
const SOURCE_PROBLEMS = { two: 'two token sources', none: 'no token source', dev: 'dev: use devMode()', batch: 'batch: use batchRequests()' };

/**
 * The configuration error for a source problem; development builds say how to fix it (and, for
 * two sources, where they are named). Read as bundlers replace it, inside `try` for runtimes
 * with no `process` (the client is exported by /server too).
 */
function sourceError(problem: keyof typeof SOURCE_PROBLEMS, level = 0, ...named: string[]): RoomTokenError {
  let message = SOURCE_PROBLEMS[problem];
  try {
    if (process.env.NODE_ENV !== 'production') {
      message = {
        two: `${LEVELS[level]} names ${named.join(' and ')}; give exactly one of \`endpoint\`, \`dev\` or \`fetchToken\``,
        none: 'no token source; give exactly one of `endpoint`, `dev` or `fetchToken`',
        dev: '`dev` takes what devMode({ apiKey }) returns (exported by react-room-token)',
        batch: '`batch` takes what batchRequests({ maxSize }) returns, or false',
      }[problem];
    }
  } catch {
    // No `process`, and no bundler replaced it: the short text.
  }
  return configurationError(message);
}

/**
 * Merges option levels, least specific first: `[client, provider, hook or call]`. Each level
 * may name at most one source, and the most specific level naming one gives it whole; every
 * other option is taken from the most specific level that sets it. Throws a configuration
 * error (`invalid_argument`) for a doubled or missing source, or a number that cannot be meant.
 * @internal
 */
export function resolveTokenSource(levels: readonly (TokenSourceOptions | undefined)[], sourceOptional = false): ResolvedSource {
  const options: Record<string, unknown> = {};
  let from: TokenSourceOptions | undefined;
  levels.forEach((level, i) => {
    let named = '';
    for (const key in level) {
      const value = level[key as keyof TokenSourceOptions];
      if (value === undefined) continue;
      options[key] = value;
      if (key === 'endpoint' || key === 'dev' || key === 'fetchToken') {
        if (named) throw sourceError('two', i, named, key);
        named = key;
        from = level;
      }
    }
  });
  // The source travels whole: drop what less specific levels named.
  const { endpoint, dev, fetchToken } = from ?? {};
  Object.assign(options, { endpoint, dev, fetchToken });
  if (!from && !sourceOptional) throw sourceError('none');
  // Dev mode and batching bring their own code (off the default import path): a plain object cannot stand in.
  if (dev && !isDevTokenSource(dev)) throw sourceError('dev');

  const { retry, batch, refreshInterval, timeoutMs } = options as TokenSourceOptions;
  if (batch && !isRequestBatcher(batch)) throw sourceError('batch');
  // Most options are unset: check only what is there.
  const { ms, positiveMs, count } = NUMBER_RULES;
  if (retry) {
    checkNumberOption('retry.retries', retry.retries, count, configurationError);
    checkNumberOption('retry.baseDelayMs', retry.baseDelayMs, ms, configurationError);
    checkNumberOption('retry.maxDelayMs', retry.maxDelayMs, ms, configurationError);
  }
  checkNumberOption('refreshInterval', refreshInterval, ms, configurationError);
  // Infinity keeps meaning "no timeout".
  checkNumberOption('timeoutMs', timeoutMs, positiveMs, configurationError, Infinity);

  return endpoint !== undefined
    ? { kind: 'endpoint', target: endpoint, options: options as TokenSourceOptions }
    : dev
      ? { kind: 'dev', target: dev.baseUrl, options: options as TokenSourceOptions }
      : { kind: fetchToken ? 'custom' : 'none', target: '', options: options as TokenSourceOptions };
}
