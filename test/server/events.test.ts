// Issue 21, item 6: `onEvent` gets exactly one event per handled call (HTTP or mint), typed by
// outcome, with its status, code, token count and timings, and never a token, a key, a user id
// or a body; a listener that throws or rejects never changes an answer. Over loopback HTTP,
// against the package's fake upstream and its faults.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createRoomTokenHandler, type RoomTokenEvent, type RoomTokenHandlerOptions } from '../../src/server';
import type { FakeFault } from '../../src/testing';
import { API_KEY, allowAll, closedPortUrl, consoleLines, createBody, guardTheKey, send, serve, startFake, startHandler } from './support';

guardTheKey();

const BODY = createBody({ user_id: 'user-1', room_id: 'room-1' });
const TWO = createBody({ user_id: 'user-1', room_id: 'room-1' }, { user_id: 'user-1', room_id: 'room-2' });

/** A handler in front of the fake (with `fault`, if any) that records its events. */
async function withEvents(options: Partial<RoomTokenHandlerOptions> = {}, fault?: FakeFault) {
  const events: RoomTokenEvent[] = [];
  const started = await startHandler({ ...options, onEvent: (event) => void events.push(event) }, fault === undefined ? {} : { fault });
  return { ...started, events };
}

const timing = { durationMs: expect.any(Number) as number };
const upstreamTiming = { ...timing, upstreamMs: expect.any(Number) as number };

describe('one event per HTTP call, by outcome', () => {
  const cases: {
    name: string;
    options?: Partial<RoomTokenHandlerOptions>;
    fault?: FakeFault;
    init: RequestInit & { json?: unknown };
    event: Omit<RoomTokenEvent, 'durationMs'>;
    logs?: number;
  }[] = [
    { name: 'minted: two tokens', init: { json: TWO }, event: { type: 'minted', status: 200, tokens: 2, ...upstreamTiming } },
    { name: 'denied by authorize', options: { authorize: () => false }, init: { json: TWO }, event: { type: 'denied', status: 403, code: 'permission_denied', tokens: 2 } },
    {
      name: 'limited by rateLimit',
      options: { rateLimit: { limiter: { consume: () => Promise.reject({ msBeforeNext: 1500 }) } } },
      init: { json: BODY },
      event: { type: 'limited', status: 429, code: 'resource_exhausted', tokens: 1 },
    },
    { name: 'invalid: malformed JSON', init: { body: '{"arguments":[', headers: { 'content-type': 'application/json' } }, event: { type: 'invalid', status: 400, code: 'invalid_argument', tokens: 0 } },
    { name: 'invalid: a method other than POST', init: { method: 'PUT', json: BODY }, event: { type: 'invalid', status: 405, code: 'unimplemented', tokens: 0 } },
    {
      name: 'invalid: refused as such by the upstream',
      fault: { code: 'invalid_argument', message: 'no such room' },
      init: { json: BODY },
      event: { type: 'invalid', status: 400, code: 'invalid_argument', tokens: 1, ...upstreamTiming },
    },
    { name: 'upstream_error: a dropped connection', fault: 'drop', init: { json: BODY }, event: { type: 'upstream_error', status: 503, code: 'unavailable', tokens: 1, ...upstreamTiming }, logs: 1 },
    {
      name: 'upstream_error: a timeout',
      options: { timeoutMs: 50 },
      fault: 'hang',
      init: { json: BODY },
      event: { type: 'upstream_error', status: 504, code: 'deadline_exceeded', tokens: 1, ...upstreamTiming },
      logs: 1,
    },
    {
      name: "upstream_error: the server's key refused",
      fault: { code: 'unauthenticated', message: 'bad key' },
      init: { json: BODY },
      event: { type: 'upstream_error', status: 500, code: 'internal', tokens: 1, ...upstreamTiming },
      logs: 1,
    },
    {
      name: 'internal: authorize threw',
      options: {
        authorize: () => {
          throw new Error('session store down');
        },
      },
      init: { json: BODY },
      event: { type: 'internal', status: 500, code: 'internal', tokens: 1 },
      logs: 1,
    },
    { name: 'internal: no apiKey', options: { apiKey: undefined }, init: { json: TWO }, event: { type: 'internal', status: 500, code: 'internal', tokens: 2 }, logs: 1 },
    {
      name: 'internal: the limiter failed',
      options: { rateLimit: { limiter: { consume: () => Promise.reject(new Error('Redis is down')) } } },
      init: { json: BODY },
      event: { type: 'internal', status: 503, code: 'unavailable', tokens: 1 },
      logs: 1,
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { url, events } = await withEvents(c.options, c.fault);

    const answer = await send(url, c.init);

    expect(events).toEqual([{ ...timing, ...c.event }]);
    expect(answer.status).toBe(c.event.status);
    expect(events[0]!.durationMs).toBeGreaterThanOrEqual(events[0]!.upstreamMs ?? 0);
    expect(consoleLines()).toHaveLength(c.logs ?? 0);
  });

  it('an upstream that cannot be reached at all is an upstream_error', async () => {
    const { url, events } = await withEvents({ baseUrl: await closedPortUrl() });

    await send(url, { json: BODY });

    expect(events).toEqual([{ type: 'upstream_error', status: 503, code: 'unavailable', tokens: 1, ...upstreamTiming }]);
    expect(consoleLines()).toHaveLength(1);
  });
});

