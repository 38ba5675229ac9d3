import { RoomTokenError } from '../core/RoomTokenError';
import type { TokenRequest } from '../core/TokenRequest';

/** Sends one Create call for several requests; tokens come back in request order. */
export type SendBatch = (requests: TokenRequest[], signal: AbortSignal) => Promise<string[]>;

interface Member {
  request: TokenRequest;
  signal: AbortSignal;
  resolve: (token: string) => void;
  reject: (error: unknown) => void;
}

/** Queues token requests per source and sends each queue as one Create call. */
export type Batcher = (group: string, maxSize: number, send: SendBatch, request: TokenRequest, signal: AbortSignal) => Promise<string>;

/**
 * Requests of one group (one source) that start in the same tick go out together, up to
 * `maxSize` per call. A member that stops waiting leaves; the call is aborted only once no
 * member waits. A batch the server refuses as `invalid_argument` is asked again one member
 * at a time, so only the bad one fails.
 */
export function createBatcher(): Batcher {
  const queues = new Map<string, { send: SendBatch; maxSize: number; members: Member[] }>();

  async function run(send: SendBatch, members: Member[]): Promise<void> {
    const waiting = members.filter((m) => !m.signal.aborted);
    if (waiting.length === 0) return;
    const controller = new AbortController();
    let left = waiting.length;
    for (const m of waiting) m.signal.addEventListener('abort', () => --left || controller.abort(), { once: true });
    try {
      const tokens = await send(
        waiting.map((m) => m.request),
        controller.signal,
      );
      waiting.forEach((m, i) => m.resolve(tokens[i]!));
    } catch (error) {
      if (waiting.length > 1 && error instanceof RoomTokenError && error.code === 'invalid_argument') {
        for (const m of waiting) void run(send, [m]);
      } else {
        for (const m of waiting) m.reject(error);
      }
    }
  }

  return (group, maxSize, send, request, signal) =>
    new Promise<string>((resolve, reject) => {
      let queue = queues.get(group);
      if (!queue) {
        queues.set(group, (queue = { send, maxSize, members: [] }));
        // Everything React mounts in one commit asks within this tick.
        queueMicrotask(() => {
          queues.delete(group);
          const { members } = queue!;
          for (let i = 0; i < members.length; i += queue!.maxSize) void run(queue!.send, members.slice(i, i + queue!.maxSize));
        });
      }
      queue.members.push({ request, signal, resolve, reject });
      signal.addEventListener('abort', () => reject(new RoomTokenError('canceled', 'the token request was canceled')), {
        once: true,
      });
    });
}
