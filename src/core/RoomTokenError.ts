/**
 * Connect's error codes, each with the HTTP status Connect pairs with it: the one list that
 * the code type, the code check and the status lookup are derived from.
 * @internal
 */
export const STATUS_BY_CODE: { readonly [code in RoomTokenErrorCode]: number } = {
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

/**
 * The Connect error codes, as they appear in a Connect JSON error's `code` field.
 *
 * @example
 * const code: RoomTokenErrorCode = 'unavailable';
 */
export type RoomTokenErrorCode =
  | 'canceled'
  | 'unknown'
  | 'invalid_argument'
  | 'deadline_exceeded'
  | 'not_found'
  | 'already_exists'
  | 'permission_denied'
  | 'resource_exhausted'
  | 'failed_precondition'
  | 'aborted'
  | 'out_of_range'
  | 'unimplemented'
  | 'internal'
  | 'unavailable'
  | 'data_loss'
  | 'unauthenticated';

/** Tells whether a value is one of the Connect error codes. @internal */
export function isRoomTokenErrorCode(value: unknown): value is RoomTokenErrorCode {
  return typeof value === 'string' && Object.hasOwn(STATUS_BY_CODE, value);
}

/** The error for a call its caller gave up on (an aborted signal). @internal */
export const canceledError = (cause?: unknown) =>
  new RoomTokenError('canceled', 'the token request was canceled', cause === undefined ? {} : { cause });

// Only these can succeed when the same request is sent again.
const RETRYABLE = /^(unavailable|deadline_exceeded|resource_exhausted)$/;

/** One brand per package, whichever copy made the error. */
const BRAND = Symbol.for('react-room-token.RoomTokenError');

/**
 * Options for {@link RoomTokenError}.
 *
 * @example
 * new RoomTokenError('unavailable', 'down for maintenance', { status: 503, retryAfterMs: 30_000 });
 */
export interface RoomTokenErrorOptions {
  /** The HTTP status, when a response was received. */
  status?: number;
  /** How long the server asked to wait before trying again (its `Retry-After`), in ms. */
  retryAfterMs?: number;
  /** The underlying error, for debugging. */
  cause?: unknown;
}

/**
 * The one error type the package produces: a Connect code, the HTTP status when there was
 * one, whether trying again can help, and how long the server asked to wait first.
 *
 * @example
 * try {
 *   await createRoomMemberTokens([request], { url: '/api/room-token' });
 * } catch (error) {
 *   if (error instanceof RoomTokenError && error.code === 'permission_denied') showDenied();
 * }
 */
export class RoomTokenError extends Error {
  /**
   * `instanceof RoomTokenError` holds for an error of any copy of the package: its ESM and
   * CommonJS builds loaded side by side (a CommonJS library inside an ESM app) share a
   * `Symbol.for` brand, not a class. A subclass keeps the ordinary check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== RoomTokenError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }

  /** @internal The brand `instanceof` looks for, on the prototype of every copy. */
  get [BRAND](): true {
    return true;
  }

  // Declared, not defined: the constructor sets each one (and a field definition per property
  // would cost bytes in every bundle).
  declare readonly name: 'RoomTokenError';
  /** The Connect error code. */
  declare readonly code: RoomTokenErrorCode;
  /** The HTTP status, when a response was received. */
  declare readonly status?: number;
  /**
   * True only where trying again can help: `unavailable`, `deadline_exceeded` and
   * `resource_exhausted`, except a 413 (a body over the server's limit stays over it).
   */
  declare readonly retryable: boolean;
  /**
   * The wait the server asked for before a new try, in ms: its `Retry-After` header
   * (delta-seconds or an HTTP date), when an error answer carried one. Never retry sooner.
   */
  declare readonly retryAfterMs?: number;

  constructor(code: RoomTokenErrorCode, message: string, options: RoomTokenErrorOptions = {}) {
    // Error copies `cause` from the options only when it is there.
    super(message, options);
    Object.assign(this, { name: 'RoomTokenError', code });
    this.status = options.status;
    this.retryable = RETRYABLE.test(code) && options.status !== 413;
    this.retryAfterMs = options.retryAfterMs;
  }
}
