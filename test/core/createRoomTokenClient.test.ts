import { afterEach, describe, expect, it, vi } from 'vitest';
import { CREATE_PATH, createRoomTokenClient, RoomTokenError, type TokenRequest } from '../../src/core';
import { devMode } from '../../src/core/devMode';
import { type RoomTokenClientOptions, type TokenClientBinding, type TokenEntry } from '../../src/core/createRoomTokenClient';
import { resolveTokenSource } from '../../src/core/resolveTokenSource';
import { validateTokenRequest } from '../../src/core/TokenRequest';
import { rejection, startFake, TEST_KEY } from '../helpers/fakeServer';

// The token client is framework-free: it must work with React unavailable.
vi.mock('react', () => {
  throw new Error('the token client must not load React');
});

const request: TokenRequest = { roomId: 'r1', userId: 'u1', metadata: { mcuStream: 'true' } };

async function endpointClient(options: Parameters<typeof startFake>[0] = { apiKey: TEST_KEY }) {
  const { fake, url } = await startFake(options);
  const client = bindingClient({ endpoint: `${url}${CREATE_PATH}`, headers: { authorization: `Bearer ${TEST_KEY}` } });
  return { fake, client, creates: () => fake.calls.filter((call) => call.method === 'POST') };
}

/** A client as the React binding sees it. */
const bindingClient = (options?: RoomTokenClientOptions) => createRoomTokenClient(options) as TokenClientBinding;

/** A `fetchToken` whose answers the test gives by hand. */
function manualSource() {
  const pending: { resolve: (token: string) => void; reject: (error: unknown) => void; signal: AbortSignal }[] = [];
  const fetchToken = (_request: TokenRequest, { signal }: { signal: AbortSignal }) =>
    new Promise<string>((resolve, reject) => pending.push({ resolve, reject, signal }));
  return { fetchToken, pending };
}

/** Watches the request's entry as the React binding does: the entry, and the release. */
function watchEntry(client: TokenClientBinding, options: { onChange?: () => void; initialToken?: string } = {}) {
  const source = resolveTokenSource([client.options, undefined, undefined], options.initialToken !== undefined);
  const entry = client.entryFor(validateTokenRequest(request), source);
  return { entry, stop: client.acquire(entry, options.onChange ?? (() => {}), options.initialToken) };
}

/** Lets promise callbacks run (no timers move). */
const flush = () => vi.advanceTimersByTimeAsync(0);

afterEach(() => {
  vi.useRealTimers();
});

