/**
 * Lifecycle — the one file that says when a token is reused, when it is minted again, and who
 * aborts a call. Everything here is per *entry*: one request identity (`identityOf`: source,
 * room, user, permissions, metadata), however many consumers ask for it.
 *
 * - **Reused** while the entry lives: each consumer that `acquire`s it and each `get()` is
 *   given its current token, and a call under way is joined, never doubled: per entry by
 *   `mint`, and per identity — across entries, batches and retries — by `joinCall`.
 * - **Minted again** by `mint`, only when: the first consumer acquires an entry that has no
 *   token (an `initialToken` not used on this page yet stands in for that call); `refresh()`
 *   or a Retry; `refreshInterval` after the last token or failure (`schedule`); a resume
 *   (page visible, restored, online; `AppState` on React Native) finding that refresh overdue
 *   by the wall clock (`resumeOverdue`); and after the entry was dropped: `release` drops an
 *   entry, token and all, a tick after its last consumer left, so the next one mints afresh
 *   (a long-kept token may have expired).
 * - **Aborted** only by `release`, through `drop`: dropping an entry aborts its controller,
 *   which ends its mint (a retry's wait included) and makes it leave its call. `attempt`, the
 *   one abort-and-timeout path, ends a try that outlives `timeoutMs`, and the last waiter to
 *   leave a call aborts it (a batch goes on while other members wait: `batchRequests`).
 * - **Never sooner than the server asked**: a `Retry-After` longer than `retry.maxDelayMs` is
 *   never slept — inside that window `mint` makes no call and the error stays, telling the
 *   time left; a shorter one is waited, plus jitter.
 */
import { MAX_TIMER_MS, timerMs } from './abortable';
import type { ResumeSubscribe } from './browserResume';
import { platformResume } from './platformResume';
import { configurationError } from './configurationError';
import { DEFAULT_TIMEOUT_MS } from './constants';
import { fetchTokenFromSource } from './fetchTokenFromSource';
import { identityOf } from './identityOf';
import { resolveTokenSource, type ResolvedSource } from './resolveTokenSource';
import { canceledError, RoomTokenError } from './RoomTokenError';
import { tellSetupProblem } from './setupProblem';
import { sleep } from './sleep';
import { toRoomTokenError } from './toRoomTokenError';
import { validateTokenRequest, type TokenRequest } from './TokenRequest';
import type { TokenSourceOptions } from './TokenSourceOptions';
import { retryDelay, retrySettings, withRetry } from './withRetry';

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
 * One request's place in a client, for bindings such as the React hook.
 * @internal
 *
 * @example
 * const entry = client.entryFor(request, source);
 * const release = client.acquire(entry, () => render(entry.state));
 */
export interface TokenEntry {
  /** The current state: a new object after every change (compare by reference). */
  readonly state: TokenState;
}

/** Marks the clients `createRoomTokenClient` makes; shared by every copy of the package. */
const CLIENT: unique symbol = Symbol.for('react-room-token.client') as never;

/**
 * Options of {@link createRoomTokenClient}: the token source options it uses as defaults,
 * and where it learns that the app came back.
 *
 * @example
 * const options: RoomTokenClientOptions = { endpoint: '/api/room-token', refreshInterval: 10 * 60_000 };
 */
export interface RoomTokenClientOptions extends TokenSourceOptions {
  /**
   * Tells the client that the app came back to the person, so that every mounted request whose
   * `refreshInterval` is overdue by the wall clock refreshes at once (timers do not run while a
   * laptop sleeps). A request that is not due makes no call.
   * @defaultValue the page becoming visible, restored from the back/forward cache, or back online;
   * on React Native, the app becoming `active`
   */
  subscribeResume?: ResumeSubscribe;
}

