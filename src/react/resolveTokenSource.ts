import { DEV_BASE_URL } from '../core/constants';
import type { TokenSourceOptions } from './TokenSourceOptions';

/** The options that apply to one hook, after the hook's own have overridden the provider's. */
export type ResolvedSource =
  | { kind: 'endpoint'; target: string; options: TokenSourceOptions }
  | { kind: 'dev'; target: string; options: TokenSourceOptions }
  | { kind: 'custom'; target: ''; options: TokenSourceOptions };

const SOURCES = ['endpoint', 'dev', 'fetchToken'] as const;

function sourcesIn(options: TokenSourceOptions | undefined): (typeof SOURCES)[number][] {
  return options ? SOURCES.filter((name) => options[name] !== undefined) : [];
}

/**
 * Merges the provider's options with the hook's. The source is replaced as a whole, so a
 * hook naming `fetchToken` under a provider with `endpoint` uses `fetchToken` alone.
 * Throws when no source, or more than one at the same level, is named.
 */
export function resolveTokenSource(
  fromProvider: TokenSourceOptions | undefined,
  fromHook: TokenSourceOptions | undefined,
): ResolvedSource {
  const own = sourcesIn(fromHook);
  const inherited = sourcesIn(fromProvider);
  for (const [names, where] of [
    [own, 'the hook or gate'],
    [inherited, 'RoomTokenProvider'],
  ] as const) {
    if (names.length > 1) {
      throw new Error(
        `react-room-token: ${where} names ${names.join(' and ')}; give exactly one token source: \`endpoint\`, \`dev\` or \`fetchToken\`.`,
      );
    }
  }
  const sourceFrom = own.length > 0 ? fromHook! : fromProvider;
  const name = own[0] ?? inherited[0];
  if (!name || !sourceFrom) {
    throw new Error(
      'react-room-token: no token source. Pass `endpoint` (your backend), `dev` (a test key, development only) or `fetchToken` to RoomTokenProvider, the hook or the gate.',
    );
  }
  const options: TokenSourceOptions = { ...fromProvider, ...stripUndefined(fromHook) };
  // The source travels whole: never an endpoint from one level with a fetchToken from another.
  options.endpoint = sourceFrom.endpoint;
  options.dev = sourceFrom.dev;
  options.fetchToken = sourceFrom.fetchToken;
  if (name === 'endpoint') return { kind: 'endpoint', target: sourceFrom.endpoint!, options };
  if (name === 'dev') return { kind: 'dev', target: sourceFrom.dev!.baseUrl ?? DEV_BASE_URL, options };
  return { kind: 'custom', target: '', options };
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (value) for (const key of Object.keys(value) as (keyof T)[]) if (value[key] !== undefined) out[key] = value[key];
  return out;
}