describe('createRoomTokenClient', () => {
  it('given eight get() calls at once for the same request, makes one Create call and resolves the same token to all', async () => {
    const { client, creates, fake } = await endpointClient({ apiKey: TEST_KEY, latencyMs: 20 });
    const tokens = await Promise.all(Array.from({ length: 8 }, () => client.get(request)));
    expect(creates()).toHaveLength(1);
    expect(new Set(tokens)).toEqual(new Set([fake.issued[0]!.token]));
  });

  it('given the same request with permissions and metadata in another order, treats it as the same identity', async () => {
    const { client, creates } = await endpointClient();
    const a = client.get({ roomId: 'r', userId: 'u', permissions: ['PermissionChatMute', 'PermissionChat'], metadata: { a: '1', b: '2' } });
    const b = client.get({ roomId: 'r', userId: 'u', permissions: ['PermissionChat', 'PermissionChatMute'], metadata: { b: '2', a: '1' } });
    expect(await a).toBe(await b);
    expect(creates()).toHaveLength(1);
  });

  it('given bad input, rejects with invalid_argument and sends nothing', async () => {
    const { client, fake } = await endpointClient();
    const error = await rejection(client.get({ roomId: 'r', userId: 'u', permissions: ['permissionChat' as never] }));
    expect(error.code).toBe('invalid_argument');
    expect(fake.calls).toHaveLength(0);
  });

  it('once nobody holds a request, forgets its token: the next get() mints a fresh one', async () => {
    const { client, creates, fake } = await endpointClient();
    const first = await client.get(request);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await client.get(request);
    expect(creates()).toHaveLength(2);
    expect([first, second]).toEqual([fake.issued[0]!.token, fake.issued[1]!.token]);
  });

  it('a watched entry keeps its token for later get() calls, and refresh() mints a new one that the watcher sees', async () => {
    const { client, creates, fake } = await endpointClient();
    const seen: (string | undefined)[] = [];
    const { entry, stop } = watchEntry(client, { onChange: () => seen.push(entry.state.token) });
    await vi.waitFor(() => expect(entry.state.token).toBe(fake.issued[0]?.token));
    expect(await client.get(request)).toBe(fake.issued[0]!.token);
    expect(creates()).toHaveLength(1);
    const next = await client.refresh(request);
    expect(next).toBe(fake.issued[1]!.token);
    expect(entry.state.token).toBe(next);
    // Told of each change (the refresh's start too): the tokens it saw, in order.
    expect([...new Set(seen)]).toEqual([fake.issued[0]!.token, next]);
    stop();
  });

  it('given refresh() while the first call is in flight, joins it: one call, and the first token for both', async () => {
    vi.useFakeTimers();
    const { fetchToken, pending } = manualSource();
    const client = createRoomTokenClient({ fetchToken });
    const got = client.get(request);
    const refreshed = client.refresh(request);
    await flush();
    expect(pending).toHaveLength(1);
    pending[0]!.resolve('first');
    expect(await got).toBe('first');
    expect(await refreshed).toBe('first');
    expect(pending).toHaveLength(1);
  });

  it('given refreshInterval, counts it from the last token, with never two calls in flight', async () => {
    vi.useFakeTimers();
    const { fetchToken, pending } = manualSource();
    const client = bindingClient({ fetchToken, refreshInterval: 100 });
    const { entry, stop } = watchEntry(client);
    await flush();
    expect(pending).toHaveLength(1);
    // The first answer takes 250 ms: no second call meanwhile, whatever the interval says.
    await vi.advanceTimersByTimeAsync(250);
    expect(pending).toHaveLength(1);
    pending[0]!.resolve('t1');
    await flush();
    expect(entry.state.token).toBe('t1');
    await vi.advanceTimersByTimeAsync(99);
    expect(pending).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(pending).toHaveLength(2);
    // A failed refresh keeps the token and the interval going.
    pending[1]!.reject(new RoomTokenError('permission_denied', 'no'));
    await vi.advanceTimersByTimeAsync(100);
    expect(entry.state).toMatchObject({ token: 't1', error: { code: 'permission_denied' } });
    expect(pending).toHaveLength(3);
    stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(pending).toHaveLength(3);
    // The last watcher's release aborted the call under way.
    expect(pending[2]!.signal.aborted).toBe(true);
  });

  it('given a fetchToken that never settles, ends the attempt at timeoutMs with deadline_exceeded and aborts its signal', async () => {
    vi.useFakeTimers();
    const { fetchToken, pending } = manualSource();
    const client = createRoomTokenClient({ fetchToken, timeoutMs: 500, retry: false });
    const got = rejection(client.get(request));
    await vi.advanceTimersByTimeAsync(500);
    expect((await got).code).toBe('deadline_exceeded');
    expect(pending[0]!.signal.aborted).toBe(true);
  });

  it('given a headers() that never settles, ends the attempt at timeoutMs with deadline_exceeded and sends nothing', async () => {
    const { fake, url } = await startFake();
    const client = createRoomTokenClient({ endpoint: `${url}${CREATE_PATH}`, headers: () => new Promise<HeadersInit>(() => {}), timeoutMs: 50, retry: false });
    expect((await rejection(client.get(request))).code).toBe('deadline_exceeded');
    expect(fake.calls).toHaveLength(0);
  });

  it('given retries: NaN (or any count that cannot be meant), throws a configuration error naming the option', async () => {
    const client = createRoomTokenClient({ fetchToken: async () => 't' });
    for (const retry of [{ retries: NaN }, { retries: Infinity }, { retries: -1 }, { retries: 1.5 }]) {
      const error = await rejection(client.get(request, { retry }));
      expect(error.message).toContain('retry.retries');
    }
    for (const [options, name] of [
      [{ retry: { baseDelayMs: NaN } }, 'retry.baseDelayMs'],
      [{ retry: { maxDelayMs: -5 } }, 'retry.maxDelayMs'],
      [{ refreshInterval: NaN }, 'refreshInterval'],
      [{ timeoutMs: 0 }, 'timeoutMs'],
      [{ timeoutMs: NaN }, 'timeoutMs'],
      [{ batch: { maxSize: 16 } as never }, 'batchRequests'],
      [{ dev: { apiKey: 'k' } as never }, 'devMode'],
    ] as const) {
      expect((await rejection(client.get(request, options))).message).toContain(name);
    }
    // Infinity keeps meaning "no timeout".
    expect(await client.get(request, { timeoutMs: Infinity })).toBe('t');
  });

  it('given an unavailable upstream, tries retries + 1 times in all, then rejects', async () => {
    const { fake, url } = await startFake({ apiKey: TEST_KEY, fault: { code: 'unavailable' } });
    const client = createRoomTokenClient({ dev: devMode({ apiKey: TEST_KEY, baseUrl: url }), retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect((await rejection(client.get(request))).code).toBe('unavailable');
    expect(fake.calls).toHaveLength(3);
  });

  it('given Retry-After: 2 s, waits at least that long before the next try', async () => {
    vi.useFakeTimers();
    let tries = 0;
    const client = createRoomTokenClient({
      fetchToken: async () => {
        if (++tries === 1) throw new RoomTokenError('resource_exhausted', 'slow down', { status: 429, retryAfterMs: 2000 });
        return 'after-the-wait';
      },
      retry: { baseDelayMs: 1, maxDelayMs: 8000 },
    });
    const got = client.get(request);
    await vi.advanceTimersByTimeAsync(1999);
    expect(tries).toBe(1);
    // The wait, plus at most baseDelayMs of jitter.
    await vi.advanceTimersByTimeAsync(2);
    expect(tries).toBe(2);
    expect(await got).toBe('after-the-wait');
  });

  it('given Retry-After longer than retry.maxDelayMs, rejects at once with retryAfterMs', async () => {
    let tries = 0;
    const client = createRoomTokenClient({
      fetchToken: async () => {
        tries++;
        throw new RoomTokenError('resource_exhausted', 'slow down', { status: 429, retryAfterMs: 60_000 });
      },
    });
    const error = await rejection(client.get(request));
    expect(error.retryAfterMs).toBe(60_000);
    expect(tries).toBe(1);
  });

  it('given a failure asking to wait 60 s (past maxDelayMs), refresh() inside that window makes no call: the error stays with the time left', async () => {
    vi.useFakeTimers();
    let tries = 0;
    const client = bindingClient({
      fetchToken: async () => {
        if (++tries === 1) throw new RoomTokenError('resource_exhausted', 'slow down', { status: 429, retryAfterMs: 60_000 });
        return 'after-the-wait';
      },
    });
    const { entry, stop } = watchEntry(client);
    await flush();
    expect(entry.state.error?.retryAfterMs).toBe(60_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await client.refreshEntry(entry)).toBeUndefined();
    expect(await rejection(client.get(request))).toMatchObject({ code: 'resource_exhausted', retryAfterMs: 50_000 });
    expect(tries).toBe(1);
    expect(entry.state.error).toMatchObject({ code: 'resource_exhausted', retryAfterMs: 50_000 });
    // Once the window has passed, the same action calls again.
    await vi.advanceTimersByTimeAsync(50_000);
    expect(await client.refreshEntry(entry)).toBe('after-the-wait');
    expect(tries).toBe(2);
    stop();
  });

  it('given an initialToken alone (no source), refresh rejects with a configuration error naming the sources', async () => {
    const client = bindingClient();
    const { entry, stop } = watchEntry(client, { initialToken: 'from-the-server' });
    expect(entry.state.token).toBe('from-the-server');
    const error = await rejection(client.refreshEntry(entry));
    expect(error.message).toMatch(/endpoint.*dev.*fetchToken/);
    expect(entry.state.token).toBe('from-the-server');
    stop();
  });

  it('given entries for many rooms, one after another, drops each with its token once nobody watches it', async () => {
    const client = bindingClient({ fetchToken: async (r: TokenRequest) => `token-${r.roomId}` });
    const source = resolveTokenSource([client.options, undefined, undefined]);
    const held: TokenEntry[] = [];
    for (let i = 0; i < 50; i++) {
      const entry = client.entryFor(validateTokenRequest({ roomId: `room-${i}`, userId: 'u' }), source);
      held.push(entry);
      const stop = client.acquire(entry, () => {});
      await vi.waitFor(() => expect(entry.state.token).toBe(`token-room-${i}`), { interval: 1 });
      stop();
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(held.filter((entry) => entry.state.token !== undefined)).toEqual([]);
    // A new consumer of the first room gets a new entry, and a new token.
    const again = client.entryFor(validateTokenRequest({ roomId: 'room-0', userId: 'u' }), source);
    expect(again).not.toBe(held[0]);
    expect(again.state.token).toBeUndefined();
  });
});
