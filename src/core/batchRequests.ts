import { createBatcher, type SendBatch } from './createBatcher';
import { checkNumberOption, NUMBER_RULES } from './checkNumberOption';
import { configurationError } from './configurationError';
import { BATCHER } from './optInBrands';
import type { ResolvedSource } from './resolveTokenSource';
import type { TokenRequest } from './TokenRequest';


/**
 * Options of {@link batchRequests}.
 *
 * @example
 * const options: BatchRequestsOptions = { maxSize: 16 };
 */
export interface BatchRequestsOptions {
  /**
   * The most arguments one Create call carries: match your handler's `maxArguments`. A whole
   * number above 0; anything else throws a configuration error (`invalid_argument`).
   * @defaultValue 16
   */
  maxSize?: number;
}

/**
 * Requests batched together, made by {@link batchRequests}: give it as the `batch` option.
 *
 * @example
 * const batch: RequestBatcher = batchRequests({ maxSize: 16 });
 */
export interface RequestBatcher {
  /** The most arguments one Create call carries. */
  readonly maxSize: number;
  /** @internal Queues one request of a source and resolves its token from the group's call. */
  readonly join: (source: ResolvedSource, send: SendBatch, request: TokenRequest, signal: AbortSignal) => Promise<string>;
  /** @internal */
  readonly [BATCHER]: true;
}


// Header functions and dev sources have no content to compare: each gets a number for the group.
const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;
const idOf = (object: object) => objectIds.get(object) ?? (objectIds.set(object, ++nextObjectId), nextObjectId);

/**
 * Batching, for pages that show many rooms at once (a grid of previews): requests to the same
 * `endpoint` or `dev` source that start in the same tick go out as one Create call, up to
 * `maxSize` arguments each. Off the default import path, and off unless given as `batch` (to
 * `createRoomTokenClient`, `RoomTokenProvider`, a hook or a gate); `fetchToken` is never
 * batched. Make it once, at module level: each batcher keeps its own queue, and a new one on
 * every render is a changed option.
 *
 * A member that stops waiting leaves its call (aborted once none waits). A batch refused for a
 * reason one member can cause (`invalid_argument`, `permission_denied`) is asked again one
 * member at a time, so only the members at fault fail.
 *
 * @example
 * import { RoomTokenProvider, batchRequests } from 'react-room-token';
 *
 * const batch = batchRequests({ maxSize: 16 });
 *
 * export default function Root() {
 *   return <RoomTokenProvider endpoint="/api/room-token" batch={batch}><RoomGrid /></RoomTokenProvider>;
 * }
 */
export function batchRequests(options: BatchRequestsOptions = {}): RequestBatcher {
  const { maxSize = 16 } = options;
  checkNumberOption('batchRequests maxSize', maxSize, NUMBER_RULES.positiveCount, configurationError);
  const batcher = createBatcher();
  return {
    [BATCHER]: true,
    maxSize,
    join({ kind, target, options }, send, request, signal) {
      const { headers, credentials, dev } = options;
      // Only requests that would be sent the same way may share a call. `timeoutMs` is not part
      // of that: each member's attempt has its own bound, and the call ends once none waits.
      const group = JSON.stringify([
        kind,
        target,
        dev && idOf(dev),
        credentials,
        typeof headers === 'function' ? idOf(headers) : headers instanceof Headers ? [...headers] : headers,
      ]);
      return batcher(group, maxSize, send, request, signal);
    },
  };
}
