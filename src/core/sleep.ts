import { abortable, timerMs } from './abortable';

/**
 * Waits `ms` (as long as a timer can, at most: 2^31 - 1 ms), or rejects with `canceled` as
 * soon as `signal` aborts; the timer is cleared then, so nothing is held once nobody waits.
 * @internal
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const elapsed = new Promise<void>((resolve) => (timer = setTimeout(resolve, timerMs(ms))));
  return abortable(elapsed, signal, () => clearTimeout(timer));
}
