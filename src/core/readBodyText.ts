import { readLimitedText, type LimitedText } from './readLimitedText';

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
  try {
    const text = await response.text();
    // Its UTF-8 size: each byte past ASCII is escaped as one `%XX`.
    return encodeURIComponent(text).replace(/%../g, '-').length > maxBytes ? { failure: 'too_large' } : { text };
  } catch {
    return { failure: 'broken' };
  }
}
