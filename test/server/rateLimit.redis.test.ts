// Abuse control across instances (design.md): three backend instances, each its own Node
// process with the handler and a RateLimiterRedis, share one real redis-server started for
// this file. The upstream is the package's fake, in this process, so its records count every
// token minted whichever instance asked.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeTokenService, type FakeTokenService } from '../../src/testing';
import { startRedisServer, type RedisServer } from '../helpers/redisServer';
import { API_KEY, guardTheKey, send, type Answer } from './support';

guardTheKey();

/** The handler's `timeoutMs` in every instance: the longest it may wait for Redis (or the upstream). */
const TIMEOUT_MS = 5000;
/** Past this a request counts as hung. Generous: the machine is shared and slow. */
const HUNG_MS = 60_000;
const LIMIT = 10;
/** Per test: starting processes and waiting out a hung Redis take a while on a loaded machine. */
const TEST_MS = 4 * HUNG_MS;

interface Instance {
  url: string;
  /** Everything the process wrote to stderr so far: the handler's log lines. */
  stderr(): string;
  child: ChildProcess;
}

async function startInstance(redisUrl: string, upstream: string): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./rateLimitInstance.ts', import.meta.url))], {
    env: { ...process.env, REDIS_URL: redisUrl, ROOM_TOKEN_API_KEY: API_KEY, ROOM_TOKEN_BASE_URL: upstream, TIMEOUT_MS: String(TIMEOUT_MS) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`an instance did not start within ${HUNG_MS} ms: ${err}`)), HUNG_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`an instance exited (code ${code}) before listening: ${err}`));
    });
  });
  return { url, stderr: () => err, child };
}

async function stopInstance({ child }: Instance): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Polls `check` until it holds, for at most `HUNG_MS`. */
async function eventually(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + HUNG_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${HUNG_MS} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let redis: RedisServer;
let fake: FakeTokenService;
let closeFake: () => Promise<void>;
let instances: Instance[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  fake = createFakeTokenService({ apiKey: API_KEY });
  const server = await fake.listen();
  closeFake = server.close;
  instances = await Promise.all([1, 2, 3].map(() => startInstance(redis.url, server.url)));
}, 3 * HUNG_MS);

afterAll(async () => {
  await Promise.all(instances.map(stopInstance));
  for (const instance of instances) expect(instance.stderr()).not.toContain(API_KEY);
  await closeFake?.();
  await redis?.stop();
});

let users = 0;
/** A user id no test has used: a fresh allowance. */
const freshUser = (name: string) => `${name}-${++users}`;

/**
 * One call for `tokens` tokens by `user` (the instance's stand-in session), on instance `i`
 * modulo three. The body names another user: the limit counts the user authorize returns.
 */
async function ask(i: number, user: string, { tokens = 1, path = '/deny' } = {}): Promise<Answer> {
  const args = Array.from({ length: tokens }, (_, n) => ({ user_id: 'someone-else', room_id: `room-${n}` }));
  const sent = performance.now();
  const answer = await send(`${instances[i % instances.length]!.url}${path}`, {
    json: { arguments: args },
    headers: { 'x-user': user },
    signal: AbortSignal.timeout(HUNG_MS),
  });
  latency.set(answer, performance.now() - sent);
  return answer;
}

/** How long each answer took: reported (as a test annotation), never asserted. */
const latency = new WeakMap<Answer, number>();
const slowest = (answers: Answer[]) => `slowest answer ${Math.max(...answers.map((a) => latency.get(a)!)).toFixed(0)} ms (timeoutMs ${TIMEOUT_MS})`;

const minted = (user: string) => fake.issued.filter((issued) => issued.request.userId === user).length;
const statuses = (answers: Answer[]) => answers.map((a) => a.status).sort();
const count = (text: string, line: RegExp) => text.split('\n').filter((l) => line.test(l)).length;
const logLines = (line: RegExp) => instances.reduce((n, instance) => n + count(instance.stderr(), line), 0);

