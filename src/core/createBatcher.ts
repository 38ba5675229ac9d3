import { canceledError, RoomTokenError } from './RoomTokenError';
import type { TokenRequest } from './TokenRequest';

/** Sends one Create call for several requests; tokens come back in request order. @internal */
export type SendBatch = (requests: TokenRequest[], signal: AbortSignal) => Promise<string[]>;

// The codes a single member can be the cause of.
const SPLIT = /^(invalid_argument|permission_denied)$/;

interface Member {
  /** The group and the request's identity: one call at a time holds it. */
  key: string;
  /** The member's token, from its batch or, if that is split, from its own call. */
  done: Promise<string>;
  request: TokenRequest;
  signal: AbortSignal;
  resolve: (token: string) => void;
  reject: (error: unknown) => void;
}

/**
 * Queues token requests per source and sends each queue as one Create call. `id` is the
 * request's identity: while a call holds it, another request for it joins that call.
 * @internal
 */
export type Batcher = (group: string, maxSize: number, send: SendBatch, request: TokenRequest, signal: AbortSignal, id: string) => Promise<string>;

/** `promise`, or `canceled` as soon as `signal` aborts: a waiter leaves without stopping it. */
function waitFor<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cancel = () => reject(canceledError());
    if (signal.aborted) return cancel();
    signal.addEventListener('abort', cancel);
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', cancel));
  });
}

/**
 * Requests of one group (one source) that start in the same tick go out together, up to
 * `maxSize` per call. A member that stops waiting leaves; the call is aborted only once no
 * member waits, and until then a new request for a member's identity joins it rather than
 * mint again. A batch refused for a reason one member can cause (an invalid member, a
 * policy's denial of one of them) is asked again one member at a time, so only the members at
 * fault fail; any other failure (an outage, a wrong URL) is every member's, and is not split.
 * @internal
 */
export function createBatcher(): Batcher {
  const queues = new Map<string, { send: SendBatch; maxSize: number; members: Member[] }>();
  // The token each identity will get from the call under way that holds it.
  const running = new Map<string, Promise<string>>();

  async function run(send: SendBatch, members: Member[]): Promise<void> {
    const waiting = members.filter((m) => !m.signal.aborted);
    if (!waiting.length) return;
    // A lone member's own signal will do; a shared call is aborted once every member has left.
    const controller = waiting.length > 1 ? new AbortController() : undefined;
    const call = send(
      waiting.map((m) => m.request),
      controller?.signal ?? waiting[0]!.signal,
    );
    for (const m of waiting) running.set(m.key, m.done);
    const forget = () => waiting.forEach((m) => running.get(m.key) === m.done && running.delete(m.key));
    let left = waiting.length;
    // Once nobody waits, the call is aborted (or, for a lone member, already was): no one may join it.
    const leave = () => --left || (forget(), controller?.abort());
    for (const m of waiting) m.signal.addEventListener('abort', leave);
    let split = false;
    try {
      const all = await call;
      waiting.forEach((m, i) => m.resolve(all[i]!));
    } catch (error) {
      split = waiting.length > 1 && error instanceof RoomTokenError && SPLIT.test(error.code);
      for (const m of waiting) {
        if (split) void run(send, [m]);
        else m.reject(error);
      }
    } finally {
      for (const m of waiting) m.signal.removeEventListener('abort', leave);
      // Split members go on in calls of their own, which hold their identities now.
      if (!split) forget();
    }
  }

  return (group, maxSize, send, request, signal, id) => {
    const key = `${group} ${id}`;
    const joined = running.get(key);
    if (joined) return waitFor(joined, signal);
    const member = { key, request, signal } as Member;
    member.done = new Promise<string>((resolve, reject) => Object.assign(member, { resolve, reject }));
    member.done.catch(() => {});
    const token = waitFor(member.done, signal);
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
    return token;
  };
}
