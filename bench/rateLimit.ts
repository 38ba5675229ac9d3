import Redis from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { createRoomTokenHandler, type RoomTokenRateLimit } from '../src/server';
import { startRedisServer } from '../test/helpers/redisServer';
import { compareUnderLoad, describeComparison, serveAndLoad } from './backend';
import { API_KEY, ratioOf, type GroupResult } from './support';

/** So high that no call is refused: every answer of both sides is a minted token. */
const POINTS = 1_000_000_000;

/** Figure 5: the handler with a RateLimiterRedis on a real Redis against the same handler without a limit. */
export async function benchRateLimit(): Promise<GroupResult> {
  const redisServer = await startRedisServer();
  // The README recipe's client settings.
  const redis = new Redis(redisServer.url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 1000, retryStrategy: () => 500 });
  try {
    await new Promise((resolve, reject) => {
      redis.once('ready', resolve);
      redis.once('error', reject);
    });
    const limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'bench', points: POINTS, duration: 60 });
    const handlerWith = (rateLimit: RoomTokenRateLimit | undefined) => (upstream: string) =>
      createRoomTokenHandler({ apiKey: API_KEY, authorize: (request) => request, baseUrl: upstream, rateLimit });
    const c = await compareUnderLoad(
      'rate limit',
      (durationS) => serveAndLoad(handlerWith({ limiter }), durationS),
      (durationS) => serveAndLoad(handlerWith(undefined), durationS),
    );
    const counted = (await limiter.get('user-backend'))?.consumedPoints ?? 0;
    const target = 0.8;
    return {
      rows: [
        {
          figure: 'Backend throughput with a RateLimiterRedis (requests/s)',
          value: c.subject.rps.toFixed(0),
          baseline: `${c.baseline.rps.toFixed(0)} (the same handler without rateLimit)`,
          ratio: c.throughput,
          target: `≥ ${target}×`,
          met: c.throughput >= target,
        },
        {
          figure: 'Backend p99 latency with a RateLimiterRedis',
          value: `${c.subject.p99.toFixed(1)} ms`,
          baseline: `${c.baseline.p99.toFixed(1)} ms (the same handler without rateLimit)`,
          ratio: ratioOf(c.subject.p99, c.baseline.p99),
          target: '— (reported)',
          met: undefined,
        },
      ],
      notes: [
        `Rate limit: \`createRoomTokenHandler\` with \`rateLimit: { limiter }\`, a \`RateLimiterRedis\` (rate-limiter-flexible, ${POINTS.toExponential()} points per 60 s, so that nothing is refused) on ioredis with the README recipe's settings, against the same handler without \`rateLimit\`; both served with \`serveOnLoopback\` on 127.0.0.1 in front of a fresh in-process fake; the Redis is a \`redis-server\` (Debian's, persistence off) started by the benchmark on a free loopback port and shared by every run, so each limited call makes one Redis round trip (an EVALSHA of rate-limiter-flexible's script). ${describeComparison(c, 'the limited handler', 'the unlimited one')} Redis counted ${counted} points in the last minute's window for the benchmark's one user.`,
      ],
    };
  } finally {
    redis.disconnect();
    await redisServer.stop();
  }
}