function expectOverTheLimit(answer: Answer): void {
  expect(answer.status).toBe(429);
  expect(answer.body).toMatchObject({ code: 'resource_exhausted' });
  // Whole seconds until the minute's window ends.
  expect(answer.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
  expect(Number(answer.headers.get('retry-after'))).toBeLessThanOrEqual(60);
}

describe('given three instances with a limit of 10 tokens per user per minute on one Redis', () => {
  it('mints exactly 10 tokens for 200 concurrent requests of one user spread over the three; the rest are 429 with Retry-After, and another user is unaffected', async () => {
    const greedy = freshUser('greedy');
    const other = freshUser('other');
    const callsBefore = fake.calls.length;

    const [greedyAnswers, otherAnswers] = await Promise.all([
      Promise.all(Array.from({ length: 200 }, (_, i) => ask(i, greedy))),
      Promise.all(Array.from({ length: LIMIT }, (_, i) => ask(i, other))),
    ]);

    expect(minted(greedy)).toBe(LIMIT);
    expect(greedyAnswers.filter((a) => a.status === 200)).toHaveLength(LIMIT);
    const refused = greedyAnswers.filter((a) => a.status !== 200);
    expect(refused).toHaveLength(200 - LIMIT);
    refused.forEach(expectOverTheLimit);
    expect(statuses(otherAnswers)).toEqual(Array(LIMIT).fill(200));
    expect(minted(other)).toBe(LIMIT);
    // A refused call reaches no upstream.
    expect(fake.calls.length - callsBefore).toBe(2 * LIMIT);
    // Being over the limit is the caller's doing, not a fault of the server: no log line.
    expect(logLines(/react-room-token/)).toBe(0);
  }, TEST_MS);

  it('refuses a call for 4 tokens when 3 points are left, and mints none of them', async () => {
    const user = freshUser('batch');
    const first = await Promise.all(Array.from({ length: LIMIT - 3 }, (_, i) => ask(i, user)));
    expect(statuses(first)).toEqual(Array(LIMIT - 3).fill(200));
    const callsBefore = fake.calls.length;

    expectOverTheLimit(await ask(0, user, { tokens: 4 }));

    expect(fake.calls.length).toBe(callsBefore);
    expect(minted(user)).toBe(LIMIT - 3);
  }, TEST_MS);

  it('answers 503 (or 200 with onLimiterError allow) within timeoutMs while Redis hangs, and limits again once it answers', async ({ annotate }) => {
    const logsBefore = logLines(/the rate limiter failed/);
    redis.pause();
    let hung: Answer[];
    let allowed: Answer[];
    try {
      [hung, allowed] = await Promise.all([
        Promise.all([0, 1, 2, 3, 4, 5].map((i) => ask(i, freshUser('hung')))),
        Promise.all([0, 1, 2, 3, 4, 5].map((i) => ask(i, freshUser('hung-allowed'), { path: '/allow' }))),
      ]);
    } finally {
      redis.resume();
    }
    // The handler gave up on Redis itself (its log says after how long); the caller did not.
    expect(statuses(hung)).toEqual(Array(6).fill(503));
    for (const answer of hung) expect(answer.body).toMatchObject({ code: 'unavailable' });
    expect(statuses(allowed)).toEqual(Array(6).fill(200));
    await annotate(`Redis hung: ${slowest([...hung, ...allowed])}`);
    await eventually('one log line per call', () => logLines(/the rate limiter failed/) - logsBefore === 12);
    expect(logLines(new RegExp(`failed \\(RoomTokenError: no answer within ${TIMEOUT_MS} ms\\): answered 503`))).toBe(6);
    expect(logLines(/no answer within \d+ ms\): going on unlimited \(onLimiterError: 'allow'\)/)).toBe(6);

    const user = freshUser('after-hang');
    const answers = await Promise.all(Array.from({ length: LIMIT + 2 }, (_, i) => ask(i, user)));
    expect(statuses(answers)).toEqual([...Array(LIMIT).fill(200), 429, 429]);
    expect(minted(user)).toBe(LIMIT);
  }, TEST_MS);

  it('answers 503 (or 200 with onLimiterError allow), never 500, when Redis stops mid-run, and limits again once it is back', async ({ annotate }) => {
    type Phase = 'up' | 'stopping' | 'down';
    let phase: Phase = 'up';
    let running = true;
    const seen: { path: string; phase: Phase; answer: Answer }[] = [];
    // Waves of calls of fresh users on both paths of all three instances, until told to stop.
    const load = (async () => {
      while (running) {
        const sentIn = phase;
        await Promise.all(
          [0, 1, 2].flatMap((i) =>
            ['/deny', '/allow'].map(async (path) => {
              const answer = await ask(i, freshUser('mid-run'), { path });
              // 'up' only for a call that was over before Redis began to stop.
              seen.push({ path, phase: sentIn === 'up' && phase !== 'up' ? 'stopping' : sentIn, answer });
            }),
          ),
        );
      }
    })();
    const deniedLogsBefore = logLines(/answered 503/);
    const allowedLogsBefore = logLines(/going on unlimited/);
    try {
      await eventually('calls answered with Redis up', () => seen.filter((s) => s.phase === 'up').length >= 24);
      phase = 'stopping';
      await redis.stop();
      phase = 'down';
      await eventually('calls answered with Redis down', () => seen.filter((s) => s.phase === 'down').length >= 24);
    } finally {
      running = false;
      await load;
    }

    const answersTo = (path: string, phase?: Phase) => seen.filter((s) => s.path === path && (phase === undefined || s.phase === phase)).map((s) => s.answer);
    // Documented answers only, whenever the call came.
    for (const answer of answersTo('/deny')) expect([200, 503]).toContain(answer.status);
    for (const answer of answersTo('/allow')) expect(answer.status).toBe(200);
    expect(statuses(answersTo('/deny', 'up'))).toEqual(answersTo('/deny', 'up').map(() => 200));
    expect(statuses(answersTo('/deny', 'down'))).toEqual(answersTo('/deny', 'down').map(() => 503));
    await annotate(`Redis stopped: ${seen.length} calls (${seen.filter((s) => s.phase === 'down').length} after it stopped), ${slowest(seen.map((s) => s.answer))}`);
    // One log line per call that met the failed limiter.
    const denied = answersTo('/deny').filter((a) => a.status === 503).length;
    await eventually('a log line for every 503', () => logLines(/answered 503/) - deniedLogsBefore === denied);
    const allowedDown = answersTo('/allow', 'down').length;
    await eventually('a log line for every call let through', () => logLines(/going on unlimited/) - allowedLogsBefore >= allowedDown);
    expect(logLines(/going on unlimited/) - allowedLogsBefore).toBeLessThanOrEqual(answersTo('/allow').length);

    await redis.restart();
    // The instances reconnect on their own (every 100 ms); each answers a fresh user again.
    for (const i of [0, 1, 2]) await eventually(`instance ${i} limits again`, async () => (await ask(i, freshUser('probe'))).status === 200);
    const user = freshUser('after-restart');
    const answers = await Promise.all(Array.from({ length: LIMIT + 5 }, (_, i) => ask(i, user)));
    expect(statuses(answers)).toEqual([...Array(LIMIT).fill(200), ...Array(5).fill(429)]);
    expect(minted(user)).toBe(LIMIT);
  }, TEST_MS);
});
