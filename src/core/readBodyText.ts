import { readLimitedText, type LimitedText } from './readLimitedText';

/** The bytes a string takes in UTF-8 (a lone surrogate counts as the 3 of U+FFFD). */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: 2 UTF-16 units, 4 bytes.
      bytes += 2;
      i++;
    } else if (code >= 0x800) bytes += 2;
    else if (code >= 0x80) bytes += 1;
  }
  return bytes;
}

/**
 * Reads a response's (or a request's) body as text with a limit of `maxBytes`: from its `body`
 * stream when it has one (see `readLimitedText`), else with `text()`, as React Native's fetch
 * (whatwg-fetch on XMLHttpRequest) gives it. There, a `Content-Length` past the limit is
 * refused before anything is read, and what arrived is counted (its UTF-8 bytes).
 * @internal
 */
export async function readBodyText(response: Pick<Response, 'body' | 'headers' | 'text'>, maxBytes: number): Promise<LimitedText> {
  // A fetch without streams leaves `body` out (or null, as for an empty answer): text() then.
  if (response.body) return readLimitedText(response.body, maxBytes);
  if (Number(response.headers.get('content-length')) > maxBytes) return { failure: 'too_large' };
  let text: string;
  try {
    text = await response.text();
  } catch {
    return { failure: 'broken' };
  }
  return utf8Length(text) > maxBytes ? { failure: 'too_large' } : { text };
}
