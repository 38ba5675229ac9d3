// Issue 19, item 3: points are for tokens minted. An upstream outage gives the points of the
// failed calls back (the limiter's `reward`, rate-limiter-flexible's contract), so a user
// whose calls met an outage is not refused for the rest of the window with nothing minted.
// With RateLimiterMemory and with RateLimiterRedis on a redis-server of our own.
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorizeTokenRequest, RoomTokenRateLimiter } from '../../src/server';
import { rejection } from '../helpers/fakeServer';
import { startRedisServer, type RedisServer } from '../helpers/redisServer';
import { consoleLines, createBody, expectConnectError, guardTheKey, send, startHandler } from './support';

guardTheKey();

const asSessionUser: AuthorizeTokenRequest = (asked) => ({ ...asked, userId: 'session-user' });
const BODY = createBody({ user_id: 'u', room_id: 'room-1' });

let redis: RedisServer;
let client: Redis;
beforeAll(async () => {
  redis = await startRedisServer();
  client = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  await new Promise((resolve) => client.once('ready', resolve));
}, 60_000);
afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
});

let prefix = 0;
const stores: [string, (points: number) => RateLimiterAbstract][] = [
  ['RateLimiterMemory', (points) => new RateLimiterMemory({ points, duration: 60 })],
  ['RateLimiterRedis', (points) => new RateLimiterRedis({ storeClient: client, keyPrefix: `reward-${++prefix}`, points, duration: 60 })],
];

const consumed = async (limiter: RateLimiterAbstract, key: string) => (await limiter.get(key))?.consumedPoints ?? 0;

/** The failing upstream's log lines (one per kind a minute: upstreamLog.test.ts), claimed by their kinds. */
const faultKinds = () => consoleLines().map((line) => /the token service failed \((\w+)/.exec(line.text)?.[1]);

describe.each(stores)('given a limit of 3 tokens per user per minute in %s', (_name, makeLimiter) => {
  it('three calls that meet an outage cost no points: the fourth, after it, mints', async () => {
    const limiter = makeLimiter(3);
    const { url, fake } = await startHandler(
      { authorize: asSessionUser, rateLimit: { limiter } },
      { fault: (_call, i) => (i < 3 ? { code: 'unavailable', message: 'down' } : undefined) },
    );

    for (let i = 0; i < 3; i++) expectConnectError(await send(url, { json: BODY }), 503, 'unavailable');
    expect(await consumed(limiter, 'session-user')).toBe(0);
    expect(faultKinds()).toEqual(['server_error']);

    expect((await send(url, { json: BODY })).status).toBe(200);
    expect(fake.issued).toHaveLength(1);
    expect(await consumed(limiter, 'session-user')).toBe(1);
  });

  it('a call that times out, or is refused as invalid upstream, gives its points back; one that mints keeps them', async () => {
    const limiter = makeLimiter(3);
    const faults = ['hang', { code: 'invalid_argument', message: 'no' }, undefined] as const;
    const { url } = await startHandler({ authorize: asSessionUser, rateLimit: { limiter }, timeoutMs: 100 }, { fault: (_call, i) => faults[i] });

    expectConnectError(await send(url, { json: BODY }), 504, 'deadline_exceeded');
    expectConnectError(await send(url, { json: BODY }), 400, 'invalid_argument');
    expect(await consumed(limiter, 'session-user')).toBe(0);
    expect(faultKinds()).toEqual(['timeout']);
    expect((await send(url, { json: createBody({ user_id: 'u', room_id: 'a' }, { user_id: 'u', room_id: 'b' }) })).status).toBe(200);
    expect(await consumed(limiter, 'session-user')).toBe(2);
  });

  it('mint gives the points back when the upstream fails', async () => {
    const limiter = makeLimiter(1);
    const { handler } = await startHandler({ authorize: asSessionUser, rateLimit: { limiter } }, { fault: (_call, i) => (i === 0 ? 'drop' : undefined) });

    expect((await rejection(handler.mint({ roomId: 'room-1', userId: 'u' }, { headers: new Headers() }))).code).toBe('unavailable');
    expect(await consumed(limiter, 'session-user')).toBe(0);
    expect(faultKinds()).toEqual(['unreachable']);
    await expect(handler.mint({ roomId: 'room-1', userId: 'u' }, { headers: new Headers() })).resolves.toMatch(/./);
  });
});

describe('given a limiter of the app own', () => {
  it('without reward, a failed call keeps its points (nothing to call)', async () => {
    let points = 0;
    const limiter: RoomTokenRateLimiter = { consume: async (_key, n) => void (points += n) };
    const { url } = await startHandler({ rateLimit: { limiter } }, { fault: { code: 'unavailable', message: 'down' } });

    expectConnectError(await send(url, { json: BODY }), 503, 'unavailable');
    expect(points).toBe(1);
    expect(faultKinds()).toEqual(['server_error']);
  });

  it('whose reward fails: the answer is the same, and one line says the points were not given back', async () => {
    const limiter: RoomTokenRateLimiter = { consume: async () => undefined, reward: () => Promise.reject(new Error('store down')) };
    const { url } = await startHandler({ rateLimit: { limiter } }, { fault: { code: 'unavailable', message: 'down' } });

    expectConnectError(await send(url, { json: BODY }), 503, 'unavailable');
    expect(consoleLines().map((line) => line.text)).toEqual([
      expect.stringContaining('the token service failed (server_error: '),
      'react-room-token/server: the rate limiter could not give back the points of tokens not minted (Error: store down)',
    ]);
  });
});
