import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createRoomTokenHandler,
  limitPermissions,
  type AuthorizeContext,
  type AuthorizeTokenRequest,
  type Permission,
  type RoomTokenHandlerOptions,
  type RoomTokenRateLimit,
  type RoomTokenRateLimiter,
  type TokenRequest,
} from '../../src/server';

describe('createRoomTokenHandler types', () => {
  it('returns a Fetch-API handler', () => {
    const handler = createRoomTokenHandler({ apiKey: 'k', authorize: (request) => request });
    expectTypeOf(handler).toEqualTypeOf<(request: Request) => Promise<Response>>();
  });

  it('requires authorize and apiKey', () => {
    // @ts-expect-error authorize is required
    createRoomTokenHandler({ apiKey: 'k' });
    // @ts-expect-error apiKey is required
    createRoomTokenHandler({ authorize: () => false });
    expectTypeOf<RoomTokenHandlerOptions['authorize']>().not.toEqualTypeOf<AuthorizeTokenRequest | undefined>();
  });

  it('hands authorize the token request and the incoming Request', () => {
    createRoomTokenHandler({
      apiKey: 'k',
      authorize(request, context) {
        expectTypeOf(request).toEqualTypeOf<TokenRequest>();
        expectTypeOf(context).toEqualTypeOf<AuthorizeContext>();
        expectTypeOf(context.request).toEqualTypeOf<Request>();
        return false;
      },
    });
  });

  it('lets authorize return a request, false, or a promise of either', () => {
    expectTypeOf<ReturnType<AuthorizeTokenRequest>>().toEqualTypeOf<TokenRequest | false | Promise<TokenRequest | false>>();
    createRoomTokenHandler({ apiKey: 'k', authorize: async (request) => ({ ...request, userId: 'from-session' }) });
    createRoomTokenHandler({ apiKey: 'k', authorize: async (request) => (request.roomId === 'closed' ? false : request) });
    createRoomTokenHandler({ apiKey: 'k', authorize: () => false });
    // @ts-expect-error true is not a decision: return the request to send
    createRoomTokenHandler({ apiKey: 'k', authorize: () => true });
    // @ts-expect-error a forgotten return is not a decision
    createRoomTokenHandler({ apiKey: 'k', authorize: () => undefined });
    // @ts-expect-error metadata values are strings on the wire
    createRoomTokenHandler({ apiKey: 'k', authorize: (r) => ({ ...r, metadata: { mcuStream: true } }) });
    // @ts-expect-error permission names are exact
    createRoomTokenHandler({ apiKey: 'k', authorize: (r) => ({ ...r, permissions: ['permissionChat'] }) });
  });

  it('types the limits as numbers and fetch as fetch', () => {
    expectTypeOf<RoomTokenHandlerOptions['maxBodyBytes']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<RoomTokenHandlerOptions['maxArguments']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<RoomTokenHandlerOptions['fetch']>().toEqualTypeOf<typeof fetch | undefined>();
  });
});

describe('rateLimit types', () => {
  it("takes rate-limiter-flexible's limiters as they are, and any object with the same consume", () => {
    expectTypeOf<RateLimiterMemory>().toExtend<RoomTokenRateLimiter>();
    expectTypeOf<RateLimiterRedis>().toExtend<RoomTokenRateLimiter>();
    const redis = {} as Redis;
    createRoomTokenHandler({
      apiKey: 'k',
      authorize: (r) => r,
      rateLimit: { limiter: new RateLimiterRedis({ storeClient: redis, points: 10, duration: 60, insuranceLimiter: new RateLimiterMemory({ points: 4, duration: 60 }) }) },
    });
    createRoomTokenHandler({ apiKey: 'k', authorize: (r) => r, rateLimit: { limiter: { consume: async () => undefined } } });
    expectTypeOf<RoomTokenHandlerOptions['rateLimit']>().toEqualTypeOf<RoomTokenRateLimit | undefined>();
  });

  it('hands the key function the authorized request and what authorize got, and wants a string', () => {
    const limiter = new RateLimiterMemory({ points: 10, duration: 60 });
    createRoomTokenHandler({
      apiKey: 'k',
      authorize: (r) => r,
      rateLimit: {
        limiter,
        key(request, context) {
          expectTypeOf(request).toEqualTypeOf<TokenRequest>();
          expectTypeOf(context).toEqualTypeOf<AuthorizeContext>();
          return request.roomId;
        },
      },
    });
    // @ts-expect-error a key is a string
    createRoomTokenHandler({ apiKey: 'k', authorize: (r) => r, rateLimit: { limiter, key: () => 42 } });
    // @ts-expect-error 'deny' (the default) or 'allow'
    createRoomTokenHandler({ apiKey: 'k', authorize: (r) => r, rateLimit: { limiter, onLimiterError: 'ignore' } });
    // @ts-expect-error a limiter needs consume(key, points)
    createRoomTokenHandler({ apiKey: 'k', authorize: (r) => r, rateLimit: { limiter: { get: async () => null } } });
  });
});

describe('limitPermissions types', () => {
  it('takes permission lists (the requested one may be missing) and returns a permission list', () => {
    expectTypeOf(limitPermissions).parameters.toEqualTypeOf<[readonly Permission[] | undefined, readonly Permission[]]>();
    expectTypeOf(limitPermissions(['PermissionChat'], ['PermissionChatMute'])).toEqualTypeOf<Permission[]>();
    const allowed = ['PermissionRoomKick'] as const;
    expectTypeOf(limitPermissions(undefined, allowed)).toEqualTypeOf<Permission[]>();
  });

  it('refuses misspelled names', () => {
    // @ts-expect-error wrong case
    limitPermissions(['permissionChat'], []);
    // @ts-expect-error not a permission
    limitPermissions([], ['PermissionFly']);
  });
});
