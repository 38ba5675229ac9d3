import { RoomTokenError } from '../core/RoomTokenError';
import { describeThrown, errorAnswer, internalAnswer, type HandlerAnswer } from './HandlerAnswer';
import { upstreamFaultOf } from './upstreamFaultOf';

/**
 * Maps a failed upstream call to the handler's answer; README.md's "What the upstream
 * answered" table, row by row and in its order. The upstream's own message is never passed
 * on (it may echo what it was sent): the caller gets a fixed text for each case, and the
 * server's console a line for each fault of the server.
 * @internal
 */
export function answerForUpstreamError(error: unknown): HandlerAnswer {
  if (!(error instanceof RoomTokenError)) return internalAnswer(`the token service call failed unexpectedly: ${describeThrown(error)}`);
  const { code, status = 0, retryAfterMs, message } = error;
  // What the upstream said is never logged: its text may echo the key in forms no redaction
  // knows (cut short, base64, HTML-escaped). Its status and code are; a message of the
  // client's own (no answer, a redirect, a 2xx it refused) names the call, never a key.
  const seen = status >= 400 ? `HTTP ${status}, ${code}` : `HTTP ${status || 'none'}, ${code}: ${message}`;
  // The caller went away (its signal ended the call): nobody reads this answer, nothing to log.
  if (code === 'canceled' && !status) return errorAnswer('canceled', 'the request was canceled');
  const fault = upstreamFaultOf(error);
  if (fault === 'timeout') return errorAnswer('deadline_exceeded', 'the token service did not answer in time');
  // No answer at all, or one that broke off on the way, is the network's fault, as 429 and 5xx are the upstream's.
  if (fault) {
    const answer = errorAnswer('unavailable', 'the token service is unavailable, try again later');
    // The upstream's own wait, passed on so that callers do not come back sooner.
    return retryAfterMs === undefined ? answer : { ...answer, headers: { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) } };
  }
  // The call failed before it was sent: this server's set-up.
  if (!status) return internalAnswer(`the token service call could not be made (${seen})`);
  // The upstream refused our own key: the server is misconfigured, the caller did nothing wrong.
  if (status === 401 || status === 403) return internalAnswer(`the token service rejected this server's API key (${seen}): check apiKey and baseUrl`);
  if (status >= 400) {
    // "No such method" means this server's baseUrl is wrong; any other refusal is about what the caller asked for.
    return code === 'unimplemented'
      ? internalAnswer(`the token service has no Create method there (${seen}): check baseUrl`, 502)
      : errorAnswer('invalid_argument', 'the token service rejected the request as invalid');
  }
  // A 2xx without one token per argument, too large or undecodable, a redirect.
  return internalAnswer(`the token service answered in an unexpected way (${seen})`, 502);
}
