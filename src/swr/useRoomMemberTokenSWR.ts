import { useSWRConfig } from 'swr';
import type { RoomTokenError } from '../core/RoomTokenError';
import type { TokenRequest } from '../core/TokenRequest';
import type { RoomMemberTokenOptions } from '../react/useRoomMemberToken';
import { useTokenBinding } from '../react/useTokenBinding';

/**
 * What {@link useRoomMemberTokenSWR} returns: SWR's field names and types.
 *
 * @example
 * const { data, error, isLoading, isValidating, mutate }: RoomMemberTokenSWRResponse = useRoomMemberTokenSWR(request);
 */
export interface RoomMemberTokenSWRResponse {
  /** The token, once there is one; kept while a new one is minted, and after that fails. */
  data: string | undefined;
  /** The last failure, always a RoomTokenError; cleared by the next token. */
  error: RoomTokenError | undefined;
  /** True while there is no token yet and one is on its way. */
  isLoading: boolean;
  /** True while a call runs (a new token included), or is about to. */
  isValidating: boolean;
  /** Mints a new token (joining a call under way) and resolves it, or `undefined` if that failed (see `error`). Takes no data: a token comes only from the token source. */
  mutate: () => Promise<string | undefined>;
}

/**
 * `useRoomMemberToken` with SWR's result shape, for apps built on SWR: the same token client
 * (the provider's, or the hooks' shared one), so one call per request with every other hook
 * and gate. A token in the app's `<SWRConfig value={{ fallback }}>` under
 * `roomTokenKey(request)` is used like the `initialToken` option: shown at once in the server
 * render and on hydration, no request, once per page. It never calls `useSWR`, so no other
 * `SWRConfig` option or middleware (`refreshInterval`, `keepPreviousData`, `isPaused`,
 * `suspense`, `use`, …) changes what it does. `null` means "not yet": no request.
 *
 * @example
 * function Stage({ roomId, userId }: { roomId: string; userId: string }) {
 *   const { data: token, error, mutate } = useRoomMemberTokenSWR({ roomId, userId, metadata: { mcuStream: 'true' } });
 *   // By error.code, for people; error.message goes to your reports (the provider's onError).
 *   if (error && !token) return <p role="alert">{error.code === 'permission_denied' ? 'You may not join this broadcast.' : 'The broadcast is not available right now.'}</p>;
 *   if (!token) return <p role="status">Joining…</p>;
 *   return <Room token={token} onExpired={() => mutate()} />;
 * }
 */
export function useRoomMemberTokenSWR(request: TokenRequest | null, options?: RoomMemberTokenOptions): RoomMemberTokenSWRResponse {
  // SWR's public configuration: only `fallback` is read, and only for this request's key.
  const { fallback } = useSWRConfig();
  const { token, error, isLoading, isValidating, refresh } = useTokenBinding(request, options, fallback);
  return { data: token, error, isLoading, isValidating, mutate: refresh };
}
