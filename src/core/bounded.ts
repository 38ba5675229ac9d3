import { canceledError, type RoomTokenError } from './RoomTokenError';

/**
 * Runs `task` with a signal that aborts once `signal` does (→ `canceled`) or `timeoutMs`
 * passes (→ `timedOut()`), and settles then, whatever `task` does: a custom `fetch`, a
 * `headers()` or a `fetchToken` that ignores its signal cannot hold the caller. `Infinity`
 * (or anything past what a timer takes, 2^31 - 1 ms) means no time limit.
 * @internal
 */
export function bounded<T>(
  task: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  timedOut: (cause: unknown) => RoomTokenError,
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stop!: () => void;
  const stopped = new Promise<never>((_, reject) => {
    // Settled before the task hears of the abort, so that this, not what the task rejects
    // with, is what ends the call. The cause is the reason a bare abort() gives, taken from a
    // throwaway controller: React Native's AbortController polyfill has no AbortSignal
    // statics, and no `reason` (then the cause is left out).
    const end = (error: (cause: unknown) => RoomTokenError) => {
      const probe = new AbortController();
      probe.abort();
      const { reason } = probe.signal as { reason?: unknown };
      reject(error(reason));
      controller.abort(reason);
    };
    stop = () => end(canceledError);
    if (timeoutMs < 2 ** 31) timer = setTimeout(() => end(timedOut), timeoutMs);
  });
  signal?.addEventListener('abort', stop);
  return Promise.race([signal?.aborted ? (stop(), stopped) : task(controller.signal), stopped]).finally(() => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', stop);
  });
}
