import { MAX_TIMER_MS } from './abortable';

/** What a numeric option may be. @internal */
export type NumberRule = (n: number) => boolean;

/**
 * The numeric options' rules, one place for all of them. Timers take at most 2^31 - 1 ms;
 * past that they fire at once, so no option in ms may go beyond.
 * @internal
 */
export const NUMBER_RULES = {
  ms: (n) => n >= 0 && n <= MAX_TIMER_MS,
  positiveMs: (n) => n > 0 && n <= MAX_TIMER_MS,
  count: (n) => Number.isSafeInteger(n) && n >= 0,
  positiveCount: (n) => Number.isSafeInteger(n) && n > 0,
} satisfies Record<string, NumberRule>;

/** What a rule asks for, in words: for development builds' messages only. */
function describeRule(rule: NumberRule): string {
  const { ms, positiveMs, count } = NUMBER_RULES;
  return rule === ms
    ? 'a number of ms from 0 to 2^31 - 1'
    : rule === positiveMs
      ? 'a number of ms above 0, at most 2^31 - 1'
      : rule === count
        ? 'a whole number, 0 or more'
        : 'a whole number above 0';
}

/**
 * The one check of a numeric option: nothing when it is unset, follows `rule`, or is `also`
 * (`Infinity` where it means "no limit"); else throws `fail(message)` naming the option. What
 * it must be is said in development builds; production builds keep the name and the value.
 * Read as bundlers replace it (`process.env.NODE_ENV`), inside `try`: the handler and the fake
 * use it too, where an edge runtime may have no `process`.
 * @internal
 *
 * @example
 * checkNumberOption('timeoutMs', options.timeoutMs, NUMBER_RULES.positiveMs, configurationError, Infinity);
 */
export function checkNumberOption(name: string, value: unknown, rule: NumberRule, fail: (message: string) => Error, also?: number): void {
  if (value === undefined || (typeof value === 'number' && (rule(value) || value === also))) return;
  const got = typeof value === 'number' ? String(value) : `a ${typeof value}`;
  let message = `${name} cannot be ${got}`;
  try {
    if (process.env.NODE_ENV !== 'production') message = `${name} must be ${describeRule(rule)}${also === undefined ? '' : `, or ${also}`}, got ${got}`;
  } catch {
    // No `process`, and no bundler replaced it: the short text.
  }
  throw fail(message);
}
