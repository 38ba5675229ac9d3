import { parseJson } from './codec';
import { codeForHttpStatus } from './connectError';
import { parseRetryAfter } from './parseRetryAfter';
import { isRoomTokenErrorCode, RoomTokenError } from './RoomTokenError';
import { setupProblem } from './setupProblem';
import { toRoomTokenError } from './toRoomTokenError';
import { isPlainObject } from './TokenRequest';

/** What `fetchCreate` sends besides the body: the app's headers and credentials, and the caller's signal. @internal */
export interface CreateInit {
  headers?: HeadersInit;
  credentials?: RequestCredentials;
  signal: AbortSignal;
}

/** The largest answer the browser reads, in characters: a token answer is a few kB. */
const MAX_ANSWER = 1 << 20;

/**
 * The browser's Create call to the app's own backend (`endpoint`): the lean twin of
 * `createRoomMemberTokens`, which the handler and dev mode keep for its streaming bounded
 * reader, key redaction and URL checks. This one posts the body, reads the answer with
 * `text()` under a size limit, and turns every failure into a `RoomTokenError` with the
 * answer's Connect code, status and `Retry-After`. It has no timer of its own: the client
 * bounds each attempt (`timeoutMs`) and aborts `signal`. Development builds name the call
 * (`POST <url>`, without its query) in messages; production builds keep a short message.
 * @internal
 *
 * @example
 * const [token] = await fetchCreate('/api/room-token', { arguments: [toWireArgument(request)] }, { signal });
 */
export async function fetchCreate(url: string, body: unknown, { headers, credentials, signal }: CreateInit): Promise<string[]> {
  // Development builds' messages say more, and name the call (without its query: it may hold
  // a credential). Read as bundlers replace it, inside `try`: a runtime with no `process` and
  // no bundler (the client is exported by /server too) gets the short texts.
  let where = '';
  let explain: ((problem: 'html' | 'route' | 'type' | 'count', value: unknown) => string) | undefined;
  try {
    if (process.env.NODE_ENV !== 'production') {
      where = ` (POST ${url.split('?')[0]})`;
      explain = (problem, value) =>
        problem === 'html'
          ? `answered an HTML page (HTTP ${String(value)}), not a Create answer: is it routed to your backend?`
          : problem === 'route'
            ? `answered HTTP 404: nothing serves ${String(value)} (is it routed to your backend, through your dev server's proxy?)`
            : problem === 'type'
            ? `answered ${value ? JSON.stringify(value) : 'no content type'}, not JSON`
            : `did not answer ${String(value)} token(s)`;
    }
  } catch {
    // No `process`, and no bundler replaced it.
  }
  const fail = (code: 'internal' | 'unavailable', text: string, status?: number) => new RoomTokenError(code, `the token service ${text}${where}`, { status });
  let sent: Headers;
  try {
    sent = new Headers(headers);
  } catch {
    // The runtime's own message quotes the value, which may be a credential.
    throw new RoomTokenError('invalid_argument', 'the headers cannot be sent as HTTP header values');
  }
  sent.set('content-type', 'application/json');
  let response: Response;
  try {
    // A redirect followed would post the app's headers to wherever it points.
    response = await fetch(url, { method: 'POST', headers: sent, body: JSON.stringify(body), credentials, signal, redirect: 'manual' });
  } catch (error) {
    throw toRoomTokenError(error, { signal, code: 'unavailable', message: `could not reach the token service${where}` });
  }
  const { status, ok } = response;
  // A browser shows a redirect it did not follow as an opaque answer with status 0.
  if (response.type === 'opaqueredirect' || (status > 299 && status < 400)) throw fail('internal', 'redirected the call: use the final URL', status || undefined);
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw toRoomTokenError(error, { signal, code: 'unavailable', message: `the token service's answer broke off${where}`, status });
  }
  const type = response.headers.get('content-type')?.split(';')[0]!.trim().toLowerCase();
  if (type === 'text/html') {
    // A dev server's index.html fallback, or a proxy's error page: the URL does not reach a token service.
    const code = ok ? 'internal' : (codeForHttpStatus(status) as 'internal');
    throw setupProblem(fail(code, explain?.('html', status) ?? 'answered HTML', status));
  }
  const parsed = text.length > MAX_ANSWER ? undefined : parseJson(text);
  const json = isPlainObject(parsed) ? parsed : undefined;
  if (!ok) {
    const code = isRoomTokenErrorCode(json?.code) ? json.code : codeForHttpStatus(status);
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), { date: response.headers.get('date') });
    if (status === 404 && !json) {
      // No route at that URL (a dev server without the /api proxy answers 404): a set-up mistake.
      throw setupProblem(new RoomTokenError(code, `the token service ${explain?.('route', url.split('?')[0]) ?? 'answered HTTP 404'}${where}`, { status }));
    }
    const said = typeof json?.message === 'string' && json.message ? json.message.slice(0, 200) : `the token service answered HTTP ${status}`;
    throw new RoomTokenError(code, `${said}${where}`, { status, retryAfterMs });
  }
  // The contract answers JSON; anything else is refused, whatever it holds.
  if (type !== 'application/json') throw fail('internal', explain?.('type', type) ?? 'answered no JSON', status);
  const tokens = json?.tokens;
  const count = (body as { arguments: unknown[] }).arguments.length;
  if (!Array.isArray(tokens) || tokens.length !== count || !tokens.every((token) => token && typeof token === 'string')) {
    throw fail('internal', explain?.('count', count) ?? 'gave no tokens', status);
  }
  return tokens as string[];
}
