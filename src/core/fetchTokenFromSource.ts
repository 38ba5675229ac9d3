import { abortable } from './abortable';
import { toWireArgument } from './codec';
import { sendCreateRequest } from './createRoomMemberTokens';
import type { Batcher, SendBatch } from './createBatcher';
import { devKeyRejected, warnDevModeOnce } from './devMode';
import type { ResolvedSource } from './resolveTokenSource';
import { RoomTokenError } from './RoomTokenError';
import { toRoomTokenError } from './toRoomTokenError';
import type { TokenRequest } from './TokenRequest';

// Header functions have no content to compare: give each one a number for the batch group.
const functionIds = new WeakMap<object, number>();
let nextFunctionId = 0;
const idOf = (fn: object) => functionIds.get(fn) ?? (functionIds.set(fn, ++nextFunctionId), nextFunctionId);

/**
 * Starts one call for one token from a resolved source: `fetchToken`, or a Create call of its
 * own or shared with a batch. `signal` aborting means nobody waits for this token any more:
 * a call of its own stops, a batch member leaves (the batch stops once no member waits). Not
 * bounded by time: the client bounds each attempt (`timeoutMs`). Rejects with a
 * `RoomTokenError` only.
 * @internal
 */
export async function fetchTokenFromSource(source: ResolvedSource, request: TokenRequest, signal: AbortSignal, batcher: Batcher): Promise<string> {
  const { kind, target, options } = source;
  if (kind === 'custom') {
    let token: unknown;
    try {
      // One that ignores its signal still ends here, so the call is forgotten at once.
      token = await abortable(options.fetchToken!(request, { signal }), signal);
    } catch (error) {
      throw toRoomTokenError(error, { signal, what: 'fetchToken' });
    }
    if (typeof token !== 'string' || token === '') throw new RoomTokenError('internal', 'fetchToken must resolve a non-empty token string');
    return token;
  }
  const { headers, credentials, batch } = options;
  const send: SendBatch = async (requests, callSignal) => {
    if (kind === 'dev') warnDevModeOnce();
    let sent: HeadersInit | undefined;
    try {
      sent = typeof headers === 'function' ? await abortable(Promise.resolve(headers()), callSignal) : headers;
    } catch (error) {
      throw toRoomTokenError(error, { signal: callSignal, what: 'headers' });
    }
    // Each request was validated when its entry was made; the attempt's own bound is the timeout.
    const call = sendCreateRequest({ arguments: requests.map(toWireArgument) }, {
      headers: sent,
      credentials,
      signal: callSignal,
      timeoutMs: Infinity,
      ...(kind === 'dev' ? { baseUrl: target, apiKey: options.dev!.apiKey } : { url: target }),
    });
    return kind === 'dev' ? call.catch((error: unknown) => Promise.reject(devKeyRejected(error, target))) : call;
  };
  if (batch === false) return (await send([request], signal))[0]!;
  const maxSize = batch?.maxSize ?? 16;
  // Only requests that would be sent the same way may share a call. `timeoutMs` is not part
  // of that: each member's attempt has its own bound, and the call ends once none waits.
  const group = JSON.stringify([
    kind,
    target,
    options.dev?.apiKey,
    credentials,
    maxSize,
    typeof headers === 'function' ? idOf(headers) : headers instanceof Headers ? [...headers] : headers,
  ]);
  return batcher(group, maxSize, send, request, signal);
}
