import type { TokenRequest } from '../core/TokenRequest';

/**
 * Who is asking, as {@link AuthorizeTokenRequest} sees it on either path: the HTTP handler
 * and `handler.mint`.
 *
 * @example
 * const session = await getSession(context.headers.get('cookie'));
 */
export interface AuthorizeContext {
  /**
   * The asking person's request headers (their cookies included): the incoming request's on
   * the HTTP path; on `mint`, the ones it was given (`await headers()` in a Next.js server
   * component) or those of the `request` it was given.
   */
  headers: Headers;
  /**
   * The incoming request, when there is one: always on the HTTP path (its body has already
   * been read), on `mint` only when it was given one. A server component has none.
   */
  request?: Request;
}

/**
 * The handler's policy, called once for each requested token, on the HTTP path and on
 * `mint` alike: return the request to send (force the user id from the session, narrow the
 * permissions, drop `mcuStream`) or `false` to deny. What it returns is validated again
 * before anything is sent.
 *
 * @example
 * const authorize: AuthorizeTokenRequest = async (asked, { headers }) => {
 *   const user = await getSessionUser(headers.get('cookie'));
 *   if (!user) return false;
 *   return { roomId: asked.roomId, userId: user.id, permissions: limitPermissions(asked.permissions, user.permissions) };
 * };
 */
export type AuthorizeTokenRequest = (
  request: TokenRequest,
  context: AuthorizeContext,
) => TokenRequest | false | Promise<TokenRequest | false>;
