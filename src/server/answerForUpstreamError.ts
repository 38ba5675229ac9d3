import { RoomTokenError } from '../core/RoomTokenError';
import { errorAnswer, internalAnswer, type HandlerAnswer } from './HandlerAnswer';

/**
 * Maps a failed upstream call to the handler's answer. The upstream's own message is never
 * passed on (it may echo what it was sent); the caller gets a fixed text for each case.
 * @internal
 */
export function answerForUpstreamError(error: unknown): HandlerAnswer {
  if (!(error instanceof RoomTokenError)) {
    return internalAnswer(`the token service call failed unexpectedly: ${error instanceof Error ? error.name : typeof error}`, 502);
  }
  const { code, status } = error;
  const seen = `${status === undefined ? 'no HTTP status' : `HTTP ${status}`}, ${code}`;
  if (code === 'deadline_exceeded') {
    return errorAnswer('deadline_exceeded', 'the token service did not answer in time');
  }
  // The upstream refused our own key: the server is misconfigured, the caller did nothing wrong.
  if (code === 'unauthenticated' || code === 'permission_denied' || status === 401 || status === 403) {
    return internalAnswer(`the token service rejected this server's API key (${seen}): check apiKey and baseUrl`);
  }
  if (code === 'unavailable' || code === 'resource_exhausted' || status === 429 || (status !== undefined && status >= 500)) {
    return errorAnswer('unavailable', 'the token service is unavailable, try again later');
  }
  // Any other refusal of the request itself (a code about it, or a 4xx other than "no such
  // method", which means this server's baseUrl is wrong) is about what the caller asked for:
  // never a 5xx, which would blame this server for the caller's input.
  if (
    /^(invalid_argument|not_found|already_exists|failed_precondition|out_of_range)$/.test(code) ||
    (code !== 'unimplemented' && status !== undefined && status >= 400 && status < 500)
  ) {
    return errorAnswer('invalid_argument', 'the token service rejected the request as invalid');
  }
  return internalAnswer(`the token service answered in an unexpected way (${seen})`, 502);
}