/**
 * The framework-free lifecycle of room member tokens: one call at a time per request
 * identity, shared by everyone who asks; consumers counted, and the call aborted and the
 * token forgotten once the last one leaves; refresh, `refreshInterval`, resume, retries and
 * batching. Give one to `<RoomTokenProvider client={client}>` so code outside React shares
 * calls with the hooks. Only `createRoomTokenClient` makes one.
 *
 * @example
 * const client = createRoomTokenClient({ endpoint: '/api/room-token' });
 * const token = await client.get({ roomId, userId, metadata: { mcuStream: 'true' } });
 * room.onTokenExpired(() => client.refresh({ roomId, userId, metadata: { mcuStream: 'true' } }));
 */
export interface RoomTokenClient {
  /** The client's own options: the least specific level, under a provider's and a hook's. */
  readonly options: RoomTokenClientOptions;
  /**
   * Resolves a token for the request: the current one while a consumer of the same request
   * holds one, else that of the call under way, else a new call's. Rejects with a
   * `RoomTokenError` (`invalid_argument` for bad input, before anything is sent; the server's
   * error, with `retryAfterMs` left, inside a `Retry-After` window longer than `maxDelayMs`).
   */
  get(request: TokenRequest, options?: TokenSourceOptions): Promise<string>;
  /**
   * Mints a new token for the request (joining the call under way, if there is one) and
   * resolves it; resolves `undefined` if that failed, or if the server's `Retry-After` window
   * is still open (mounted consumers show the error). Rejects only for bad input or configuration.
   */
  refresh(request: TokenRequest, options?: TokenSourceOptions): Promise<string | undefined>;
  /** @internal Present only on clients made by `createRoomTokenClient`. */
  readonly [CLIENT]: true;
}

/**
 * What the package's own bindings (the React hook) use of a client made by
 * `createRoomTokenClient`: find a request's entry, acquire and release it, refresh it.
 * @internal
 */
export interface TokenClientBinding extends RoomTokenClient {
  /**
   * The entry of a request already checked with `validateTokenRequest`, under a source
   * resolved from every option level. Makes no call; an entry nobody acquires is dropped after
   * a while. The latest caller's functions (`fetchToken`, `headers`) are the ones used. `id`:
   * the request's `identityOf` under `source`, when the caller has it already.
   */
  entryFor(request: TokenRequest, source: ResolvedSource, id?: string): TokenEntry;
  /**
   * Counts a consumer of the entry and calls `onChange` after each visible change. The first
   * consumer of an entry with no token mints one — unless it brings an `initialToken` not used
   * on this page yet (by any client), which becomes the token with no call. Returns the release.
   */
  acquire(entry: TokenEntry, onChange: () => void, initialToken?: string): () => void;
  /** `refresh()` for an entry. Rejects with a configuration error when the entry has no source (an `initialToken` alone). */
  refreshEntry(entry: TokenEntry): Promise<string | undefined>;
  /** Whether `token` was used as an `initialToken` on this page already: a replayed page must not join with it again. */
  usedInitialToken(token: string): boolean;
  /**
   * For Suspense, where nothing mounts before the first token: starts the entry's first call
   * (with `again`, a new call after a failure too) without counting a consumer, and resolves
   * once it settles, either way. The entry then waits a while for a consumer to acquire it.
   */
  load(entry: TokenEntry, again: boolean): Promise<void>;
}

/** Tells whether a value is a client made by `createRoomTokenClient` (by any copy of the package). @internal */
export const isRoomTokenClient = (value: unknown): value is TokenClientBinding => (value as Partial<RoomTokenClient> | null)?.[CLIENT] === true;

interface Entry extends TokenEntry {
  state: TokenState;
  readonly id: string;
  readonly request: TokenRequest;
  source: ResolvedSource;
  consumers: number;
  readonly listeners: Set<() => void>;
  /** Aborted when the entry is dropped: its mint and its place in a call end. */
  readonly controller: AbortController;
  /** The one mint under way for this entry (its tries and the waits between them). */
  minting?: Promise<string>;
  /** When the last token or failure came (ms since the epoch): `refreshInterval` counts from it. */
  settledAt?: number;
  /** No new call before this time (ms since the epoch): the server's `Retry-After`. */
  retryAt?: number;
  tick?: ReturnType<typeof setTimeout>;
  removal?: ReturnType<typeof setTimeout>;
  gone?: boolean;
}

