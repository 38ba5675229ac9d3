import { requestKeyOf } from '../core/identityOf';
import { validateTokenRequest, type TokenRequest } from '../core/TokenRequest';

/**
 * The key under which `useRoomMemberTokenSWR` looks for a server-minted token in SWR's
 * `fallback`: a string, the same for the same request whatever the order of its permissions
 * and metadata (as the token client's identity is), and prefixed so that it is none of the
 * app's own keys. Throws a `RoomTokenError` (`invalid_argument`) for a request that cannot be sent.
 *
 * @example
 * // getServerSideProps, a loader, or a server component:
 * const request = { roomId, userId, metadata: { mcuStream: 'true' } };
 * const token = await roomTokens.mint(request, { headers });
 * <SWRConfig value={{ fallback: { [roomTokenKey(request)]: token } }}><Page /></SWRConfig>
 */
export function roomTokenKey(request: TokenRequest): string {
  return requestKeyOf(validateTokenRequest(request));
}
