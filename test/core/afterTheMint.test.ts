// Issue 18: after the first token — resume after sleep, Retry-After on user actions, timers
// that cannot overflow. Time is faked (timers and the wall clock), the client is real.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRoomTokenClient, RoomTokenError, type TokenRequest } from '../../src/core';
import type { TokenClientBinding } from '../../src/core/createRoomTokenClient';
import { resolveTokenSource } from '../../src/core/resolveTokenSource';
import { validateTokenRequest } from '../../src/core/TokenRequest';
import { rejection } from '../helpers/fakeServer';

vi.mock('react', () => {
  throw new Error('the token client must not load React');
});

const MINUTE = 60_000;

/** A resume signal the test fires by hand, as the page or app coming back would. */
function manualResume() {
  const listeners = new Set<() => void>();
  return {
    subscribeResume: (onResume: () => void) => (listeners.add(onResume), () => listeners.delete(onResume)),
    fire: () => listeners.forEach((listener) => listener()),
    listeners,
  };
}

/** A fetchToken that answers at once with a numbered token per room, counting calls per room. */
function countingSource() {
  const calls: string[] = [];
  return { calls, fetchToken: async ({ roomId }: TokenRequest) => (calls.push(roomId), `${roomId}-${calls.filter((r) => r === roomId).length}`) };
}

/** Mounts a consumer of the room the way the React binding does. */
function mount(client: TokenClientBinding, roomId: string, options: { refreshInterval?: number } = {}) {
  const source = resolveTokenSource([client.options, undefined, options]);
  const entry = client.entryFor(validateTokenRequest({ roomId, userId: 'u' }), source);
  return { entry, unmount: client.acquire(entry, () => {}) };
}

/** Sleeps the machine: the wall clock moves, no timer runs. */
const sleepMachine = (ms: number) => vi.setSystemTime(Date.now() + ms);

afterEach(() => {
  vi.useRealTimers();
});

describe('resume after the machine slept', () => {
  it('given a laptop that slept 2 h with refreshInterval 10 min, refreshes every overdue mounted room at once on resume, one call each', async () => {
    vi.useFakeTimers();
    const resume = manualResume();
    const { calls, fetchToken } = countingSource();
    const client = createRoomTokenClient({ fetchToken, refreshInterval: 10 * MINUTE, subscribeResume: resume.subscribeResume }) as TokenClientBinding;
    const a = mount(client, 'a');
    const b = mount(client, 'b');
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['a', 'b']);

    sleepMachine(2 * 60 * MINUTE);
    resume.fire();
    resume.fire(); // visibilitychange, pageshow and online may all come at once
    await vi.advanceTimersByTimeAsync(0);

    expect(calls).toEqual(['a', 'b', 'a', 'b']);
    expect([a.entry.state.token, b.entry.state.token]).toEqual(['a-2', 'b-2']);
    a.unmount();
    b.unmount();
  });

  it('given a room that is not due yet, makes no call for it on resume (every call mints: no refetch on focus)', async () => {
    vi.useFakeTimers();
    const resume = manualResume();
    const { calls, fetchToken } = countingSource();
    const client = createRoomTokenClient({ fetchToken, subscribeResume: resume.subscribeResume }) as TokenClientBinding;
    const due = mount(client, 'due', { refreshInterval: 10 * MINUTE });
    const fresh = mount(client, 'fresh', { refreshInterval: 60 * MINUTE });
    const never = mount(client, 'never');
    await vi.advanceTimersByTimeAsync(0);

    sleepMachine(30 * MINUTE);
    resume.fire();
    await vi.advanceTimersByTimeAsync(0);

    expect(calls).toEqual(['due', 'fresh', 'never', 'due']);
    [due, fresh, never].forEach((m) => m.unmount());
  });

  it('given a room nobody shows any more, makes no call for it on resume, and stops listening once no room is left', async () => {
    vi.useFakeTimers();
    const resume = manualResume();
    const { calls, fetchToken } = countingSource();
    const client = createRoomTokenClient({ fetchToken, refreshInterval: MINUTE, subscribeResume: resume.subscribeResume }) as TokenClientBinding;
    const shown = mount(client, 'shown');
    await vi.advanceTimersByTimeAsync(0);
    expect(resume.listeners.size).toBe(1);
    shown.unmount();
    await vi.advanceTimersByTimeAsync(1);

    sleepMachine(60 * MINUTE);
    resume.fire();
    await vi.advanceTimersByTimeAsync(0);

    expect(calls).toEqual(['shown']);
    expect(resume.listeners.size).toBe(0);
  });

  it('given a resume while the refresh is already under way, joins it: still one call in flight', async () => {
    vi.useFakeTimers();
    const resume = manualResume();
    let calls = 0;
    const client = createRoomTokenClient({
      fetchToken: () => (++calls === 1 ? Promise.resolve('first') : new Promise<string>(() => {})),
      refreshInterval: MINUTE,
      timeoutMs: Infinity,
      subscribeResume: resume.subscribeResume,
    }) as TokenClientBinding;
    const room = mount(client, 'r');
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(calls).toBe(2);
    sleepMachine(10 * MINUTE);
    resume.fire();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(2);
    room.unmount();
  });
});

