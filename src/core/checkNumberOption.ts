import { MAX_TIMER_MS } from './abortable';
import { DEV } from './DEV';

/** What a numeric option may be, and how a message says it. @internal */
export interface NumberRule {
  ok: (n: number) => boolean;
  what: string;
}

/**
 * The numeric options' rules, one place for all of them. Timers take at most 2^31 - 1 ms;
 * past that they fire at once, so no option in ms may go beyond.
 * @internal
 */
export const NUMBER_RULES = {
  ms: { ok: (n) => n >= 0 && n <= MAX_TIMER_MS, what: 'a number of ms from 0 to 2^31 - 1' },
  positiveMs: { ok: (n) => n > 0 && n <= MAX_TIMER_MS, what: 'a number of ms above 0, at most 2^31 - 1' },
  count: { ok: (n) => Number.isSafeInteger(n) && n >= 0, what: 'a whole number, 0 or more' },
  positiveCount: { ok: (n) => Number.isSafeInteger(n) && n > 0, what: 'a whole number above 0' },
} satisfies Record<string, NumberRule>;

/**
 * The one check of a numeric option: nothing when it is unset, follows `rule`, or is `also`
 * (`Infinity` where it means "no limit"); else throws `fail(message)` naming the option. What
 * it must be is said in development builds; production builds keep the name and the value.
 * @internal
 *
 * @example
 * checkNumberOption('timeoutMs', options.timeoutMs, NUMBER_RULES.positiveMs, configurationError, Infinity);
 */
export function checkNumberOption(name: string, value: unknown, rule: NumberRule, fail: (message: string) => Error, also?: number): void {
  if (value === undefined || (typeof value === 'number' && (rule.ok(value) || value === also))) return;
  const got = typeof value === 'number' ? String(value) : `a ${typeof value}`;
  throw fail(DEV ? `${name} must be ${rule.what}${also === undefined ? '' : `, or ${also}`}, got ${got}` : `${name} cannot be ${got}`);
}
