import { useCallback, useContext, useDebugValue, useMemo, useState, useSyncExternalStore } from 'react';
import { createRoomTokenClient, type TokenClientBinding, type TokenState } from '../core/createRoomTokenClient';
import { identityOf } from '../core/identityOf';
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
   * `refreshInterval` then go to the token source. Another request never uses it, and it is
   * used once per page: a later mount with the same token (a router or back/forward cache
   * replaying the page, a provider mounted again) mints afresh. With no source named, `refresh()` rejects with a
   * configuration error.
   */
  initialToken?: string;
}

/** A request as checked at render: the clean copy, or why it cannot be sent. */
type Checked = { request: TokenRequest; error?: undefined } | { request?: undefined; error: RoomTokenError };

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
 *   // error.message is for developers and logs: tell people what they can do.
 *   if (error && !token) return <p role="alert">Could not join the broadcast.</p>;
 *   if (isLoading || !token) return <p role="status">Joining…</p>;
 *   return <Room token={token} onExpired={refresh} />;
 * }
 */
export function useRoomMemberToken(request: TokenRequest | null | undefined, options?: RoomMemberTokenOptions): RoomMemberTokenState {
  const context = useContext(RoomTokenContext);
  // The provider lets only clients made by createRoomTokenClient through, and those bind.
  const client = (context?.client ?? (defaultClient ??= createRoomTokenClient() as TokenClientBinding)) as TokenClientBinding;
  const { initialToken, ...own } = options ?? {};
  const source = resolveTokenSource([client.options, context?.options, own], !!initialToken);

  let fresh: Checked | undefined;
  if (request != null) {
    try {
      // A refused dev mode sends nothing, so it is no error while there is nothing to send.
      const problem = devModeProblem(source);
      fresh = problem ? { error: problem } : { request: validateTokenRequest(request) };
    } catch (error) {
      fresh = { error: error as RoomTokenError };
    }
  }
  // The request's identity, as the client keys it: new objects with the same content are the same.
  const id = fresh?.request ? identityOf(source, fresh.request) : fresh ? `! ${fresh.error.message}` : '';
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const checked = useMemo(() => fresh, [id]);

  // Made at render (and dropped by the client if React throws the render away); never on the
  // server, where nothing is fetched and the app's requests must not share a client's state.
  const entry = checked?.request && !isServer ? client.entryFor(checked.request, source) : undefined;

  // A token from the server belongs to the request it came with, and only until the hook
  // leaves that request: coming back later, it may be stale (refreshed, or expired). A page
  // replayed from a cache brings it again: a token used once on this page is not used again.
  const [seed, setSeed] = useState({ token: initialToken, for: id });
  if (seed.token !== initialToken) setSeed({ token: initialToken, for: id });
  else if (seed.for && seed.for !== id) setSeed({ token: initialToken, for: '' });
  const seeded = seed.token && seed.for === id && !client.usedInitialToken(seed.token) ? seed.token : undefined;

  // Acquiring counts this component as a consumer (the first one mints); React subscribes
  // after the commit and checks for a change it missed meanwhile.
  const subscribe = useCallback(
    (onChange: () => void) => (entry ? client.acquire(entry, onChange, seeded) : never()),
    // The seed matters only when acquiring starts: it is no reason to acquire again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, entry],
  );
  const state = useSyncExternalStore(subscribe, entry ? () => entry.state : idle, idle);
  const refresh = useCallback(() => (entry ? client.refreshEntry(entry) : Promise.resolve(undefined)), [client, entry]);

  const error = checked?.error ?? state.error;
  const token = state.token ?? (error ? undefined : seeded);
  const pending = !!checked?.request && !token && !state.error;
  useDebugValue(token ? 'ready' : error ? error.code : pending ? 'loading' : 'idle');
  return {
    token,
    error,
    isLoading: pending || (!token && state.isValidating),
    isValidating: pending || state.isValidating,
    refresh,
  };
}
