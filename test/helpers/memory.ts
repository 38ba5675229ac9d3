// The process's memory as the hostile-answer tests measure it: the JS heap plus the
// ArrayBuffers outside it (response chunks and decompression buffers live there).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// Vitest runs without --expose-gc; the flag can still be turned on, and a fresh context then
// has `gc`.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Bytes in use now, after a full collection: what is still held, not garbage. */
export function retainedBytes(): number {
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** Bytes in use now, garbage included: a sample of the peak. */
export function usedBytes(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

export const MiB = 1024 * 1024;

/** Tracks the largest growth over a baseline taken when it is made. */
export function memoryWatch() {
  const baseline = retainedBytes();
  let peak = 0;
  return {
    /** Samples the memory in use (without collecting) and keeps the largest growth seen. */
    sample(): number {
      peak = Math.max(peak, usedBytes() - baseline);
      return peak;
    },
    /** The largest growth sampled so far, in bytes. */
    peak: () => peak,
    /** What is still held over the baseline after a full collection, in bytes. */
    retained: () => retainedBytes() - baseline,
  };
}
