import { abortable } from './abortable';
import { toWireArgument } from './codec';
import { fetchCreate } from './fetchCreate';
import type { SendBatch } from './createBatcher';
import type { ResolvedSource } from './resolveTokenSource';
import { RoomTokenError } from './RoomTokenError';
import { toRoomTokenError } from './toRoomTokenError';
import type { TokenRequest } from './TokenRequest';

/**
 * Starts one call for one token from a resolved source: `fetchToken`, or a Create call of its
 * own (or shared with a batch, when `batch` is given). `signal` aborting means nobody waits
 * for this token any more. Not bounded by time here: the client's one abort-and-timeout path
 * (`bounded` around `joinCall`) bounds each attempt, and the Create call has no timer of its
 * own. Rejects with a `RoomTokenError` only.
 * @internal
 */
export async function fetchTokenFromSource(source: ResolvedSource, request: TokenRequest, signal: AbortSignal): Promise<string> {
  const { kind, target, options } = source;
  if (kind === 'custom') {
    let token: unknown;
    try {
      // One that ignores its signal still ends here, so that its call is forgotten at once
      // (a call that never settles would be joined by whoever asks next).
      token = await abortable(options.fetchToken!(request, { signal }), signal);
    } catch (error) {
      throw toRoomTokenError(error, { signal, what: 'fetchToken' });
    }
    if (typeof token !== 'string' || token === '') {
      let message = 'fetchToken gave no token';
      try {
        if (process.env.NODE_ENV !== 'production') message = 'fetchToken must resolve a non-empty token string';
      } catch {
        // No `process`, and no bundler replaced it: the short text.
      }
      throw new RoomTokenError('internal', message);
    }
    return token;
  }
  const { headers, credentials, batch, dev } = options;
  const send: SendBatch = async (requests, callSignal) => {
    let sent: HeadersInit | undefined;
    try {
      sent = typeof headers === 'function' ? await headers() : headers;
    } catch (error) {
      throw toRoomTokenError(error, { signal: callSignal, what: 'headers' });
    }
    // Each request was validated when its entry was made.
    const args = requests.map(toWireArgument);
    const init = { headers: sent, credentials, signal: callSignal };
    return kind === 'dev' ? dev!.send(args, init) : fetchCreate(target, { arguments: args }, init);
  };
  return batch ? batch.join(source, send, request, signal) : (await send([request], signal))[0]!;
}
