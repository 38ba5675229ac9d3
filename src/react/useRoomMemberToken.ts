import type { RoomTokenError } from '../core/RoomTokenError';
import type { TokenRequest } from '../core/TokenRequest';
import type { TokenSourceOptions } from '../core/TokenSourceOptions';
import { useTokenBinding } from './useTokenBinding';

/**
 * Options of {@link useRoomMemberToken}: any token source option (overriding the provider's),
 * and a token minted on the server.
 *
 * @example
 * const options: RoomMemberTokenOptions = { endpoint: '/api/room-token', initialToken: tokenFromServer };
 */
export interface RoomMemberTokenOptions extends TokenSourceOptions {
  /**
   * A token minted on the server (`handler.mint`) for exactly the request of the first render
   * it is given with. It is shown at once — in the server render and on hydration — with no
   * request on mount, and shared with other consumers of the same request; `refresh()` and
   * `refreshInterval` then go to the token source. Another request never uses it, and it is
   * used once per page: a later mount with the same token (a router or back/forward cache
   * replaying the page, a provider mounted again) mints afresh. With no source named, `refresh()` rejects with a
   * configuration error.
   */
  initialToken?: string;
}

/**
 * What {@link useRoomMemberToken} returns.
 *
 * @example
 * const { token, error, isLoading, isValidating, refresh }: RoomMemberTokenState = useRoomMemberToken(request);
 */
export interface RoomMemberTokenState {
  /** The token, once there is one; kept while a refresh runs, and after a refresh fails. */
  token: string | undefined;
  /** The last failure, always a RoomTokenError; cleared by the next token. */
  error: RoomTokenError | undefined;
  /** True while there is no token yet and one is on its way. */
  isLoading: boolean;
  /** True while a call runs (a refresh included), or is about to. */
  isValidating: boolean;
  /** Mints a new token (joining a call under way) and resolves it, or `undefined` if that failed (see `error`). */
  refresh: () => Promise<string | undefined>;
}

/**
 * Gets a room member token for a request and keeps it while the component is mounted. Pass
 * `null` (or `undefined`) for "not yet": no request is made and no error shown. Consumers of
 * the same request share one call and one token; every call mints a token, so nothing
 * refetches on focus or reconnect, and nothing of the app's own SWR setup touches it. Throws
 * at render for options that cannot work (no token source, two at one level, a NaN delay).
 *
 * @example
 * function Stage({ roomId, userId }: { roomId: string; userId: string }) {
 *   const { token, error, isLoading, refresh } = useRoomMemberToken(
 *     { roomId, userId, permissions: ['PermissionChat'] },
 *     // error.message is technical text for your reports, never for the screen.
 *     { endpoint: '/api/room-token', onError: (error) => reportError(error) },
 *   );
 *   // Tell people by error.code what they can do.
 *   if (error && !token) return <p role="alert">{error.code === 'permission_denied' ? 'You may not join this broadcast.' : 'The broadcast is not available right now.'}</p>;
 *   if (isLoading || !token) return <p role="status">Joining…</p>;
 *   return <Room token={token} onExpired={refresh} />;
 * }
 */
export function useRoomMemberToken(request: TokenRequest | null | undefined, options?: RoomMemberTokenOptions): RoomMemberTokenState {
  const { token, error, isLoading, isValidating, refresh } = useTokenBinding(request, options);
  return { token, error, isLoading, isValidating, refresh };
}
