import { abortable, MAX_TIMER_MS } from './abortable';
import type { RoomTokenError } from './RoomTokenError';

/**
 * Runs `task` with a signal that aborts once `signal` does (→ `canceled`) or `timeoutMs`
 * passes (→ `timedOut()`), and settles then, whatever `task` does: a custom `fetch`, a
 * `headers()` or a `fetchToken` that ignores its signal cannot hold the caller. `Infinity`
 * (or anything past what a timer takes, 2^31 - 1 ms) means no time limit. Needs no
 * `AbortSignal` statics (`timeout`, `any`, `abort`): React Native's polyfill has none.
 * @internal
 */
export function bounded<T>(
  task: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  timedOut: () => RoomTokenError,
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    // Settled before the task hears of the abort, so that this, not what the task rejects
    // with, is what ends the call.
    if (timeoutMs <= MAX_TIMER_MS) timer = setTimeout(() => (reject(timedOut()), controller.abort()), timeoutMs);
  });
  if (!signal) return Promise.race([task(controller.signal), expired]).finally(() => clearTimeout(timer));
  // The caller leaving ends the task too; a caller gone already starts nothing.
  const running = signal.aborted ? new Promise<T>(() => {}) : Promise.race([task(controller.signal), expired]);
  return abortable(running, signal, () => controller.abort()).finally(() => clearTimeout(timer));
}
