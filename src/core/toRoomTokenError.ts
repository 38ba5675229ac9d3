import { canceledError, RoomTokenError, type RoomTokenErrorCode } from './RoomTokenError';

/** What the thrown value says about itself, without failing on one that cannot say. */
function describe(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return `a thrown ${typeof error}`;
  }
}

/**
 * Turns anything thrown into the one error type the package shows: a `RoomTokenError` as it
 * is; `canceled` when `signal` was aborted; else `code` (default `unknown`) with `message`
 * (default: `<what> failed: <the thrown error's message>`) and the thrown value as `cause`.
 * @internal
 *
 * @example
 * try { token = await fetchToken(request, { signal }); }
 * catch (error) { throw toRoomTokenError(error, { signal, what: 'fetchToken' }); }
 */
export function toRoomTokenError(
  error: unknown,
  options: { signal?: AbortSignal; code?: RoomTokenErrorCode; what?: string; message?: string; status?: number } = {},
): RoomTokenError {
  if (error instanceof RoomTokenError) return error;
  if (options.signal?.aborted) return canceledError(error);
  const message = options.message ?? `${options.what ?? 'the call'} failed: ${describe(error)}`;
  return new RoomTokenError(options.code ?? 'unknown', message, { cause: error, status: options.status });
}
