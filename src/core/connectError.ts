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

/** The code Connect infers from an HTTP status when the body is not a Connect error. */
export function codeForHttpStatus(status: number): RoomTokenErrorCode {
  return CODE_BY_STATUS[status] ?? 'unknown';
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
  const { code, message } = isPlainObject(body) ? body : {};
  if (isRoomTokenErrorCode(code)) return new RoomTokenError(code, typeof message === 'string' && message ? message : code, { status });
  const inferred = codeForHttpStatus(status);
  return new RoomTokenError(inferred, `the token service answered HTTP ${status} (${inferred})`, { status });
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
