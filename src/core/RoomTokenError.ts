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

const CODES: ReadonlySet<string> = new Set(
  'canceled unknown invalid_argument deadline_exceeded not_found already_exists permission_denied resource_exhausted failed_precondition aborted out_of_range unimplemented internal unavailable data_loss unauthenticated'.split(
    ' ',
  ),
);

/** The error for a call its caller gave up on (an aborted signal). @internal */
export const canceledError = (cause?: unknown) =>
  new RoomTokenError('canceled', 'the token request was canceled', cause === undefined ? {} : { cause });

/** Tells whether a value is one of the Connect error codes. */
export function isRoomTokenErrorCode(value: unknown): value is RoomTokenErrorCode {
  return CODES.has(value as string);
}

// Only these can succeed when the same request is sent again.
const RETRYABLE = /^(unavailable|deadline_exceeded|resource_exhausted)$/;

/** Options for {@link RoomTokenError}. */
export interface RoomTokenErrorOptions {
  /** The HTTP status, when a response was received. */
  status?: number;
  /** The underlying error, for debugging. */
  cause?: unknown;
  /** How long the server asked to wait before trying again (`Retry-After`), in ms. */
  retryAfterMs?: number;
}

/**
 * The one error type the package produces: a Connect code, the HTTP status when there was
 * one, and whether trying again can help.
 *
 * @example
 * try {
 *   await createRoomMemberTokens([request], { url: '/api/room-token' });
 * } catch (error) {
 *   if (error instanceof RoomTokenError && error.code === 'permission_denied') showDenied();
 * }
 */
export class RoomTokenError extends Error {
  override readonly name = 'RoomTokenError';
  /** The Connect error code. */
  readonly code: RoomTokenErrorCode;
  /** The HTTP status, when a response was received. */
  readonly status?: number;
  /**
   * True only where trying again can help: `unavailable`, `deadline_exceeded` and
   * `resource_exhausted`, except a 413 (a body over the server's limit stays over it).
   */
  readonly retryable: boolean;
  /** How long the server asked to wait before trying again (its `Retry-After`), in ms. */
  readonly retryAfterMs?: number;

  constructor(code: RoomTokenErrorCode, message: string, options: RoomTokenErrorOptions = {}) {
    // Error copies `cause` from the options only when it is there.
    super(message, options);
    this.code = code;
    this.status = options.status;
    this.retryable = RETRYABLE.test(code) && options.status !== 413;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}
