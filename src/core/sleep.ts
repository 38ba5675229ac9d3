import { canceledError } from './RoomTokenError';

/**
 * Waits `ms`, or rejects with `canceled` as soon as `signal` aborts (the timer is cleared, so
 * nothing is held once nobody waits).
 * @internal
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(canceledError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(canceledError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
