const MONTHS = 'janfebmaraprmayjunjulaugsepoctnovdec';

/**
 * Reads an HTTP date in any of its three forms as GMT (RFC 9110 §5.6.7), in ms since the
 * epoch; `NaN` for anything else. `Date.parse` is not used: it reads the asctime form
 * (`Sun Nov  6 08:49:37 1994`, which has no zone) as local time.
 * - IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`
 * - RFC 850: `Sunday, 06-Nov-94 08:49:37 GMT` (a two-digit year more than 50 years ahead is in the past)
 * - asctime: `Sun Nov  6 08:49:37 1994`
 * @internal
 */
export function parseHttpDate(text: string, now = Date.now()): number {
  const form =
    /^[a-z]{3,9}, (\d\d)[ -]([a-z]{3})[ -](\d\d|\d{4}) (\d\d):(\d\d):(\d\d) GMT$/i.exec(text) ??
    // asctime: month, day, time, year; reordered below.
    /^[a-z]{3} ([a-z]{3}) ([ \d]\d) (\d\d):(\d\d):(\d\d) (\d{4})$/i.exec(text);
  if (!form) return NaN;
  const asctime = !text.includes(',');
  const [day, monthName, yearText, hh, mm, ss] = asctime ? [form[2]!, form[1]!, form[6]!, form[3]!, form[4]!, form[5]!] : form.slice(1);
  const month = MONTHS.indexOf(monthName!.toLowerCase());
  if (month < 0 || month % 3) return NaN;
  let year = Number(yearText);
  if (yearText!.length === 2) {
    const thisYear = new Date(now).getUTCFullYear();
    year += thisYear - (thisYear % 100);
    if (year > thisYear + 50) year -= 100;
  }
  return Date.UTC(year, month / 3, Number(day), Number(hh), Number(mm), Number(ss));
}

/**
 * Reads a `Retry-After` header as a wait in ms: delta-seconds (`"120"`) or an HTTP date
 * (`"Wed, 21 Oct 2026 07:28:00 GMT"`, in any of its forms, read as GMT). A date is measured
 * against the answer's own `Date` header when it has one (RFC 9110 §10.2.3), so that a
 * client clock that is off does not stretch or shrink the wait; else against `now`. A date
 * past is no wait. Anything else, or no header, is `undefined`.
 * @internal
 *
 * @example
 * parseRetryAfter('2'); // 2000
 * parseRetryAfter('Sun, 01 Mar 2026 12:00:30 GMT', { date: 'Sun, 01 Mar 2026 12:00:00 GMT' }); // 30000
 */
export function parseRetryAfter(value: string | null | undefined, { date, now = Date.now() }: { date?: string | null; now?: number } = {}): number | undefined {
  const text = value?.trim() ?? '';
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = parseHttpDate(text, now);
  if (Number.isNaN(at)) return undefined;
  const sent = date ? parseHttpDate(date.trim(), now) : NaN;
  return Math.max(0, at - (Number.isNaN(sent) ? now : sent));
}
