import { useCallback, useContext, useMemo, useState, useSyncExternalStore } from 'react';
import { createTokenClient, type TokenClientBinding, type TokenState } from '../core/createRoomTokenClient';
import { devModeProblem } from '../core/devMode';
import { resolveTokenSource } from '../core/resolveTokenSource';
import type { RoomTokenError } from '../core/RoomTokenError';
import { validateTokenRequest, type TokenRequest } from '../core/TokenRequest';
import type { TokenSourceOptions } from '../core/TokenSourceOptions';
import { RoomTokenContext } from './RoomTokenContext';

/**
 * Options of {@link useRoomMemberToken}: any token source option (overriding the provider's),
 * and a token minted on the server.
 *
 * @example
 * const options: RoomMemberTokenOptions = { endpoint: '/api/room-token', initialToken: tokenFromServer };
 */
export interface RoomMemberTokenOptions extends TokenSourceOptions {
  /**
   * A token minted on the server (`handler.mint`) for exactly the request of the first render
   * it is given with. It is shown at once — in the server render and on hydration — with no
   * request on mount, and shared with other consumers of the same request; `refresh()` and
   * `refreshInterval` then go to the token source. Another request never uses it. With no
   * source named, `refresh()` rejects with a configuration error.
   */
  initialToken?: string;
}

/**
 * What {@link useRoomMemberToken} returns.
 *
 * @example
 * const { token, error, isLoading, isValidating, refresh }: RoomMemberTokenState = useRoomMemberToken(request);
 */
export interface RoomMemberTokenState {
  /** The token, once there is one; kept while a refresh runs, and after a refresh fails. */
  token: string | undefined;
  /** The last failure, always a RoomTokenError; cleared by the next token. */
  error: RoomTokenError | undefined;
  /** True while there is no token yet and one is on its way. */
  isLoading: boolean;
  /** True while a call runs (a refresh included), or is about to. */
  isValidating: boolean;
  /** Mints a new token (joining a call under way) and resolves it, or `undefined` if that failed (see `error`). */
  refresh: () => Promise<string | undefined>;
}

// Hooks outside any RoomTokenProvider share this client.
let defaultClient: TokenClientBinding | undefined;
const IDLE: TokenState = { isValidating: false };
const isServer = typeof window === 'undefined';
const idle = () => IDLE;
const never = () => () => {};

function stableJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Gets a room member token for a request and keeps it while the component is mounted. Pass
 * `null` (or `undefined`) for "not yet": no request is made and no error shown. Consumers of
 * the same request share one call and one token; every call mints a token, so nothing
 * refetches on focus or reconnect, and nothing of the app's own SWR setup touches it. Throws
 * at render for options that cannot work (no token source, two at one level, a NaN delay).
 *
 * @example
 * function Stage({ roomId, userId }: { roomId: string; userId: string }) {
 *   const { token, error, isLoading, refresh } = useRoomMemberToken(
 *     { roomId, userId, permissions: ['PermissionChat'] },
 *     { endpoint: '/api/room-token' },
 *   );
 *   if (error && !token) return <p role="alert">{error.message}</p>;
 *   if (isLoading || !token) return <p role="status">Joining…</p>;
 *   return <Room token={token} onExpired={refresh} />;
 * }
 */
export function useRoomMemberToken(request: TokenRequest | null | undefined, options?: RoomMemberTokenOptions): RoomMemberTokenState {
  const context = useContext(RoomTokenContext);
  // Every client is made by createRoomTokenClient, which gives its bindings what they use.
  const client = (context?.client ?? (defaultClient ??= createTokenClient())) as TokenClientBinding;
  const { initialToken, ...own } = options ?? {};
  const source = resolveTokenSource([client.options, context?.options, own], !!initialToken);

  const { kind, target } = source;
  const requestKey = request == null ? '' : `${kind} ${target} ${stableJson(request)}`;
  const { apiKey, dangerouslyAllowInProduction } = source.options.dev ?? {};
  const checked = useMemo((): { request?: TokenRequest; error?: RoomTokenError } | undefined => {
    if (!requestKey) return undefined;
    try {
      // A refused dev mode sends nothing, so it is no error while there is nothing to send.
      const problem = devModeProblem(source);
      return problem ? { error: problem } : { request: validateTokenRequest(request) };
    } catch (error) {
      return { error: error as RoomTokenError };
    }
    // The key stands for the request and source: new objects with the same content are the same.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestKey, apiKey, dangerouslyAllowInProduction]);

  // Made at render (and dropped by the client if React throws the render away); never on the
  // server, where nothing is fetched and the app's requests must not share a client's state.
  const entry = checked?.request && !isServer ? client.entry(checked.request, source) : undefined;

  // A token from the server belongs to the request it came with, and only until the hook
  // leaves that request: coming back later, it may be stale (refreshed, or expired).
  const [seed, setSeed] = useState({ token: initialToken, for: requestKey });
  if (seed.token !== initialToken) setSeed({ token: initialToken, for: requestKey });
  else if (seed.for && seed.for !== requestKey) setSeed({ token: initialToken, for: '' });
  const seeded = seed.for && seed.for === requestKey ? seed.token : undefined;

  // Watching counts this component as a consumer (the first one starts the call); React
  // subscribes after the commit and checks for a change it missed meanwhile.
  const subscribe = useCallback(
    (onChange: () => void) => (entry ? client.watch(entry, onChange, seeded) : never()),
    // The seed matters only when watching starts: it is no reason to watch again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, entry],
  );
  const state = useSyncExternalStore(subscribe, entry ? () => entry.state : idle, idle);
  const refresh = useCallback(() => (entry ? client.refreshEntry(entry) : Promise.resolve(undefined)), [client, entry]);

  const error = checked?.error ?? state.error;
  const token = state.token ?? (error ? undefined : seeded);
  const pending = !!checked?.request && !token && !state.error;
  return {
    token,
    error,
    isLoading: pending || (!token && state.isValidating),
    isValidating: pending || state.isValidating,
    refresh,
  };
}
