// Tested copy of docs/server.md's block id=server-rate-limit-redis (only the import path differs).
// lib/roomTokenLimit.ts: one limit shared by every instance of your backend
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { RoomTokenRateLimit } from '../../../src/server';

export const redis = new Redis(process.env.REDIS_URL!, {
  enableOfflineQueue: false, // Redis unreachable: fail at once (the insurance limiter decides), never queue
  maxRetriesPerRequest: 0, // the same for commands in flight when the connection drops
  commandTimeout: 1000, // Redis hung: the same after 1 s, well within the handler's timeoutMs
  retryStrategy: () => 500, // reconnect every 500 ms, for ever: Redis counts again within 0.5 s of its return
});
redis.on('error', (error) => console.warn(`room token limit: Redis: ${error.message}`));

export const roomTokenLimit: RoomTokenRateLimit = {
  limiter: new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: 'room-token',
    points: 10, // tokens
    duration: 60, // per user per minute, counted across all instances
    // While Redis cannot answer, each instance counts on its own: 3 instances × 4 ≈ 10.
    insuranceLimiter: new RateLimiterMemory({ keyPrefix: 'room-token', points: 4, duration: 60 }),
  }),
};
