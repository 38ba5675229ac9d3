import { decodeCreateRequest } from '../core/codec';
import { RoomTokenError } from '../core/RoomTokenError';
import { validateTokenRequest, type TokenRequest } from '../core/TokenRequest';
import type { AuthorizeTokenRequest } from './AuthorizeTokenRequest';
import { describeThrown, errorAnswer, internalAnswer, type HandlerAnswer } from './HandlerAnswer';

/** @internal */
export interface DecideOptions {
  authorize: AuthorizeTokenRequest;
  request: Request;
  maxArguments: number;
}

/**
 * Decides what to send upstream for a Create body: checks it as the upstream would, then
 * passes each argument through `authorize` and checks what comes back. Any denial or fault
 * stops here, so nothing is sent.
 * @internal
 */
export async function decideTokenRequests(
  text: string,
  { authorize, request, maxArguments }: DecideOptions,
): Promise<{ requests: TokenRequest[] } | { answer: HandlerAnswer }> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { answer: errorAnswer('invalid_argument', 'the body is not valid JSON') };
  }
  let asked: TokenRequest[];
  try {
    asked = decodeCreateRequest(body, maxArguments);
  } catch (error) {
    // Anything else is a bug here, and must surface as one.
    if (!(error instanceof RoomTokenError)) throw error;
    return { answer: errorAnswer('invalid_argument', error.message) };
  }

  const requests: TokenRequest[] = [];
  // One at a time, in order: a policy may hit a database, and the first "no" ends it.
  for (const [i, item] of asked.entries()) {
    let decided: unknown;
    try {
      decided = await authorize(item, { request });
    } catch (error) {
      return { answer: internalAnswer(`authorize threw for arguments[${i}]: ${describeThrown(error)}`) };
    }
    if (decided === false) {
      return { answer: errorAnswer('permission_denied', `arguments[${i}] is not allowed`) };
    }
    try {
      requests.push(validateTokenRequest(decided, 'the request authorize returned'));
    } catch (error) {
      return { answer: internalAnswer(`authorize returned an invalid token request for arguments[${i}]: ${describeThrown(error)}`) };
    }
  }
  return { requests };
}
