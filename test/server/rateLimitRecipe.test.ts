// docs/server.md's rate limit recipe, run as documented against a real redis-server of this
// file's own: Redis counts while it answers; rate-limiter-flexible's insuranceLimiter (a
// RateLimiterMemory) counts while it is stopped or hung, so callers keep getting 200 or 429,
// never 503; Redis counts again once it is back.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRoomTokenHandler } from '../../src/server';
import { createFakeTokenService, type FakeTokenService } from '../../src/testing';
import { serveOnLoopback } from '../../src/testing/serveOnLoopback';
import { startRedisServer, type RedisServer } from '../helpers/redisServer';
import { expectDocumented } from '../docs/documented';
import { API_KEY, send } from './support';

/** Generous bounds: the machine is shared and slow. */
const WITHIN_MS = 60_000;

let redisServer: RedisServer;
let fake: FakeTokenService;
let recipe: typeof import('./recipes/rateLimitRedis');
let url: string;
const closers: (() => Promise<unknown>)[] = [];
/** What the recipe's Redis error listener printed: one line per failed (re)connection. */
const warnings: string[] = [];

beforeAll(async () => {
  redisServer = await startRedisServer();
  closers.push(() => redisServer.stop());
  fake = createFakeTokenService({ apiKey: API_KEY });
  const upstream = await fake.listen();
  closers.push(upstream.close);
  vi.spyOn(console, 'warn').mockImplementation((line: string) => void warnings.push(line));
  vi.stubEnv('REDIS_URL', redisServer.url);
  recipe = await import('./recipes/rateLimitRedis');
  vi.unstubAllEnvs();
  closers.push(async () => recipe.redis.disconnect());
  await eventually('the recipe connected to Redis', () => recipe.redis.status === 'ready');
  const handler = createRoomTokenHandler({
    apiKey: API_KEY,
    baseUrl: upstream.url,
    // The signed-in user, from the tests' stand-in for a session.
    authorize: (asked, { headers }) => ({ ...asked, userId: headers.get('x-user')! }),
    rateLimit: recipe.roomTokenLimit,
  });
  const server = await serveOnLoopback(handler);
  closers.push(server.close);
  url = server.url;
}, 2 * WITHIN_MS);

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  vi.restoreAllMocks();
  for (const line of warnings) expect(line).not.toContain(API_KEY);
});

async function eventually(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + WITHIN_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${WITHIN_MS} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let users = 0;
/** The statuses of `calls` concurrent one-token calls of a user no test has used. */
async function callsOfAFreshUser(calls: number): Promise<number[]> {
  const user = `user-${++users}`;
  const answers = await Promise.all(
    Array.from({ length: calls }, () => send(url, { json: { arguments: [{ user_id: user, room_id: 'room-1' }] }, headers: { 'x-user': user } })),
  );
  return answers.map((answer) => answer.status).sort();
}

const times = (n: number, status: number) => Array<number>(n).fill(status);

describe('the docs rate limit recipe (RateLimiterRedis with a RateLimiterMemory insurance)', () => {
  it('is documented exactly as tested', () => {
    expectDocumented('server-rate-limit-redis', 'test/server/recipes/rateLimitRedis.ts');
  });

  it('counts 10 tokens per user in Redis', async () => {
    expect(await callsOfAFreshUser(12)).toEqual([...times(10, 200), ...times(2, 429)]);
  });

  it("counts with the insurance limiter's 4 per user while Redis is stopped, then in Redis again once it is back", async () => {
    await redisServer.stop();
    await eventually('the recipe saw Redis go', () => recipe.redis.status !== 'ready');
    expect(await callsOfAFreshUser(6)).toEqual([...times(4, 200), ...times(2, 429)]);

    await redisServer.restart();
    await eventually('the recipe reconnected', () => recipe.redis.status === 'ready');
    expect(await callsOfAFreshUser(12)).toEqual([...times(10, 200), ...times(2, 429)]);
  }, 3 * WITHIN_MS);

  it('counts with the insurance limiter while Redis hangs (after commandTimeout)', async () => {
    redisServer.pause();
    try {
      expect(await callsOfAFreshUser(6)).toEqual([...times(4, 200), ...times(2, 429)]);
    } finally {
      redisServer.resume();
    }
  }, 2 * WITHIN_MS);
});
