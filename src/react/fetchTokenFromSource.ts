import { createRoomMemberTokens } from '../core/createRoomMemberTokens';
import { RoomTokenError } from '../core/RoomTokenError';
import type { TokenRequest } from '../core/TokenRequest';
import { warnDevModeOnce } from './devMode';
import type { ResolvedSource } from './resolveTokenSource';

/** Turns whatever a custom source threw into the one error type the hook shows. */
export function toRoomTokenError(error: unknown, signal: AbortSignal): RoomTokenError {
  if (error instanceof RoomTokenError) return error;
  if (signal.aborted) return new RoomTokenError('canceled', 'the token request was canceled', { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new RoomTokenError('unknown', `fetchToken failed: ${message}`, { cause: error });
}

/** One attempt at one token from the resolved source. */
export async function fetchTokenFromSource(
  source: ResolvedSource,
  request: TokenRequest,
  signal: AbortSignal,
): Promise<string> {
  const { options } = source;
  if (source.kind === 'custom') {
    let token: unknown;
    try {
      token = await options.fetchToken!(request, { signal });
    } catch (error) {
      throw toRoomTokenError(error, signal);
    }
    if (typeof token !== 'string' || token === '') {
      throw new RoomTokenError('internal', 'fetchToken must resolve a non-empty token string');
    }
    return token;
  }
  const headers = typeof options.headers === 'function' ? await options.headers() : options.headers;
  const common = { headers, credentials: options.credentials, signal, timeoutMs: options.timeoutMs };
  if (source.kind === 'dev') warnDevModeOnce();
  const [token] = await createRoomMemberTokens(
    [request],
    source.kind === 'dev' ? { ...common, baseUrl: source.target, apiKey: options.dev!.apiKey } : { ...common, url: source.target },
  );
  return token!;
}
