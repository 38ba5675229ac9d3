import { redactSecret } from '../core/redactSecret';
import { validateTokenRequest, type TokenRequest } from '../core/TokenRequest';
import type { AuthorizeContext, AuthorizeTokenRequest } from './AuthorizeTokenRequest';
import { describeThrown, errorAnswer, internalAnswer, type HandlerAnswer } from './HandlerAnswer';
import { isFrameworkControlFlow } from './isFrameworkControlFlow';

/**
 * The decision: passes each checked request through `authorize`, in order, and checks what
 * comes back (quoting it without `secret`). The first denial or fault stops here, so nothing
 * is sent; a framework's control flow thrown by `authorize` (Next's `redirect()`) is rethrown.
 * @internal
 */
export async function authorizeEach(
  asked: readonly TokenRequest[],
  context: AuthorizeContext,
  authorize: AuthorizeTokenRequest,
  secret: string | undefined,
): Promise<TokenRequest[] | HandlerAnswer> {
  const requests: TokenRequest[] = [];
  // One at a time, in order: a policy may hit a database, and the first "no" ends it.
  for (const [i, item] of asked.entries()) {
    let decided: unknown;
    try {
      decided = await authorize(item, context);
    } catch (error) {
      if (isFrameworkControlFlow(error)) throw error;
      return internalAnswer(`authorize threw for arguments[${i}]: ${describeThrown(error)}`);
    }
    if (decided === false) return errorAnswer('permission_denied', `arguments[${i}] is not allowed`);
    try {
      // What is kept is a copy read once, so a Proxy or getter cannot change it after the check.
      requests.push(validateTokenRequest(decided, 'the request authorize returned'));
    } catch (error) {
      // A field name quoted in the message could be the key: it is cut out here, where the key is known.
      return internalAnswer(`authorize returned an invalid token request for arguments[${i}]: ${redactSecret(describeThrown(error), secret)}`);
    }
  }
  return requests;
}
