import type { Cache, State } from 'swr';
// `initCache` is SWR's own way to make a cache provider outside <SWRConfig>; tokens get a
// cache of their own so the app's `mutate(() => true)` can never touch (or re-mint) them.
import { initCache, SWRGlobalState } from 'swr/_internal';
import { createBatcher, type Batcher } from './createBatcher';

interface Session {
  /** Mounted consumers of this session. */
  users: number;
  controller: AbortController;
  release?: ReturnType<typeof setTimeout>;
  /** The latest request of this session, while it runs. */
  pending?: Promise<unknown>;
  /** The refresh under way, shared by everyone who asks for one meanwhile. */
  refreshing?: Promise<string | undefined>;
  /** Refresh every this many ms while mounted (0: never), and the timer doing it. */
  every: number;
  tick?: ReturnType<typeof setTimeout>;
}

/**
 * The token cache plus who is using which request. Once no consumer of a request is left,
 * its call is aborted and its token forgotten, so the next mount mints a fresh one instead
 * of reusing one that may have expired.
 */
export interface TokenStore {
  cache: Cache<State<string>>;
  /** The SWR key for a request identity now. */
  keyFor(identity: string): string;
  /** The signal of the session behind a key: aborted once no consumer waits for it. */
  signalFor(key: string): AbortSignal;
  /** Notes a request of the key's session, so its late answer can be cleaned up. */
  track<T>(key: string, request: Promise<T>): Promise<T>;
  /** Counts a mounted consumer of the key, refreshing every `every` ms (0: never); returns its release. */
  acquire(key: string, every: number): () => void;
  /** Fetches a new token for the key: one call however many ask at once; `undefined` if it failed. */
  refresh(key: string): Promise<string | undefined>;
  /** Puts requests that start together into one Create call. */
  batch: Batcher;
}

const noop = () => () => {};

export function createTokenStore(): TokenStore {
  const map = new Map<string, State<string>>();
  // No focus or reconnect listeners at all: every request mints a token.
  const [, revalidate] = initCache(map, { initFocus: noop, initReconnect: noop })!;
  const cache = map as unknown as Cache<State<string>>;
  const generations = new Map<string, number>();
  const sessions = new Map<string, Session>();

  const session = (key: string): Session => {
    let found = sessions.get(key);
    if (!found) sessions.set(key, (found = { users: 0, controller: new AbortController(), every: 0 }));
    return found;
  };

  const refresh = (key: string): Promise<string | undefined> => {
    const s = sessions.get(key);
    if (!s) return Promise.resolve(undefined);
    // Two refreshes at once would mint two tokens and hand one caller the old one.
    return (s.refreshing ??= revalidate(key)
      .then(
        () => (map.get(key)?.error ? undefined : map.get(key)?.data),
        () => undefined,
      )
      .finally(() => (s.refreshing = undefined)));
  };

  // One timer per request, not per consumer, and it keeps going after a failed refresh.
  const schedule = (key: string, s: Session) => {
    clearTimeout(s.tick);
    if (s.every > 0) s.tick = setTimeout(() => void refresh(key).finally(() => sessions.get(key) === s && schedule(key, s)), s.every);
  };

  return {
    cache,
    batch: createBatcher(),
    keyFor: (identity) => `rrt@${generations.get(identity) ?? 0}@${identity}`,
    signalFor: (key) => session(key).controller.signal,
    track(key, request) {
      const s = session(key);
      s.pending = request;
      const settled = () => {
        if (s.pending === request) s.pending = undefined;
      };
      request.then(settled, settled);
      return request;
    },
    refresh,
    acquire(key, every) {
      const s = session(key);
      s.users++;
      clearTimeout(s.release);
      if (every !== s.every) {
        s.every = every;
        schedule(key, s);
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        s.users--;
        if (s.users > 0) return;
        // Wait a tick: StrictMode unmounts and mounts again at once, and must share the call.
        s.release = setTimeout(() => {
          if (s.users > 0) return;
          sessions.delete(key);
          clearTimeout(s.tick);
          s.controller.abort();
          map.delete(key);
          if (s.pending) {
            // Its answer (often the abort's own error) is still to come, and SWR would hand it
            // to the next mount under this key: move the request to a new key, and drop the
            // late write once it has landed.
            const at = key.indexOf('@', 4);
            const identity = key.slice(at + 1);
            generations.set(identity, Number(key.slice(4, at)) + 1);
            const drop = () => setTimeout(() => map.delete(key), 0);
            s.pending.then(drop, drop);
          } else {
            // The key stays (so SWR's per-key lists are reused, not piled up), but a settled
            // request must not be shared with the next mount: that one mints a new token.
            delete SWRGlobalState.get(cache)?.[2][key];
          }
        }, 0);
      };
    },
  };
}
