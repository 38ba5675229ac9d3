import { RoomTokenError, isRoomTokenErrorCode, type RoomTokenErrorCode } from './RoomTokenError';
import { isPlainObject } from './TokenRequest';

const STATUS_BY_CODE: Record<RoomTokenErrorCode, number> = {
  canceled: 499,
  unknown: 500,
  invalid_argument: 400,
  deadline_exceeded: 504,
  not_found: 404,
  already_exists: 409,
  permission_denied: 403,
  resource_exhausted: 429,
  failed_precondition: 400,
  aborted: 409,
  out_of_range: 400,
  unimplemented: 501,
  internal: 500,
  unavailable: 503,
  data_loss: 500,
  unauthenticated: 401,
};

/** The HTTP status Connect pairs with a code. */
export function httpStatusForCode(code: RoomTokenErrorCode): number {
  return STATUS_BY_CODE[code];
}

/** The code Connect infers from an HTTP status when the body is not a Connect error. */
export function codeForHttpStatus(status: number): RoomTokenErrorCode {
  switch (status) {
    case 400:
      return 'internal';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'permission_denied';
    case 404:
      return 'unimplemented';
    case 429:
    case 502:
    case 503:
    case 504:
      return 'unavailable';
    default:
      return 'unknown';
  }
}

/**
 * Turns a non-2xx answer into a `RoomTokenError`: the Connect JSON error's code and message
 * when the body is one, else the code Connect infers from the status.
 *
 * @example
 * if (!response.ok) throw errorFromResponse(response.status, await response.text());
 */
export function errorFromResponse(status: number, bodyText: string): RoomTokenError {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    // A proxy's HTML page, an empty body: only the status speaks.
  }
  if (isPlainObject(body) && isRoomTokenErrorCode(body.code)) {
    const message = typeof body.message === 'string' && body.message !== '' ? body.message : body.code;
    return new RoomTokenError(body.code, message, { status });
  }
  const code = codeForHttpStatus(status);
  return new RoomTokenError(code, `the token service answered HTTP ${status} (${code})`, { status });
}

/**
 * A Connect JSON error response: `{"code","message"}` with the status Connect pairs with
 * the code, unless another is given.
 *
 * @example
 * return connectErrorResponse('permission_denied', 'not allowed to broadcast here');
 */
export function connectErrorResponse(
  code: RoomTokenErrorCode,
  message: string,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(JSON.stringify({ code, message }), {
    status: init.status ?? httpStatusForCode(code),
    headers: { 'content-type': 'application/json', ...init.headers },
  });
}