/** The call under way for one identity, shared by whoever asks for it meanwhile. */
interface Call {
  readonly token: Promise<string>;
  waiters: number;
  readonly controller: AbortController;
}

// A new entry's call is about to start: it shows as under way from the first render, so the
// start itself changes nothing anyone sees.
const STARTING: TokenState = { isValidating: true };
// What a dropped entry shows: a state of its own, so that a binding still holding it renders again.
const GONE: TokenState = { isValidating: false };
// An entry made for a render that React threw away has no token and no call: it may wait.
const UNWATCHED_MS = 10_000;
const ignore = () => {};
// Server-minted tokens already used on this page, by any client: a provider that mounts again
// (with a client of its own, new) must not join with its old list either.
const usedInitialTokens = new Set<string>();

/**
 * Creates a token client with the given options as its defaults (a provider's and a hook's
 * options go on top). Throws nothing until used: a client may hold no source of its own.
 *
 * @example
 * const client = createRoomTokenClient({ endpoint: '/api/room-token', refreshInterval: 10 * 60_000 });
 * <RoomTokenProvider client={client}><App /></RoomTokenProvider>
 */
export function createRoomTokenClient(options: RoomTokenClientOptions = {}): RoomTokenClient {
  const entries = new Map<string, Entry>();
  // The one place calls are joined: the call under way for each identity, whoever started it.
  // It outlives entries, so a consumer that comes back while its call goes on joins it.
  const calls = new Map<string, Call>();
  let stopResume: (() => void) | undefined;

  function set(e: Entry, state: TokenState, notify = true): void {
    e.state = state;
    if (notify) for (const listener of e.listeners) listener();
  }

  function entryFor(request: TokenRequest, source: ResolvedSource, id = identityOf(source, request)): Entry {
    let e = entries.get(id);
    if (!e) {
      e = { id, request, source, state: STARTING, consumers: 0, listeners: new Set(), controller: new AbortController() };
      entries.set(id, e);
      release(e, UNWATCHED_MS);
      return e;
    }
    const every = e.source.options.refreshInterval;
    e.source = source;
    if (every !== source.options.refreshInterval) schedule(e);
    return e;
  }

  /** An entry dropped while a binding held it (a render React kept for long) is made again. */
  function live(held: TokenEntry): Entry {
    const e = held as Entry;
    return e.gone ? entryFor(e.request, e.source) : e;
  }

  function acquire(held: TokenEntry, onChange: () => void, initialToken?: string): () => void {
    const e = live(held);
    e.consumers++;
    clearTimeout(e.removal);
    e.listeners.add(onChange);
    stopResume ??= (options.subscribeResume ?? platformResume)(resumeOverdue);
    const fresh = initialToken !== undefined && !usedInitialTokens.has(initialToken);
    if (initialToken !== undefined) usedInitialTokens.add(initialToken);
    if (e !== held) onChange();
    else start(e, fresh ? initialToken : undefined, false);
    let holding = true;
    return () => {
      if (!holding) return;
      holding = false;
      e.listeners.delete(onChange);
      if (!--e.consumers) release(e);
    };
  }

  /**
   * The first token of an entry that has none and no call under way: a server-minted token not
   * used on this page yet (the consumer shows it already: nothing to tell), else a mint. With
   * `again`, an entry whose last try failed mints again too.
   */
  function start(e: Entry, initialToken: string | undefined, again: boolean): void {
    if (e.state.token || (e.state.error && !again) || e.minting) return;
    if (initialToken !== undefined) {
      set(e, { token: initialToken, isValidating: false }, false);
      e.settledAt = Date.now();
      schedule(e);
    } else void mint(e).catch(ignore);
  }

  /** Suspense: the first token's call starts before anyone is mounted; the entry waits a while for its consumer once it settles. */
  function load(held: TokenEntry, again: boolean): Promise<void> {
    const e = live(held);
    start(e, undefined, again);
    const settled = (e.minting ?? Promise.resolve()).then(ignore, ignore);
    void settled.then(() => e.consumers || e.gone || release(e, UNWATCHED_MS));
    return settled;
  }

  /** Drops the entry `ms` after its last consumer left, unless one comes back first. */
  function release(e: Entry, ms = 0): void {
    clearTimeout(e.removal);
    // A tick, not at once: StrictMode unmounts and mounts again at once, and must share.
    e.removal = setTimeout(() => e.consumers || drop(e), ms);
  }

  /** Who aborts: the entry's mint and its place in a call end here, and its token is forgotten. */
  function drop(e: Entry): void {
    e.gone = true;
    entries.delete(e.id);
    e.state = GONE;
    clearTimeout(e.tick);
    e.controller.abort();
    if (!entries.size) {
      stopResume?.();
      stopResume = undefined;
    }
  }

  /** Mints a token for the entry, or joins the mint under way: the only way a call starts. */
  function mint(e: Entry): Promise<string> {
    if (e.minting) return e.minting;
    const { kind, options: sourceOptions } = e.source;
    if (kind === 'none') {
      let message = 'an initialToken alone cannot be refreshed';
      try {
        if (process.env.NODE_ENV !== 'production') message += ': name `endpoint`, `dev` or `fetchToken` too';
      } catch {
        // No `process`, and no bundler replaced it: the short text.
      }
      return Promise.reject(configurationError(message));
    }
    const retry = retrySettings(sourceOptions.retry);
    const wait = (e.retryAt ?? 0) - Date.now();
    if (wait > retry.maxDelayMs && e.state.error) {
      // Inside a window the server asked for that is longer than any wait we sleep: no call.
      const { code, message, status, cause } = e.state.error;
      const error = new RoomTokenError(code, message, { status, retryAfterMs: wait, cause });
      set(e, { ...e.state, error });
      schedule(e);
      return Promise.reject(error);
    }
    clearTimeout(e.tick);
    const { signal } = e.controller;
    const tries = () => withRetry(() => attempt(e, signal), sourceOptions.retry, signal);
    const minting = wait > 0 ? sleep(retryDelay(0, retry, wait), signal).then(tries) : tries();
    e.minting = minting;
    if (!e.state.isValidating) set(e, { ...e.state, isValidating: true });
    minting.then(
      (token) => {
        e.retryAt = undefined;
        settle(e, { token, isValidating: false });
      },
      (thrown: unknown) => {
        const error = toRoomTokenError(thrown, { signal });
        e.retryAt = error.retryAfterMs && Date.now() + error.retryAfterMs;
        if (settle(e, { token: e.state.token, error, isValidating: false }) && error.code !== 'canceled') report(e, error);
      },
    );
    return minting;
  }

  /** Ends a mint: the new state, and the next refresh counted from now. False for a dropped entry. */
  function settle(e: Entry, state: TokenState): boolean {
    e.minting = undefined;
    if (e.gone) return false;
    e.settledAt = Date.now();
    set(e, state);
    schedule(e);
    return true;
  }

  /** Tells the app's `onError` of a failure a person will see, and the console of a set-up mistake. */
  function report(e: Entry, error: RoomTokenError): void {
    tellSetupProblem(error);
    try {
      e.source.options.onError?.(error, e.request);
    } catch {
      // The app's reporting must not break the token's lifecycle.
    }
  }

  /**
   * One try, the one abort-and-timeout path: waits for the identity's call under way (or starts
   * it) until it settles, `signal` aborts (`canceled`), or `timeoutMs` passes
   * (`deadline_exceeded`), whatever the call does. A waiter that leaves, by abort or by time, is
   * counted out; the last one to leave aborts the call (a batch goes on while other members
   * wait). One promise, one timer and one listener per try.
   */
  function attempt(e: Entry, signal: AbortSignal): Promise<string> {
    const timeoutMs = e.source.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise<string>((resolve, reject) => {
      // A try whose caller is gone already starts nothing.
      if (signal.aborted) return reject(canceledError(signal.reason));
      const call = joinCall(e);
      let timer: ReturnType<typeof setTimeout> | undefined;
      // The first of the call's outcome, the abort and the timer settles the try. Rejected
      // before the call hears of the abort, so that this, not what the call then rejects
      // with, is what ends the try.
      const end = (leave: boolean, settle: () => void) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        settle();
        if (leave && !--call.waiters) call.controller.abort();
      };
      const onAbort = () => end(true, () => reject(canceledError(signal.reason)));
      signal.addEventListener('abort', onAbort);
      if (timeoutMs <= MAX_TIMER_MS) {
        timer = setTimeout(() => {
          let text = 'timed out';
          try {
            if (process.env.NODE_ENV !== 'production') text = `the token request did not finish within ${timeoutMs} ms`;
          } catch {
            // No `process`, and no bundler replaced it: the short text.
          }
          end(true, () => reject(new RoomTokenError('deadline_exceeded', text)));
        }, timeoutMs);
      }
      call.token.then(
        (token) => end(false, () => resolve(token)),
        (error: unknown) => end(false, () => reject(error)),
      );
    });
  }

  /** The identity's call under way, or a new one, with this waiter counted in. */
  function joinCall(e: Entry): Call {
    let call = calls.get(e.id);
    if (!call) {
      const controller = new AbortController();
      const started: Call = { token: fetchTokenFromSource(e.source, e.request, controller.signal), waiters: 0, controller };
      const forget = () => calls.get(e.id) === started && calls.delete(e.id);
      started.token.then(forget, forget);
      calls.set(e.id, (call = started));
    }
    call.waiters++;
    return call;
  }

  /** The next `refreshInterval` refresh: counted from the last token or failure, by the wall clock. */
  function schedule(e: Entry): void {
    clearTimeout(e.tick);
    const every = e.source.options.refreshInterval ?? 0;
    if (every > 0 && e.consumers > 0 && e.source.kind !== 'none') {
      const due = Math.max((e.settledAt ?? Date.now()) + every, e.retryAt ?? 0);
      e.tick = setTimeout(() => void mint(e).catch(ignore), timerMs(due - Date.now()));
    }
  }

  /** On resume: every mounted entry whose refresh is overdue refreshes now; the others wait. */
  function resumeOverdue(): void {
    const now = Date.now();
    for (const e of entries.values()) {
      const every = e.source.options.refreshInterval ?? 0;
      if (every > 0 && e.consumers > 0 && !e.minting && e.source.kind !== 'none' && (e.settledAt ?? now) + every <= now) void mint(e).catch(ignore);
    }
  }

  /** Resolves the request's entry under the client's and the call's options. */
  function entryOf(request: TokenRequest, own?: TokenSourceOptions): Entry {
    const source = resolveTokenSource([options, undefined, own]);
    const problem = source.options.dev?.problem();
    if (problem) throw problem;
    return entryFor(validateTokenRequest(request), source);
  }

  /** Runs `task` on the request's entry while counting as one of its consumers. */
  async function asConsumer<T>(request: TokenRequest, own: TokenSourceOptions | undefined, task: (e: Entry) => Promise<T>): Promise<T> {
    const e = entryOf(request, own);
    const stop = acquire(e, ignore);
    try {
      return await task(e);
    } finally {
      stop();
    }
  }

  const client: TokenClientBinding = {
    [CLIENT]: true,
    options,
    get: (request, own) => asConsumer(request, own, (e) => (e.state.token && !e.minting ? Promise.resolve(e.state.token) : mint(e))),
    refresh: (request, own) => asConsumer(request, own, (e) => mint(e).catch(() => undefined)),
    entryFor,
    acquire,
    refreshEntry(held) {
      const e = live(held);
      return e.source.kind === 'none' ? mint(e) : mint(e).catch(() => undefined);
    },
    usedInitialToken: (token) => usedInitialTokens.has(token),
    load,
  };
  return client;
}
