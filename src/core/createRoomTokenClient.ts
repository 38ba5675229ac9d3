import { configurationError } from './configurationError';
import { createBatcher } from './createBatcher';
import { DEV } from './DEV';
import { devModeProblem } from './devMode';
import { fetchTokenFromSource } from './fetchTokenFromSource';
import { identityOf } from './identityOf';
import { resolveTokenSource, type ResolvedSource } from './resolveTokenSource';
import type { RoomTokenError } from './RoomTokenError';
import { toRoomTokenError } from './toRoomTokenError';
import { validateTokenRequest, type TokenRequest } from './TokenRequest';
import type { TokenSourceOptions } from './TokenSourceOptions';
import { sleep } from './sleep';
import { withRetry } from './withRetry';

/**
 * What a token client knows of one request: its token, its last failure, and whether a call
 * is under way.
 * @internal Replaced, never changed, so a binding can compare it by reference.
 *
 * @example
 * const { token, error, isValidating }: TokenState = entry.state;
 */
export interface TokenState {
  /** The latest token; kept through a refresh, and when a refresh fails. */
  readonly token?: string;
  /** The last failure; cleared by the next token. */
  readonly error?: RoomTokenError;
  /** True while a Create call (or `fetchToken`) for this request is under way, or about to start. */
  readonly isValidating: boolean;
}

/**
 * One request's place in a client, for bindings such as the React hook. An entry lives while
 * someone watches it; once nobody has for a tick, it is dropped with its token, so the next
 * watcher mints a fresh one.
 * @internal
 *
 * @example
 * const entry = client.entry(request, source);
 * const stop = client.watch(entry, () => render(entry.state));
 */
export interface TokenEntry {
  /** The current state: a new object after every change (compare by reference). */
  readonly state: TokenState;
}

/**
 * The framework-free lifecycle of room member tokens: one call at a time per request
 * identity, shared by everyone who asks; consumers counted, and the call aborted and the
 * token forgotten once the last one leaves; refresh, `refreshInterval`, retries and batching.
 * Give one to `<RoomTokenProvider client={client}>` so code outside React shares calls with
 * the hooks.
 *
 * @example
 * const client = createRoomTokenClient({ endpoint: '/api/room-token' });
 * const token = await client.get({ roomId, userId, metadata: { mcuStream: 'true' } });
 * room.onTokenExpired(() => client.refresh({ roomId, userId, metadata: { mcuStream: 'true' } }));
 */
export interface RoomTokenClient {
  /** The client's own options: the least specific level, under a provider's and a hook's. */
  readonly options: TokenSourceOptions;
  /**
   * Resolves a token for the request: the current one while a consumer of the same request
   * holds one, else that of the call under way, else a new call's. Rejects with a
   * `RoomTokenError` (`invalid_argument` for bad input, before anything is sent).
   */
  get(request: TokenRequest, options?: TokenSourceOptions): Promise<string>;
  /**
   * Mints a new token for the request (joining the call under way, if there is one) and
   * resolves it; resolves `undefined` if that failed (mounted consumers show the error).
   * Rejects only for bad input or configuration.
   */
  refresh(request: TokenRequest, options?: TokenSourceOptions): Promise<string | undefined>;
}

/**
 * What the package's own bindings (the React hook) use of a client made by
 * `createRoomTokenClient`: to find a request's entry, and to watch and refresh it.
 * @internal
 */
export interface TokenClientBinding extends RoomTokenClient {
  /**
   * For bindings: the entry of a request already checked with `validateTokenRequest`, under a
   * source resolved from every option level. Makes no call; an entry nobody watches is dropped
   * after a while. The latest caller's functions (`fetchToken`, `headers`) are the ones used.
   */
  entry(request: TokenRequest, source: ResolvedSource): TokenEntry;
  /**
   * For bindings: counts a consumer of the entry and calls `onChange` after each visible
   * change. The first consumer of an entry with no token starts a call — unless it brings an
   * `initialToken`, which then becomes the entry's token with no call. Returns the release.
   */
  watch(entry: TokenEntry, onChange: () => void, initialToken?: string): () => void;
  /**
   * For bindings: `refresh()` for an entry. Rejects with a configuration error when the
   * entry has no source to mint with (an `initialToken` alone).
   */
  refreshEntry(entry: TokenEntry): Promise<string | undefined>;
}

interface Entry extends TokenEntry {
  state: TokenState;
  readonly id: string;
  readonly request: TokenRequest;
  source: ResolvedSource;
  users: number;
  readonly listeners: Set<() => void>;
  readonly controller: AbortController;
  /** The one call under way for this identity. */
  flight?: Promise<string>;
  /** The next `refreshInterval` refresh. */
  tick?: ReturnType<typeof setTimeout>;
  removal?: ReturnType<typeof setTimeout>;
  /** No new call before this time (ms since the epoch): the server's `Retry-After`. */
  retryAt?: number;
  gone?: boolean;
}

// A new entry's call is about to start: it shows as under way from the first render, so the
// start itself changes nothing anyone sees.
const STARTING: TokenState = { isValidating: true };
// What a dropped entry shows: a state of its own, so that a binding still holding it renders again.
const GONE: TokenState = { isValidating: false };
// An entry made for a render that React threw away has no token and no call: it may wait.
const UNWATCHED_MS = 10_000;

