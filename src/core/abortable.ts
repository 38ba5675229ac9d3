import { canceledError } from './RoomTokenError';

/** The longest wait a timer takes: past 2^31 - 1 ms, `setTimeout` fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A timer delay that waits as asked, or as long as a timer can: never one that fires at once. */
export const timerMs = (ms: number): number => Math.min(Math.max(ms, 0), MAX_TIMER_MS);

/**
 * The one abortable wait: `promise`'s outcome, or `canceled` as soon as `signal` aborts (then
 * `onAbort` runs, to let go of whatever the wait held). The promise itself goes on: a waiter
 * leaves, it does not stop the work. Uses only `aborted` and the `abort` event, which React
 * Native's `AbortController` polyfill has too.
 * @internal
 *
 * @example
 * const token = await abortable(sharedCall, consumerSignal, () => leaveTheCall());
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal, onAbort?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cancel = () => {
      onAbort?.();
      // The caller's reason, where the runtime keeps one (React Native's polyfill may not).
      reject(canceledError((signal as { reason?: unknown }).reason));
    };
    if (signal.aborted) return cancel();
    signal.addEventListener('abort', cancel);
    const done = () => signal.removeEventListener('abort', cancel);
    promise.then(
      (value) => (done(), resolve(value)),
      (error: unknown) => (done(), reject(error)),
    );
  });
}