describe("Retry-After: one rule for automatic retries and user actions", () => {
  const limited = (retryAfterMs: number) => new RoomTokenError('resource_exhausted', 'slow down', { status: 429, retryAfterMs });

  it('given Retry-After of an hour, refresh() and get() make no call inside the window, and each tells the time left', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const client = createRoomTokenClient({ fetchToken: async () => (++calls === 1 ? Promise.reject(limited(60 * MINUTE)) : 'later') }) as TokenClientBinding;
    const room = mount(client, 'r');
    await vi.advanceTimersByTimeAsync(0);
    expect(room.entry.state.error?.retryAfterMs).toBe(60 * MINUTE);

    await vi.advanceTimersByTimeAsync(20 * MINUTE);
    expect(await client.refreshEntry(room.entry)).toBeUndefined();
    expect(await rejection(client.get({ roomId: 'r', userId: 'u' }))).toMatchObject({ code: 'resource_exhausted', retryAfterMs: 40 * MINUTE });
    expect(room.entry.state).toMatchObject({ isValidating: false, error: { retryAfterMs: 40 * MINUTE } });
    expect(calls).toBe(1);

    await vi.advanceTimersByTimeAsync(40 * MINUTE);
    expect(await client.refreshEntry(room.entry)).toBe('later');
    expect(calls).toBe(2);
    room.unmount();
  });

  it('given Retry-After of 30 days (past what a timer holds), no timer fires at once: the interval waits, no call storm', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const client = createRoomTokenClient({
      fetchToken: async () => (++calls === 1 ? 'first' : Promise.reject(limited(30 * 24 * 60 * MINUTE))),
      refreshInterval: 1000,
    }) as TokenClientBinding;
    const room = mount(client, 'r');
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    expect(room.entry.state).toMatchObject({ token: 'first', error: { code: 'resource_exhausted' } });

    await vi.advanceTimersByTimeAsync(10 * MINUTE);

    expect(calls).toBe(2);
    room.unmount();
  });

  it('given a shorter Retry-After on a user action, waits it out (plus jitter, never less) and then calls once', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    let calls = 0;
    const client = createRoomTokenClient({ fetchToken: async () => (++calls === 1 ? Promise.reject(limited(5000)) : 'after'), retry: false }) as TokenClientBinding;
    const room = mount(client, 'r');
    await vi.advanceTimersByTimeAsync(0);
    const refreshed = client.refreshEntry(room.entry);
    await vi.advanceTimersByTimeAsync(4999);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await refreshed).toBe('after');
    expect(calls).toBe(2);
    room.unmount();
  });

  it('30 clients told "Retry-After: 1" at the same moment come back spread over the jitter, none sooner than 1 s', async () => {
    vi.useFakeTimers();
    const start = Date.now();
    const retriedAt: number[] = [];
    const clients = Array.from({ length: 30 }, () => {
      let tries = 0;
      return createRoomTokenClient({
        fetchToken: async () => {
          if (++tries === 1) throw limited(1000);
          retriedAt.push(Date.now() - start);
          return 't';
        },
      });
    });
    const tokens = Promise.all(clients.map((client) => client.get({ roomId: 'r', userId: 'u' })));
    await vi.advanceTimersByTimeAsync(2000);
    expect(await tokens).toHaveLength(30);
    expect(Math.min(...retriedAt)).toBeGreaterThanOrEqual(1000);
    // The default jitter spans baseDelayMs (500 ms): 30 draws do not land in 45 ms.
    expect(Math.max(...retriedAt) - Math.min(...retriedAt)).toBeGreaterThan(100);
  });
});
