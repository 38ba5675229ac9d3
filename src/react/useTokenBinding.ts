import { useCallback, useContext, useDebugValue, useMemo, useState, useSyncExternalStore } from 'react';
import { createRoomTokenClient, type TokenClientBinding, type TokenState } from '../core/createRoomTokenClient';
import { identityOf, requestKeyOf } from '../core/identityOf';
import { resolveTokenSource } from '../core/resolveTokenSource';
import { setupProblem, tellSetupProblem } from '../core/setupProblem';
import type { RoomTokenError } from '../core/RoomTokenError';
import { validateTokenRequest, type TokenRequest } from '../core/TokenRequest';
import { RoomTokenContext } from './RoomTokenContext';
import type { RoomMemberTokenOptions, RoomMemberTokenState } from './useRoomMemberToken';

/** A request as checked at render: the clean copy, or why it cannot be sent. */
type Checked = { request: TokenRequest; error?: undefined } | { request?: undefined; error: RoomTokenError };

/**
 * What every binding of the package shares: the state `useRoomMemberToken` returns, and for
 * Suspense the entry's first call.
 * @internal
 */
export interface TokenBinding extends RoomMemberTokenState {
  /** Starts the first call (with `again`, a new one after a failure) and resolves once it settles; absent in a server render or without a request. */
  load: ((again: boolean) => Promise<void>) | undefined;
}

/**
 * Server-minted tokens by request key (`requestKeyOf`): SWR's `fallback`, for example. A
 * value that is not a string is not a token and is ignored.
 * @internal
 */
export type ServerTokens = Readonly<Record<string, unknown>> | undefined;

// Hooks outside any RoomTokenProvider share this client.
let defaultClient: TokenClientBinding | undefined;
const IDLE: TokenState = { isValidating: false };
const isServer = typeof window === 'undefined';
const idle = () => IDLE;
const never = () => () => {};

/**
 * The one binding of the token client to React, under every hook and gate: resolves the
 * options, checks the request at render, finds the entry by its identity and subscribes with
 * `useSyncExternalStore`. A server-minted token comes from the `initialToken` option, else
 * from `serverTokens` or the provider's `initialTokens` under the request's key.
 * @internal
 */
export function useTokenBinding(request: TokenRequest | null | undefined, options?: RoomMemberTokenOptions, serverTokens?: ServerTokens): TokenBinding {
  const context = useContext(RoomTokenContext);
  // The provider lets only clients made by createRoomTokenClient through, and those bind.
  const client = (context?.client ?? (defaultClient ??= createRoomTokenClient() as TokenClientBinding)) as TokenClientBinding;
  const { initialToken, ...own } = options ?? {};
  const source = resolveTokenSource([client.options, context?.options, own], !!initialToken);

  let fresh: Checked | undefined;
  if (request != null) {
    try {
      // A refused dev mode sends nothing, so it is no error while there is nothing to send.
      const problem = source.options.dev?.problem();
      fresh = problem ? { error: problem } : { request: validateTokenRequest(request) };
    } catch (error) {
      fresh = { error: error as RoomTokenError };
      // Nothing is sent and no mint fails, so nothing else would say it: a development build
      // names the bad field in the console, once per message (the page shows `error`).
      tellSetupProblem(setupProblem(fresh.error));
    }
  }
  // The request's identity, as the client keys it: new objects with the same content are the same.
  const id = fresh?.request ? identityOf(source, fresh.request) : fresh ? `! ${fresh.error.message}` : '';
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const checked = useMemo(() => fresh, [id]);
  // Looked up only where there are server-minted tokens to look in.
  const key = checked?.request && initialToken === undefined && (serverTokens || context?.initialTokens) ? requestKeyOf(checked.request) : undefined;
  const listed = key === undefined ? undefined : serverTokens?.[key];
  const given = initialToken ?? (typeof listed === 'string' ? listed : key === undefined ? undefined : context?.initialTokens?.get(key));

  // Made at render (and dropped by the client if React throws the render away); never on the
  // server, where nothing is fetched and the app's requests must not share a client's state.
  const entry = checked?.request && !isServer ? client.entryFor(checked.request, source, id) : undefined;

  // A token from the server belongs to the request it came with, and only until the hook
  // leaves that request: coming back later, it may be stale (refreshed, or expired). A page
  // replayed from a cache brings it again: a token used once on this page is not used again.
  const [seed, setSeed] = useState({ token: given, for: id });
  if (seed.token !== given) setSeed({ token: given, for: id });
  else if (seed.for && seed.for !== id) setSeed({ token: given, for: '' });
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
    load: entry && ((again: boolean) => client.load(entry, again)),
  };
}
