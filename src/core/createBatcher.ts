import { canceledError, RoomTokenError } from './RoomTokenError';
import type { TokenRequest } from './TokenRequest';

/** Sends one Create call for several requests; tokens come back in request order. @internal */
export type SendBatch = (requests: TokenRequest[], signal: AbortSignal) => Promise<string[]>;

// The codes a single member can be the cause of.
const SPLIT = /^(invalid_argument|permission_denied)$/;

interface Member {
  request: TokenRequest;
  signal: AbortSignal;
  resolve: (token: string) => void;
  reject: (error: unknown) => void;
}

/** Queues token requests per source and sends each queue as one Create call. @internal */
export type Batcher = (group: string, maxSize: number, send: SendBatch, request: TokenRequest, signal: AbortSignal) => Promise<string>;

/**
 * Requests of one group (one source) that start in the same tick go out together, up to
 * `maxSize` per call. A member that stops waiting leaves; the call is aborted only once no
 * member waits. A batch refused for a reason one member can cause (an invalid member, a
 * policy's denial of one of them) is asked again one member at a time, so only the members at
 * fault fail; any other failure (an outage, a wrong URL) is every member's, and is not split.
 * @internal
 */
export function createBatcher(): Batcher {
  const queues = new Map<string, { send: SendBatch; maxSize: number; members: Member[] }>();

  async function run(send: SendBatch, members: Member[]): Promise<void> {
    const waiting = members.filter((m) => !m.signal.aborted);
    if (!waiting.length) return;
    // A lone member's own signal will do; a shared call is aborted once every member has left.
    const controller = waiting.length > 1 ? new AbortController() : undefined;
    let left = waiting.length;
    const leave = () => --left || controller!.abort();
    if (controller) for (const m of waiting) m.signal.addEventListener('abort', leave);
    try {
      const tokens = await send(
        waiting.map((m) => m.request),
        controller?.signal ?? waiting[0]!.signal,
      );
      waiting.forEach((m, i) => m.resolve(tokens[i]!));
    } catch (error) {
      const split = waiting.length > 1 && error instanceof RoomTokenError && SPLIT.test(error.code);
      for (const m of waiting) {
        if (split) void run(send, [m]);
        else m.reject(error);
      }
    } finally {
      if (controller) for (const m of waiting) m.signal.removeEventListener('abort', leave);
    }
  }

  return (group, maxSize, send, request, signal) =>
    new Promise<string>((resolve, reject) => {
      const cancel = () => reject(canceledError());
      signal.addEventListener('abort', cancel);
      const member: Member = {
        request,
        signal,
        resolve: (token) => (signal.removeEventListener('abort', cancel), resolve(token)),
        reject: (error) => (signal.removeEventListener('abort', cancel), reject(error)),
      };
      let queue = queues.get(group);
      if (!queue) {
        const q = { send, maxSize, members: [] as Member[] };
        queues.set(group, (queue = q));
        // Everything React mounts in one commit asks within this tick.
        queueMicrotask(() => {
          queues.delete(group);
          for (let i = 0; i < q.members.length; i += q.maxSize) void run(q.send, q.members.slice(i, i + q.maxSize));
        });
      }
      queue.members.push(member);
    });
}
