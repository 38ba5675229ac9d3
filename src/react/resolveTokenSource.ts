import { DEV_BASE_URL } from '../core/constants';
import type { TokenSourceOptions } from './TokenSourceOptions';

/** The options that apply to one hook, after the hook's own have overridden the provider's. */
export type ResolvedSource =
  | { kind: 'endpoint'; target: string; options: TokenSourceOptions }
  | { kind: 'dev'; target: string; options: TokenSourceOptions }
  | { kind: 'custom'; target: ''; options: TokenSourceOptions };

const SOURCES = ['endpoint', 'dev', 'fetchToken'] as const;

/**
 * Merges the provider's options with the hook's. The source is replaced as a whole, so a
 * hook naming `fetchToken` under a provider with `endpoint` uses `fetchToken` alone.
 * Throws when no source, or more than one at the same level, is named.
 */
export function resolveTokenSource(
  fromProvider: TokenSourceOptions | undefined,
  fromHook: TokenSourceOptions | undefined,
): ResolvedSource {
  const named = (options?: TokenSourceOptions) => SOURCES.filter((name) => options?.[name] !== undefined);
  const own = named(fromHook);
  const names = own.length ? own : named(fromProvider);
  if (names.length !== 1) {
    throw new Error(
      `react-room-token: ${names.length ? `${own.length ? 'the hook or gate' : 'RoomTokenProvider'} names ${names.join(' and ')}` : 'no token source'}; give exactly one of \`endpoint\` (your backend), \`dev\` (a test key) or \`fetchToken\`.`,
    );
  }
  const batch = fromHook?.batch ?? fromProvider?.batch;
  const maxSize = batch ? batch.maxSize : undefined;
  if (maxSize !== undefined && !(Number.isInteger(maxSize) && maxSize > 0)) {
    throw new Error(`react-room-token: batch.maxSize must be a whole number above 0 (or pass batch={false}), got ${String(maxSize)}`);
  }
  const { endpoint, dev, fetchToken } = (own.length ? fromHook : fromProvider)!;
  // Later levels win option by option, except the source, which travels whole.
  const options: TokenSourceOptions = { ...fromProvider };
  for (const [key, value] of Object.entries(fromHook ?? {})) if (value !== undefined) Object.assign(options, { [key]: value });
  Object.assign(options, { endpoint, dev, fetchToken });
  return endpoint !== undefined
    ? { kind: 'endpoint', target: endpoint, options }
    : dev
      ? { kind: 'dev', target: dev.baseUrl ?? DEV_BASE_URL, options }
      : { kind: 'custom', target: '', options };
}
