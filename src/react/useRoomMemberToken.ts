import { useCallback, useContext, useEffect, useMemo } from 'react';
import useSWR, { type SWRConfiguration } from 'swr';
import { RoomTokenError } from '../core/RoomTokenError';
import { validateTokenRequest, type TokenRequest } from '../core/TokenRequest';
import { RoomTokenContext } from './RoomTokenContext';
import type { TokenSourceOptions } from './TokenSourceOptions';
import { createTokenStore, type TokenStore } from './createTokenStore';
import { devModeRefused, isProductionBuild } from './devMode';
import { fetchTokenFromSource } from './fetchTokenFromSource';
import { resolveTokenSource } from './resolveTokenSource';
import { withRetry } from './withRetry';

/**
 * What {@link useRoomMemberToken} returns.
 *
 * @example
 * const { token, error, isLoading, isValidating, refresh }: RoomMemberTokenState = useRoomMemberToken(request);
 */
export interface RoomMemberTokenState {
  /** The token, once there is one; kept while a refresh runs or after a refresh fails. */
  token: string | undefined;
  /** The last failure, always a RoomTokenError; cleared by the next success. */
  error: RoomTokenError | undefined;
  /** True while there is no token yet and a request runs. */
  isLoading: boolean;
  /** True while any request runs, a refresh included. */
  isValidating: boolean;
  /** Fetches a new token and resolves it, or `undefined` if that failed (see `error`). */
  refresh: () => Promise<string | undefined>;
}

// Hooks outside any RoomTokenProvider share this one; it is still not the app's SWR cache.
let defaultStore: TokenStore | undefined;
const getDefaultStore = () => (defaultStore ??= createTokenStore());

function stableJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function identityOf(kind: string, target: string, request: TokenRequest): string {
  const metadata = Object.entries(request.metadata ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const permissions = [...new Set(request.permissions ?? [])].sort();
  return JSON.stringify([kind, target, request.roomId, request.userId, permissions, metadata]);
}

/**
 * Gets a room member token for a request, and keeps it while the component is mounted.
 * Pass `null` (or `undefined`) for "not yet": no request is made. Consumers of the same
 * request share one call; every request mints a token, so nothing refetches on focus or
 * reconnect.
 *
 * @example
 * function Stage({ roomId, userId }: { roomId: string; userId: string }) {
 *   const { token, error, isLoading, refresh } = useRoomMemberToken(
 *     { roomId, userId, permissions: ['PermissionChat'] },
 *     { endpoint: '/api/room-token' },
 *   );
 *   if (error) return <p role="alert">{error.message}</p>;
 *   if (isLoading || !token) return <p role="status">Joining…</p>;
 *   return <Room token={token} onExpired={refresh} />;
 * }
 */
export function useRoomMemberToken(
  request: TokenRequest | null | undefined,
  options?: TokenSourceOptions,
): RoomMemberTokenState {
  const context = useContext(RoomTokenContext);
  const store = context?.store ?? getDefaultStore();

  // Throws at render on a missing or doubled source: a configuration mistake, not a state.
  const source = resolveTokenSource(context?.options, options);

  const requestJson = stableJson(request);
  const { kind, target } = source;
  const checked = useMemo((): { request?: TokenRequest; identity?: string; error?: RoomTokenError } => {
    if (request == null) return {};
    try {
      const valid = validateTokenRequest(request);
      return { request: valid, identity: identityOf(kind, target, valid) };
    } catch (error) {
      return { error: error as RoomTokenError };
    }
    // The JSON stands for the request: a new object with the same content is the same request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestJson, kind, target]);

  const allowed = source.options.dev?.dangerouslyAllowInProduction;
  const refused = useMemo(() => (kind === 'dev' && !allowed && isProductionBuild() ? devModeRefused() : undefined), [kind, allowed]);

  const key = checked.identity && !refused ? store.keyFor(checked.identity) : null;

  const every = source.options.refreshInterval ?? 0;
  useEffect(() => (key ? store.acquire(key, every) : undefined), [store, key, every]);

  const fetcher = (swrKey: string) => {
    const signal = store.signalFor(swrKey);
    return store.track(
      swrKey,
      withRetry(() => fetchTokenFromSource(source, checked.request!, signal, store.batch), source.options.retry, signal),
    );
  };

  const config: SWRConfiguration<string, RoomTokenError> & { cache: TokenStore['cache'] } = {
    cache: store.cache,
    revalidateOnFocus: false,
    revalidateOnReconnect: false,
    revalidateIfStale: false,
    shouldRetryOnError: false,
    // No onLoadingSlow here; its timer would only hold unmounted hooks for 3 s.
    loadingTimeout: 0,
    // Sharing happens while a request runs; after that, a refresh must fetch. Intervals are the
    // store's, one per request rather than one per consumer.
    dedupingInterval: 0,
  };
  const swr = useSWR<string, RoomTokenError>(key, fetcher, config);

  const refresh = useCallback(async () => (key ? store.refresh(key) : undefined), [key, store]);

  const error = checked.error ?? refused ?? swr.error;
  return {
    token: key ? swr.data : undefined,
    error,
    isLoading: key ? swr.isLoading : false,
    isValidating: key ? swr.isValidating : false,
    refresh,
  };
}
