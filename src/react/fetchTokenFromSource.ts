import { toWireArgument } from '../core/codec';
import { sendCreateRequest } from '../core/createRoomMemberTokens';
import { canceledError, RoomTokenError } from '../core/RoomTokenError';
import type { TokenRequest } from '../core/TokenRequest';
import { warnDevModeOnce } from './devMode';
import type { ResolvedSource } from './resolveTokenSource';
import type { Batcher, SendBatch } from './createBatcher';

/** Turns whatever a custom source threw into the one error type the hook shows. */
export function toRoomTokenError(error: unknown, signal: AbortSignal, what = 'fetchToken'): RoomTokenError {
  if (error instanceof RoomTokenError) return error;
  if (signal.aborted) return canceledError(error);
  const message = error instanceof Error ? error.message : String(error);
  return new RoomTokenError('unknown', `${what} failed: ${message}`, { cause: error });
}

// Header functions have no content to compare: give each one a number for the batch group.
const functionIds = new WeakMap<object, number>();
let nextFunctionId = 0;
const idOf = (fn: object) => functionIds.get(fn) ?? (functionIds.set(fn, ++nextFunctionId), nextFunctionId);

/** One attempt at one token from the resolved source. */
export async function fetchTokenFromSource(
  source: ResolvedSource,
  request: TokenRequest,
  signal: AbortSignal,
  batcher: Batcher,
): Promise<string> {
  const { options } = source;
  if (source.kind === 'custom') {
    let token: unknown;
    try {
      token = await options.fetchToken!(request, { signal });
    } catch (error) {
      throw toRoomTokenError(error, signal);
    }
    if (typeof token !== 'string' || token === '') {
      throw new RoomTokenError('internal', 'fetchToken must resolve a non-empty token string');
    }
    return token;
  }
  const { headers, credentials, timeoutMs, batch } = options;
  const send: SendBatch = async (requests, callSignal) => {
    if (source.kind === 'dev') warnDevModeOnce();
    let sent: HeadersInit | undefined;
    try {
      sent = typeof headers === 'function' ? await headers() : headers;
    } catch (error) {
      throw toRoomTokenError(error, callSignal, 'headers');
    }
    // The hook validated each request already.
    return sendCreateRequest({ arguments: requests.map(toWireArgument) }, {
      headers: sent,
      credentials,
      signal: callSignal,
      timeoutMs,
      ...(source.kind === 'dev' ? { baseUrl: source.target, apiKey: options.dev!.apiKey } : { url: source.target }),
    });
  };
  if (batch === false) return (await send([request], signal))[0]!;
  const maxSize = batch?.maxSize ?? 16;
  // Only requests that would be sent the same way may share a call.
  const group = JSON.stringify([
    source.kind,
    source.target,
    options.dev?.apiKey,
    credentials,
    timeoutMs,
    maxSize,
    typeof headers === 'function' ? idOf(headers) : headers instanceof Headers ? [...headers] : headers,
  ]);
  return batcher(group, maxSize, send, request, signal);
}
