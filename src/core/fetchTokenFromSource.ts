import { toWireArgument } from './codec';
import { DEFAULT_TIMEOUT_MS, sendCreateRequest } from './createRoomMemberTokens';
import type { Batcher, SendBatch } from './createBatcher';
import { warnDevModeOnce } from './devMode';
import type { ResolvedSource } from './resolveTokenSource';
import { bounded } from './bounded';
import { RoomTokenError } from './RoomTokenError';
import { toRoomTokenError } from './toRoomTokenError';
import type { TokenRequest } from './TokenRequest';

// Header functions have no content to compare: give each one a number for the batch group.
const functionIds = new WeakMap<object, number>();
let nextFunctionId = 0;
const idOf = (fn: object) => functionIds.get(fn) ?? (functionIds.set(fn, ++nextFunctionId), nextFunctionId);

/**
 * One attempt at one token from a resolved source, bounded as a whole by `timeoutMs`
 * (`headers()` and the call, or `fetchToken`, however long they would hang) and by `signal`.
 * Rejects with a `RoomTokenError` only: `deadline_exceeded` past the time, `canceled` once
 * `signal` aborts.
 * @internal
 */
export function fetchTokenFromSource(source: ResolvedSource, request: TokenRequest, signal: AbortSignal, batcher: Batcher, id: string): Promise<string> {
  const timeoutMs = source.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return bounded(
    (bound) => attempt(source, request, bound, batcher, id),
    timeoutMs,
    signal,
    (cause) => new RoomTokenError('deadline_exceeded', `the token request did not finish within ${timeoutMs} ms`, { cause }),
  );
}

async function attempt(source: ResolvedSource, request: TokenRequest, signal: AbortSignal, batcher: Batcher, id: string): Promise<string> {
  const { kind, target, options } = source;
  if (kind === 'custom') {
    let token: unknown;
    try {
      token = await options.fetchToken!(request, { signal });
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
      sent = typeof headers === 'function' ? await headers() : headers;
    } catch (error) {
      throw toRoomTokenError(error, { signal: callSignal, what: 'headers' });
    }
    // Each request was validated when its entry was made; the attempt's own bound is the timeout.
    return sendCreateRequest({ arguments: requests.map(toWireArgument) }, {
      headers: sent,
      credentials,
      signal: callSignal,
      timeoutMs: Infinity,
      ...(kind === 'dev' ? { baseUrl: target, apiKey: options.dev!.apiKey } : { url: target }),
    });
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
  return batcher(group, maxSize, send, request, signal, id);
}
