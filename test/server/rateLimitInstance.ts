// One instance of an app's backend, run as its own process by the rate limit tests: the
// handler served on loopback with a RateLimiterRedis on the shared Redis, 10 tokens per user
// per minute. `/deny` answers 503 when the limiter fails (the default); `/allow` has
// `onLimiterError: 'allow'`. The user is the `x-user` header: the tests' stand-in for a
// session. Prints `listening <url>` once Redis is ready and the server listens.
import Redis from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { createRoomTokenHandler, type RoomTokenHandlerOptions } from '../../src/server';
import { serveOnLoopback } from '../../src/testing/serveOnLoopback';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`rateLimitInstance: set ${name}`);
  return value;
};

// The docs recipe's settings (docs/server.md), less `commandTimeout`: a hung Redis is then bounded by the
// handler's own `timeoutMs`, which is what the tests check.
const redis = new Redis(env('REDIS_URL'), { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => 100 });
// Errors reach the limiter's callers; the client's own reports would only be noise here.
redis.on('error', () => undefined);
await new Promise((resolve) => redis.once('ready', resolve));

const limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'room-token', points: 10, duration: 60 });
const options: RoomTokenHandlerOptions = {
  apiKey: env('ROOM_TOKEN_API_KEY'),
  baseUrl: env('ROOM_TOKEN_BASE_URL'),
  timeoutMs: Number(env('TIMEOUT_MS')),
  authorize: (asked, { headers }) => {
    const user = headers.get('x-user');
    return user ? { ...asked, userId: user } : false;
  },
};
const deny = createRoomTokenHandler({ ...options, rateLimit: { limiter } });
const allow = createRoomTokenHandler({ ...options, rateLimit: { limiter, onLimiterError: 'allow' } });

const server = await serveOnLoopback((request) => (new URL(request.url).pathname === '/allow' ? allow : deny)(request));
console.log(`listening ${server.url}`);

process.once('SIGTERM', () => {
  redis.disconnect();
  void server.close().then(() => process.exit(0));
});
