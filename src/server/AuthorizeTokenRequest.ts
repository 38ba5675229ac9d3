import type { TokenRequest } from '../core/TokenRequest';

/**
 * What {@link AuthorizeTokenRequest} gets besides the token request.
 *
 * @example
 * const userId = await sessionUserId(context.request.headers.get('cookie'));
 */
export interface AuthorizeContext {
  /** The incoming request, for its cookies and headers. Its body has already been read. */
  request: Request;
}

/**
 * The handler's policy, called once for each requested token: return the request to send
 * (force the user id from the session, narrow the permissions, drop `mcuStream`) or `false`
 * to deny. What it returns is validated again before anything is sent.
 *
 * @example
 * const authorize: AuthorizeTokenRequest = async (asked, { request }) => {
 *   const user = await getSessionUser(request);
 *   if (!user) return false;
 *   return { roomId: asked.roomId, userId: user.id, permissions: limitPermissions(asked.permissions, user.permissions) };
 * };
 */
export type AuthorizeTokenRequest = (
  request: TokenRequest,
  context: AuthorizeContext,
) => TokenRequest | false | Promise<TokenRequest | false>;