describe('one event per mint', () => {
  it('minted, and denied, with the same fields as the HTTP path', async () => {
    const { handler, events } = await withEvents({ authorize: (asked) => (asked.roomId === 'open' ? asked : false) });

    await handler.mint({ roomId: 'open', userId: 'user-1' }, { headers: new Headers() });
    await expect(handler.mint({ roomId: 'closed', userId: 'user-1' }, { headers: new Headers() })).rejects.toMatchObject({ code: 'permission_denied' });
    await expect(handler.mint({ roomId: '', userId: 'user-1' }, { headers: new Headers() })).rejects.toMatchObject({ code: 'invalid_argument' });

    expect(events).toEqual([
      { type: 'minted', status: 200, tokens: 1, ...upstreamTiming },
      { type: 'denied', status: 403, code: 'permission_denied', tokens: 1, ...timing },
      { type: 'invalid', status: 400, code: 'invalid_argument', tokens: 1, ...timing },
    ]);
  });
});

describe('a caller that goes away', () => {
  it('is an invalid call, 499 canceled, and no upstream fault', async () => {
    const { handler, events, fake } = await withEvents({ timeoutMs: 600_000 }, 'hang');
    const incoming = new AbortController();

    const minted = handler.mint({ roomId: 'room-1', userId: 'user-1' }, { request: new Request('http://app.test/live', { signal: incoming.signal }) });
    await vi.waitFor(() => expect(fake.calls).toHaveLength(1), { timeout: 20_000 });
    incoming.abort();

    await expect(minted).rejects.toMatchObject({ code: 'canceled' });
    expect(events).toEqual([{ type: 'invalid', status: 499, code: 'canceled', tokens: 1, ...upstreamTiming }]);
    expect(consoleLines()).toEqual([]);
  }, 60_000);
});

describe('a failing listener', () => {
  const throwing = () => {
    throw new Error('metrics backend down');
  };
  const rejecting = () => Promise.reject(new Error('metrics backend down'));

  it.each([
    ['throws', throwing],
    ['rejects', rejecting],
  ])('that %s changes no answer, and is named once a minute on the console', async (_name, onEvent) => {
    const { fake, url: upstream } = await startFake();
    const handler = createRoomTokenHandler({ apiKey: API_KEY, authorize: allowAll, baseUrl: upstream, onEvent });
    const url = await serve(handler);

    const first = await send(url, { json: BODY });
    const second = await send(url, { json: TWO });
    const minted = await handler.mint({ roomId: 'room-3', userId: 'user-1' }, { headers: new Headers() });

    expect([first.status, second.status]).toEqual([200, 200]);
    expect((second.body as { tokens: string[] }).tokens).toEqual(fake.issued.slice(1, 3).map((issued) => issued.token));
    expect(minted).toBe(fake.issued[3]!.token);
    await expect.poll(() => consoleLines().map((line) => line.text)).toEqual([
      'react-room-token/server: onEvent failed: Error: metrics backend down; answers are not affected',
    ]);
  });

  it('building a handler with an onEvent that is not a function throws, naming it', () => {
    expect(() => createRoomTokenHandler({ apiKey: API_KEY, authorize: allowAll, onEvent: 'log' as never })).toThrow(
      'createRoomTokenHandler: `onEvent` must be a function',
    );
  });
});

describe('what an event never holds', () => {
  // Ids and metadata that look like secrets, and faults of every kind: no event shows any of
  // them, the key, a token minted, or the body sent.
  const secretish = fc.stringMatching(/^[A-Za-z0-9_-]{12,40}$/);
  const scenario = fc.record({
    args: fc.array(fc.record({ user_id: secretish, room_id: secretish, metadata: fc.record({ note: secretish }) }), { minLength: 1, maxLength: 3 }),
    fault: fc.constantFrom<FakeFault | undefined>(undefined, undefined, 'drop', 'html-502', { code: 'invalid_argument', message: `echo ${API_KEY}` }),
    deny: fc.boolean(),
  });

  it('never a token, the key, a user id or a body (200 runs)', async () => {
    let fault: FakeFault | undefined;
    const { fake, url: upstream } = await startFake({ fault: () => fault });
    const events: RoomTokenEvent[] = [];
    let deny = false;
    const url = await serve(
      createRoomTokenHandler({ apiKey: API_KEY, authorize: (asked) => !deny && asked, baseUrl: upstream, onEvent: (event) => void events.push(event) }),
    );

    await fc.assert(
      fc.asyncProperty(scenario, async (run) => {
        ({ fault, deny } = run);
        const before = events.length;
        const body = createBody(...run.args);
        await send(url, { json: body });

        expect(events.length - before).toBe(1);
        const shown = JSON.stringify(events.at(-1));
        const secrets = [API_KEY, JSON.stringify(body), ...run.args.flatMap((arg) => [arg.user_id, arg.room_id, arg.metadata.note]), ...fake.issued.map((issued) => issued.token)];
        for (const secret of secrets) expect(shown).not.toContain(secret);
        expect(Object.keys(events.at(-1)!).every((key) => ['type', 'status', 'code', 'tokens', 'durationMs', 'upstreamMs'].includes(key))).toBe(true);
      }),
      { numRuns: 200 },
    );
    // The faults above are logged once a minute per kind: claimed here, none holds the key (guardTheKey).
    expect(consoleLines().length).toBeLessThanOrEqual(4);
  }, 120_000);
});
