// Issue 19, items 1 and 2: keys as they are read (with whitespace around them) and the ways
// an upstream can echo most of a key back (cut short, base64, HTML-escaped, lowercase-%-encoded),
// for the "no key of 8 or more characters ever appears" properties.
import fc from 'fast-check';
import { expect } from 'vitest';

/** Whitespace around a key as a secret file, an env file or a paste leaves it. */
export const surroundings = fc.constantFrom<[string, string]>(['', '\n'], ['', '\r\n'], ['  ', ''], ['\t', ' \n'], ['', ' '], ['\n', '\n']);

/** Keys of 8 to 40 characters, with characters that JSON, URLs and HTML escape. */
export const keys = fc.string({ unit: fc.constantFrom(...'abcXYZ0189-_"\'/+=&<>.'.split('')), minLength: 8, maxLength: 40 });

const html = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const lowerPercent = (text: string) => encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());

/** The forms of a key an upstream may echo in a refusal: whole and partial. */
export const ECHOES: Record<string, (key: string) => string> = {
  whole: (key) => key,
  'minus its last character': (key) => key.slice(0, -1),
  'minus its last 3 characters': (key) => key.slice(0, -3),
  base64: (key) => Buffer.from(key).toString('base64'),
  'HTML-escaped': html,
  'lowercase-%-encoded': lowerPercent,
  'JSON-escaped': (key) => JSON.stringify(key).slice(1, -1),
};
export const echoes = fc.constantFrom(...Object.keys(ECHOES));

/** Every run of 8 characters of `text`. */
export const windowsOf = (text: string) => Array.from({ length: Math.max(0, text.length - 7) }, (_, i) => text.slice(i, i + 8));

/** Holds that `shown` has no 8 characters in a row of the key, nor of the form it was echoed in. */
export function expectNoPieceOf(shown: string, key: string, echoed: string): void {
  for (const piece of new Set([...windowsOf(key), ...windowsOf(echoed)])) expect(shown).not.toContain(piece);
}
