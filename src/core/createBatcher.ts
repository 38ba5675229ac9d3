import { canceledError, RoomTokenError } from './RoomTokenError';
import type { TokenRequest } from './TokenRequest';

/** Sends one Create call for several requests; tokens come back in request order. @internal */
export type SendBatch = (requests: TokenRequest[], signal: AbortSignal) => Promise<string[]>;

// The codes a single member can be the cause of.
const SPLIT = /^(invalid_argument|permission_denied)$/;

interface Member {
  request: TokenRequest;
  /** Aborted when the member leaves: it stops waiting, the batch goes on for the others. */
  signal: AbortSignal;
  resolve: (token: string) => void;
  reject: (error: unknown) => void;
}

/**
 * Queues a token request in its group (one source) and resolves the member's token from the
 * group's Create call. The returned promise is the *call's* answer for this member: it settles
 * even after the member has left (its `signal` aborted) while others still wait, so that the
 * client, which joins calls per identity, can hand it to whoever asks again meanwhile.
 * @internal
 */
export type Batcher = (group: string, maxSize: number, send: SendBatch, request: TokenRequest, signal: AbortSignal) => Promise<string>;

/**
 * Requests of one group that start in the same tick go out together, up to `maxSize` per
 * call. A member that stops waiting leaves; the call is aborted only once no member waits. A
 * batch refused for a reason one member can cause (an invalid member, a policy's denial of
 * one of them) is asked again one member at a time, so only the members at fault fail; any
 * other failure (an outage, a wrong URL) is every member's, and is not split.
 * @internal
 */
export function createBatcher(): Batcher {
  const queues = new Map<string, { send: SendBatch; maxSize: number; members: Member[] }>();

  async function send(call: SendBatch, members: Member[]): Promise<void> {
    const waiting = members.filter((m) => !m.signal.aborted || void m.reject(canceledError()));
    if (!waiting.length) return;
    // A lone member's own signal will do; a shared call is aborted once every member has left.
    const controller = waiting.length > 1 ? new AbortController() : undefined;
    let left = waiting.length;
    const leave = () => --left || controller?.abort();
    for (const m of waiting) m.signal.addEventListener('abort', leave);
    try {
      const all = await call(
        waiting.map((m) => m.request),
        controller?.signal ?? waiting[0]!.signal,
      );
      waiting.forEach((m, i) => m.resolve(all[i]!));
    } catch (error) {
      const split = waiting.length > 1 && error instanceof RoomTokenError && SPLIT.test(error.code);
      for (const m of waiting) {
        if (split) void send(call, [m]);
        else m.reject(error);
      }
    } finally {
      for (const m of waiting) m.signal.removeEventListener('abort', leave);
    }
  }

  return (group, maxSize, call, request, signal) =>
    new Promise<string>((resolve, reject) => {
      let queue = queues.get(group);
      if (!queue) {
        const q = { send: call, maxSize, members: [] as Member[] };
        queues.set(group, (queue = q));
        // Everything React mounts in one commit asks within this tick.
        queueMicrotask(() => {
          queues.delete(group);
          for (let i = 0; i < q.members.length; i += q.maxSize) void send(q.send, q.members.slice(i, i + q.maxSize));
        });
      }
      queue.members.push({ request, signal, resolve, reject });
    });
}
