/** What a secret is replaced with. */
export const REDACTED = '[redacted]';

// Below this length a key is not a secret a message could leak by chance (a test key such as
// "k"), and cutting every occurrence would garble the message ("the to[redacted]en service").
const SHORT = 8;

/**
 * Cuts a secret out of a text, in each form it can take there: as is, JSON-escaped (as a
 * quoted value shows it) and URL-encoded. A secret of 8 characters or more is cut wherever
 * it appears; a shorter one only where it stands alone, not inside a word. Redact before
 * cutting a text short, or a cut can leave most of the secret in place.
 * @internal
 *
 * @example
 * redactSecret('bad key sk-123456789', 'sk-123456789'); // 'bad key [redacted]'
 */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret) return text;
  let encoded = secret;
  try {
    encoded = encodeURIComponent(secret);
  } catch {
    // A lone surrogate has no URL-encoded form.
  }
  for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1), encoded])) {
    text =
      secret.length >= SHORT
        ? text.split(form).join(REDACTED)
        : text.replace(new RegExp(`(^|[^\\w-])${form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g'), `$1${REDACTED}`);
  }
  return text;
}

/**
 * Cuts a text to `max` characters (an ellipsis included), to keep messages and log lines
 * readable whatever they quote. Call it after {@link redactSecret}, never before.
 * @internal
 */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/**
 * The one form of an API key, taken where the key is accepted: trimmed, as `Headers` trims
 * the value it sends (a key read from a secret file ends with a line break). That value is
 * sent, and redacted; `undefined` when there is no key at all.
 * @internal
 *
 * @example
 * normalizeApiKey('sk-live-123456789\n'); // 'sk-live-123456789'
 */
export function normalizeApiKey(key: unknown): string | undefined {
  return typeof key === 'string' && key.trim() ? key.trim() : undefined;
}

/**
 * Whether `text` holds 8 characters in a row of `secret` (a secret of 8 or more): a token
 * echoed back with the key in it, whole or cut short, is not a token.
 * @internal
 */
export function holdsPartOf(text: string, secret: string | undefined): boolean {
  if (!secret || secret.length < SHORT) return false;
  for (let i = 0; i + SHORT <= secret.length; i++) if (text.includes(secret.slice(i, i + SHORT))) return true;
  return false;
}
