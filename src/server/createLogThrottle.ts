/**
 * Lets a line of each kind through at most once per `everyMs` (by the wall clock, so fake
 * timers move it). Returns, for a line let through, how many of its kind were held back since
 * the last one; `undefined` for a line to hold back.
 * @internal
 */
export function createLogThrottle(everyMs = 60_000): (kind: string) => number | undefined {
  const kinds = new Map<string, { next: number; held: number }>();
  return (kind) => {
    const now = Date.now();
    const last = kinds.get(kind);
    if (last && now < last.next) {
      last.held += 1;
      return undefined;
    }
    kinds.set(kind, { next: now + everyMs, held: 0 });
    return last?.held ?? 0;
  };
}
