/**
 * Reads a `Retry-After` header as a wait in ms: delta-seconds (`"120"`) or an HTTP date
 * (`"Wed, 21 Oct 2026 07:28:00 GMT"`, counted from `now`; a date past is no wait). Anything
 * else, or no header, is `undefined`.
 * @internal
 *
 * @example
 * parseRetryAfter('2'); // 2000
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const text = value?.trim() ?? '';
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Date.parse takes "2026" or "1" too; an HTTP date always names its day or month.
  const at = /[a-z]/i.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
