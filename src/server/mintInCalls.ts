import { RoomTokenError } from '../core/RoomTokenError';
import { validateTokenRequest, type TokenRequest } from '../core/TokenRequest';

/**
 * `mintMany`'s plan: the requests in as few Create calls as `maxArguments` allows (one, unless
 * there are more), in order, each call through `mintCall` (the pipeline `mint` runs). Every
 * request is checked before the first call, so bad input sends nothing; the first call
 * refused rejects the whole with its error, and the calls after it are not made.
 * @internal
 */
export async function mintInCalls(
  requests: readonly TokenRequest[],
  maxArguments: number,
  mintCall: (requests: readonly TokenRequest[], first: number) => Promise<string[]>,
): Promise<string[]> {
  if (!Array.isArray(requests)) throw new RoomTokenError('invalid_argument', 'mintMany: `requests` must be an array of token requests', { status: 400 });
  if (requests.length > maxArguments) {
    // The calls are checked one by one: check every request before the first call is made.
    for (const [i, request] of requests.entries()) {
      try {
        validateTokenRequest(request, `requests[${i}]`);
      } catch (error) {
        throw error instanceof RoomTokenError ? new RoomTokenError('invalid_argument', error.message, { status: 400 }) : error;
      }
    }
  }
  const tokens: string[] = [];
  for (let first = 0; first < requests.length; first += maxArguments) {
    tokens.push(...(await mintCall(requests.slice(first, first + maxArguments), first)));
  }
  return tokens;
}
