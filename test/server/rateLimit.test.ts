// The handler's `rateLimit` option with rate-limiter-flexible's in-process RateLimiterMemory
// (and, where a rejection must be exact, a limiter of the app's own with the same contract),
// over loopback HTTP against the package's fake upstream. Redis: rateLimit.redis.test.ts.
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { describe, expect, it } from 'vitest';
import { createRoomTokenHandler, type AuthorizeTokenRequest, type RoomTokenRateLimit, type RoomTokenRateLimiter } from '../../src/server';
import { rejection } from '../helpers/fakeServer';
import { API_KEY, allowAll, consoleLines, createBody, expectConnectError, guardTheKey, send, startHandler, type Answer } from './support';

guardTheKey();

/** The signed-in user, whoever the body names: what a real policy does. */
const asSessionUser: AuthorizeTokenRequest = (asked) => ({ ...asked, userId: 'session-user' });

const arg = (user: string, room = 'room-1') => ({ user_id: user, room_id: room });

/** Tokens a limiter has counted for `key` in its current window. */
async function consumed(limiter: RateLimiterMemory, key: string): Promise<number> {
  return (await limiter.get(key))?.consumedPoints ?? 0;
}

function expectOverTheLimit(answer: Answer): void {
  expectConnectError(answer, 429, 'resource_exhausted');
  expect(answer.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
  expect(Number(answer.headers.get('retry-after'))).toBeLessThanOrEqual(60);
}

/** A limiter of the app's own whose every consume settles as `settle` says. */
const ownLimiter = (settle: () => Promise<unknown>): RoomTokenRateLimiter => ({ consume: settle });

describe('given a limit of 3 tokens per user per minute', () => {
  it('mints 3 tokens for a user, then answers 429 resource_exhausted with Retry-After and calls no upstream', async () => {
    const limiter = new RateLimiterMemory({ points: 3, duration: 60 });
    const { url, fake } = await startHandler({ authorize: asSessionUser, rateLimit: { limiter } });
    for (let i = 0; i < 3; i++) expect((await send(url, { json: createBody(arg('u')) })).status).toBe(200);

    expectOverTheLimit(await send(url, { json: createBody(arg('u')) }));
    expect(fake.calls).toHaveLength(3);
    expect(consoleLines()).toEqual([]);
  });

  it("given a window that never ends (duration 0: rate-limiter-flexible's msBeforeNext -1), still refuses past the limit", async () => {
    const limiter = new RateLimiterMemory({ points: 2, duration: 0 });
    const { url, fake } = await startHandler({ authorize: asSessionUser, rateLimit: { limiter } });
    for (let i = 0; i < 2; i++) expect((await send(url, { json: createBody(arg('u')) })).status).toBe(200);

    for (let i = 0; i < 3; i++) expectOverTheLimit(await send(url, { json: createBody(arg('u')) }));
    expect(fake.calls).toHaveLength(2);
  });

  it('counts each token of a call, under the user id authorize returned, not the one the caller named', async () => {
    const limiter = new RateLimiterMemory({ points: 3, duration: 60 });
    const { url, fake } = await startHandler({ authorize: asSessionUser, rateLimit: { limiter } });
    expect((await send(url, { json: createBody(arg('a'), arg('b', 'room-2')) })).status).toBe(200);
    expect(await consumed(limiter, 'session-user')).toBe(2);
    expect(await consumed(limiter, 'a')).toBe(0);

    // Two more tokens do not fit in the one point left: the call mints neither.
    expectOverTheLimit(await send(url, { json: createBody(arg('c'), arg('d')) }));
    expect(fake.issued).toHaveLength(2);
  });

  it('counts nothing for a call that authorize denies or that is invalid', async () => {
    const limiter = new RateLimiterMemory({ points: 3, duration: 60 });
    const { url } = await startHandler({ authorize: (asked) => (asked.roomId === 'closed' ? false : asked), rateLimit: { limiter } });
    expectConnectError(await send(url, { json: createBody(arg('u', 'closed')) }), 403, 'permission_denied');
    expectConnectError(await send(url, { json: createBody({ user_id: 'u', room_id: '' }) }), 400, 'invalid_argument');
    expect(await consumed(limiter, 'u')).toBe(0);
  });

  it('counts a batch for several users per user, and mints none of it when one of them is over', async () => {
    const limiter = new RateLimiterMemory({ points: 3, duration: 60 });
    const { url, fake } = await startHandler({ authorize: allowAll, rateLimit: { limiter } });
    expect((await send(url, { json: createBody(arg('x'), arg('x', 'room-2'), arg('x', 'room-3')) })).status).toBe(200);

    expectOverTheLimit(await send(url, { json: createBody(arg('y'), arg('x')) }));
    expect(fake.issued.map((issued) => issued.request.userId)).toEqual(['x', 'x', 'x']);
    // y's point was counted, then given back: points are for tokens minted (issue 19, item 3).
    expect(await consumed(limiter, 'y')).toBe(0);
  });

  it('counts under the key the app chooses', async () => {
    const limiter = new RateLimiterMemory({ points: 1, duration: 60 });
    const { url } = await startHandler({ authorize: asSessionUser, rateLimit: { limiter, key: (request) => `${request.userId}@${request.roomId}` } });
    expect((await send(url, { json: createBody(arg('u', 'room-1')) })).status).toBe(200);
    expect((await send(url, { json: createBody(arg('u', 'room-2')) })).status).toBe(200);
    expectOverTheLimit(await send(url, { json: createBody(arg('u', 'room-1')) }));
    expect(await consumed(limiter, 'session-user@room-2')).toBe(1);
  });

  it('hands the key function what authorize got: the incoming headers', async () => {
    const limiter = new RateLimiterMemory({ points: 1, duration: 60 });
    const key: RoomTokenRateLimit['key'] = (_request, { headers }) => headers.get('x-tenant') ?? 'none';
    const { url } = await startHandler({ rateLimit: { limiter, key } });
    expect((await send(url, { json: createBody(arg('u')), headers: { 'x-tenant': 'acme' } })).status).toBe(200);
    expect(await consumed(limiter, 'acme')).toBe(1);
  });
});

describe('given a limiter that says how long to wait', () => {
  it.each([
    [1, '1'],
    [999, '1'],
    [1000, '1'],
    [1001, '2'],
    [59_999.5, '60'],
    [0, '1'],
    [-1, '1'],
  ])('answers msBeforeNext %s with Retry-After %s: whole seconds, rounded up, at least 1', async (msBeforeNext, retryAfter) => {
    const limiter = ownLimiter(() => Promise.reject({ msBeforeNext, remainingPoints: 0 }));
    const { url, fake } = await startHandler({ rateLimit: { limiter } });
    const answer = await send(url, { json: createBody(arg('u')) });
    expectConnectError(answer, 429, 'resource_exhausted');
    expect(answer.headers.get('retry-after')).toBe(retryAfter);
    expect(fake.calls).toHaveLength(0);
  });

  it('answers the longest wait when several users are over', async () => {
    const waits: Record<string, number> = { a: 2000, b: 9000, c: 1 };
    const limiter: RoomTokenRateLimiter = { consume: (key) => Promise.reject({ msBeforeNext: waits[key] }) };
    const { url } = await startHandler({ rateLimit: { limiter } });
    const answer = await send(url, { json: createBody(arg('a'), arg('b'), arg('c')) });
    expect(answer.headers.get('retry-after')).toBe('9');
  });
});

describe('given a limiter that fails', () => {
  const storeDown = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'));

  it('answers 503 unavailable, calls no upstream, and logs one line saying why', async () => {
    const { url, fake } = await startHandler({ authorize: asSessionUser, rateLimit: { limiter: ownLimiter(storeDown) } });
    expectConnectError(await send(url, { json: createBody(arg('u')) }), 503, 'unavailable');
    expect(fake.calls).toHaveLength(0);
    const lines = consoleLines();
    expect(lines).toEqual([
      { method: 'error', text: 'react-room-token/server: the rate limiter failed (Error: connect ECONNREFUSED 127.0.0.1:6379): answered 503' },
    ]);
  });

  it("with onLimiterError 'allow', mints the tokens and logs one line", async () => {
    const { url, fake } = await startHandler({ rateLimit: { limiter: ownLimiter(storeDown), onLimiterError: 'allow' } });
    const answer = await send(url, { json: createBody(arg('u'), arg('v')) });
    expect(answer.status).toBe(200);
    expect(fake.issued).toHaveLength(2);
    expect(consoleLines()).toEqual([
      {
        method: 'error',
        text: "react-room-token/server: the rate limiter failed (Error: connect ECONNREFUSED 127.0.0.1:6379): going on unlimited (onLimiterError: 'allow')",
      },
    ]);
  });

  it.each([
    ['throws instead of rejecting', () => {
      throw new TypeError('not configured');
    }],
    ['rejects with a string', () => Promise.reject('down')],
    ['rejects with an object that is not a wait', () => Promise.reject({ msBeforeNext: 'soon' })],
    ['rejects with an Error that carries msBeforeNext', () => Promise.reject(Object.assign(new Error('down'), { msBeforeNext: 10 }))],
  ])('counts a limiter that %s as failed: 503', async (_name, consume) => {
    const { url, fake } = await startHandler({ rateLimit: { limiter: { consume } } });
    expectConnectError(await send(url, { json: createBody(arg('u')) }), 503, 'unavailable');
    expect(fake.calls).toHaveLength(0);
    expect(consoleLines()).toHaveLength(1);
  });

  it('waits for a limiter that never answers only timeoutMs, then answers 503', async () => {
    const { url, fake } = await startHandler({ timeoutMs: 200, rateLimit: { limiter: ownLimiter(() => new Promise(() => undefined)) } });
    expectConnectError(await send(url, { json: createBody(arg('u')) }), 503, 'unavailable');
    expect(fake.calls).toHaveLength(0);
    expect(consoleLines().map((line) => line.text)).toEqual([
      'react-room-token/server: the rate limiter failed (RoomTokenError: no answer within 200 ms): answered 503',
    ]);
  });

  it("lets a call through a limiter that never answers with 'allow', after timeoutMs", async () => {
    const hung = ownLimiter(() => new Promise(() => undefined));
    const { url, fake } = await startHandler({ timeoutMs: 200, rateLimit: { limiter: hung, onLimiterError: 'allow' } });
    expect((await send(url, { json: createBody(arg('u')) })).status).toBe(200);
    expect(fake.issued).toHaveLength(1);
    expect(consoleLines()).toHaveLength(1);
  });

  it('answers 429 when one user is over even if another user’s count failed', async () => {
    const limiter: RoomTokenRateLimiter = {
      consume: (key) => Promise.reject(key === 'over' ? { msBeforeNext: 5000 } : new Error('down')),
    };
    const { url } = await startHandler({ rateLimit: { limiter, onLimiterError: 'allow' } });
    expectOverTheLimit(await send(url, { json: createBody(arg('fails'), arg('over')) }));
    expect(consoleLines()).toEqual([]);
  });

  it('never logs the API key, whatever the limiter says', async () => {
    const { url } = await startHandler({ rateLimit: { limiter: ownLimiter(() => Promise.reject(new Error(`auth ${API_KEY} refused`))) } });
    await send(url, { json: createBody(arg('u')) });
    expect(consoleLines().map((line) => line.text)).toEqual([
      'react-room-token/server: the rate limiter failed (Error: auth [redacted] refused): answered 503',
    ]);
  });
});

describe('given a key function that is at fault', () => {
  it.each([
    ['throws', () => {
      throw new Error('no tenant');
    }, 'Error: no tenant'],
    ['returns an empty string', () => '', 'TypeError: not a non-empty string'],
    ['returns a number', () => 42 as unknown as string, 'TypeError: not a non-empty string'],
  ])('answers 500 internal when it %s, counts and mints nothing, and logs why without the user', async (_name, key, why) => {
    const limiter = new RateLimiterMemory({ points: 3, duration: 60 });
    const { url, fake } = await startHandler({ authorize: asSessionUser, rateLimit: { limiter, key } });
    expectConnectError(await send(url, { json: createBody(arg('u')) }), 500, 'internal');
    expect(fake.calls).toHaveLength(0);
    const lines = consoleLines().map((line) => line.text);
    expect(lines).toEqual([`react-room-token/server: rateLimit.key failed: ${why}`]);
    expect(lines[0]).not.toContain('session-user');
  });
});

describe('given a rateLimit option that cannot work', () => {
  const limiter = new RateLimiterMemory({ points: 3, duration: 60 });
  it.each([
    ['null', null],
    ['no limiter', {}],
    ['a limiter without consume', { limiter: { get: () => Promise.resolve() } }],
    ['a key that is not a function', { limiter, key: 'userId' }],
    ['an unknown onLimiterError', { limiter, onLimiterError: 'block' }],
    ['an onLimiterError that only reads like one', { limiter, onLimiterError: ['allow'] }],
  ])('refuses %s when the handler is built, naming rateLimit', (_name, rateLimit) => {
    expect(() => createRoomTokenHandler({ apiKey: API_KEY, authorize: allowAll, rateLimit: rateLimit as unknown as RoomTokenRateLimit })).toThrow(
      /createRoomTokenHandler: `rateLimit`/,
    );
  });
});

describe('handler.mint under a limit', () => {
  it('counts against the same limit as HTTP calls: over it, rejects resource_exhausted with retryAfterMs, and calls no upstream', async () => {
    const limiter = new RateLimiterMemory({ points: 2, duration: 60 });
    const { url, fake, handler } = await startHandler({ authorize: asSessionUser, rateLimit: { limiter } });
    expect((await send(url, { json: createBody(arg('u')) })).status).toBe(200);
    expect(await handler.mint({ roomId: 'room-1', userId: 'u' }, { headers: new Headers() })).toBe(fake.issued[1]!.token);

    const error = await rejection(handler.mint({ roomId: 'room-1', userId: 'u' }, { headers: new Headers() }));
    expect(error).toMatchObject({ code: 'resource_exhausted', status: 429, retryable: true });
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
    expectOverTheLimit(await send(url, { json: createBody(arg('u')) }));
    expect(fake.calls).toHaveLength(2);
  });
});
