import { jsonResponse, parseJson } from './codec';
import { clip, redactSecret } from './redactSecret';
import { RoomTokenError, STATUS_BY_CODE, isRoomTokenErrorCode, type RoomTokenErrorCode } from './RoomTokenError';
import { isPlainObject } from './TokenRequest';

/** The HTTP status Connect pairs with a code. @internal */
export function httpStatusForCode(code: RoomTokenErrorCode): number {
  return STATUS_BY_CODE[code];
}

const U = 'unavailable';
const CODE_BY_STATUS: Record<number, RoomTokenErrorCode> = {
  400: 'internal',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'unimplemented',
  429: U,
  502: U,
  503: U,
  504: U,
};

/** The code Connect infers from an HTTP status when the body is not a Connect error. @internal */
export function codeForHttpStatus(status: number): RoomTokenErrorCode {
  return CODE_BY_STATUS[status] ?? 'unknown';
}

// A server's message is kept to a readable length, after the key is cut out of it.
const MAX_SERVER_MESSAGE = 200;

/**
 * Turns a non-2xx answer into a `RoomTokenError`: the Connect JSON error's code and message
 * when the body is one, else the code Connect infers from the status. The server's message
 * loses `secret` and is cut short, and is not kept at all when it answers a call that sent
 * `secret` with 401 or 403; `where` (the call, as `POST <url>`) ends every message.
 * @internal
 *
 * @example
 * if (!response.ok) throw errorFromResponse(response.status, text, { where: `POST ${url}` });
 */
export function errorFromResponse(
  status: number,
  bodyText: string,
  { where, secret, retryAfterMs }: { where: string; secret?: string; retryAfterMs?: number },
): RoomTokenError {
  const body = parseJson(bodyText);
  const { code, message } = isPlainObject(body) ? body : {};
  const said = isRoomTokenErrorCode(code);
  // A refusal of the key may quote pieces of it (cut short, base64, escaped) that redaction
  // cannot know: what it says is not kept, only that it refused.
  const text = secret && (status === 401 || status === 403)
    ? `the token service refused the API key (HTTP ${status}, ${said ? code : codeForHttpStatus(status)})`
    : said
    ? typeof message === 'string' && message
      ? clip(redactSecret(message, secret), MAX_SERVER_MESSAGE)
      : code
    : `the token service answered HTTP ${status} (${codeForHttpStatus(status)})`;
  return new RoomTokenError(said ? code : codeForHttpStatus(status), `${text} (${where})`, { status, retryAfterMs });
}

/**
 * A Connect JSON error response: `{"code","message"}` with the status Connect pairs with
 * the code, unless another is given.
 * @internal
 *
 * @example
 * return connectErrorResponse('permission_denied', 'not allowed to broadcast here');
 */
export function connectErrorResponse(
  code: RoomTokenErrorCode,
  message: string,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return jsonResponse({ code, message }, init.status ?? httpStatusForCode(code), init.headers);
}