/**
 * Creates a token client with the given options as its defaults (a provider's and a hook's
 * options go on top). Throws nothing until used: a client may hold no source of its own.
 *
 * @example
 * const client = createRoomTokenClient({ endpoint: '/api/room-token', refreshInterval: 10 * 60_000 });
 * <RoomTokenProvider client={client}><App /></RoomTokenProvider>
 */
export function createRoomTokenClient(options: TokenSourceOptions = {}): RoomTokenClient {
  return createTokenClient(options);
}

/** The client with what its bindings use. @internal */
export function createTokenClient(options: TokenSourceOptions = {}): TokenClientBinding {
  const entries = new Map<string, Entry>();
  const batcher = createBatcher();

  function set(e: Entry, state: TokenState, notify = true): void {
    e.state = state;
    if (notify) for (const listener of e.listeners) listener();
  }

  // A binding hands in the same checked request render after render: its identity is kept.
  const ids = new WeakMap<TokenRequest, [string, string, string]>();

  function entry(request: TokenRequest, source: ResolvedSource): Entry {
    let known = ids.get(request);
    if (!known || known[0] !== source.kind || known[1] !== source.target) ids.set(request, (known = [source.kind, source.target, identityOf(source, request)]));
    const id = known[2];
    let e = entries.get(id);
    if (!e) {
      e = { id, request, source, state: STARTING, users: 0, listeners: new Set(), controller: new AbortController() };
      entries.set(id, e);
      release(e, UNWATCHED_MS);
      return e;
    }
    const every = e.source.options.refreshInterval;
    e.source = source;
    if (every !== source.options.refreshInterval) schedule(e);
    return e;
  }

  function release(e: Entry, ms = 0): void {
    clearTimeout(e.removal);
    // A tick, not at once: StrictMode unmounts and mounts again at once, and must share.
    e.removal = setTimeout(() => {
      if (e.users) return;
      e.gone = true;
      entries.delete(e.id);
      e.state = GONE;
      clearTimeout(e.tick);
      e.controller.abort();
    }, ms);
  }

  function schedule(e: Entry): void {
    clearTimeout(e.tick);
    const every = e.source.options.refreshInterval ?? 0;
    if (every > 0 && e.users > 0 && e.source.kind !== 'none') e.tick = setTimeout(() => void run(e).catch(() => {}), every);
  }

  /** The one call for an entry: joins the one under way, or starts it. */
  function run(e: Entry): Promise<string> {
    if (e.flight) return e.flight;
    if (e.source.kind === 'none') {
      return Promise.reject(configurationError(`an initialToken alone cannot be refreshed${DEV ? ': name `endpoint`, `dev` or `fetchToken` too' : ''}`));
    }
    clearTimeout(e.tick);
    const { signal } = e.controller;
    const go = () => withRetry(() => fetchTokenFromSource(e.source, e.request, signal, batcher, e.id), e.source.options.retry, signal);
    // A refresh or a Retry click comes no sooner than the server asked either.
    const wait = (e.retryAt ?? 0) - Date.now();
    const flight = wait > 0 ? sleep(wait, signal).then(go) : go();
    e.flight = flight;
    if (!e.state.isValidating) set(e, { ...e.state, isValidating: true });
    const settle = (state: TokenState) => {
      e.flight = undefined;
      if (e.gone) return;
      set(e, state);
      schedule(e);
    };
    flight.then(
      (token) => settle({ token, isValidating: false }),
      (thrown: unknown) => {
        const error = toRoomTokenError(thrown, { signal });
        e.retryAt = error.retryAfterMs && Date.now() + error.retryAfterMs;
        settle({ token: e.state.token, error, isValidating: false });
      },
    );
    return flight;
  }

  /** The live entry for what a binding holds: an entry dropped meanwhile is made again. */
  function live(held: TokenEntry): Entry {
    const e = held as Entry;
    return e.gone ? entry(e.request, e.source) : e;
  }

  function watch(held: TokenEntry, onChange: () => void, initialToken?: string): () => void {
    const e = live(held);
    e.users++;
    clearTimeout(e.removal);
    e.listeners.add(onChange);
    const { token, error } = e.state;
    if (e !== held) onChange();
    else if (!token && !error && !e.flight) {
      if (initialToken) {
        // The consumer shows this token already: nothing to tell it.
        set(e, { token: initialToken, isValidating: false }, false);
        schedule(e);
      } else void run(e).catch(() => {});
    }
    let watching = true;
    return () => {
      if (!watching) return;
      watching = false;
      e.listeners.delete(onChange);
      if (!--e.users) release(e);
    };
  }

  function resolve(request: TokenRequest, own?: TokenSourceOptions): Entry {
    const source = resolveTokenSource([options, undefined, own]);
    const problem = devModeProblem(source);
    if (problem) throw problem;
    return entry(validateTokenRequest(request), source);
  }

  /** Runs `task` on the request's entry while counting as one of its consumers. */
  async function using<T>(request: TokenRequest, own: TokenSourceOptions | undefined, task: (e: Entry) => Promise<T>): Promise<T> {
    const e = resolve(request, own);
    const stop = watch(e, () => {});
    try {
      return await task(e);
    } finally {
      stop();
    }
  }

  return {
    options,
    get: (request, own) => using(request, own, (e) => (e.state.token && !e.flight ? Promise.resolve(e.state.token) : run(e))),
    refresh: (request, own) => using(request, own, (e) => run(e).catch(() => undefined)),
    entry,
    watch,
    refreshEntry(held) {
      const e = live(held);
      return e.source.kind === 'none' ? run(e) : run(e).catch(() => undefined);
    },
  };
}
