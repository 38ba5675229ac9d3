import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createRoomTokenHandler,
  limitPermissions,
  type AuthorizeContext,
  type AuthorizeTokenRequest,
  type MintContext,
  type Permission,
  type RoomTokenHandler,
  type RoomTokenHandlerOptions,
  type RoomTokenRateLimit,
  type RoomTokenRateLimiter,
  type TokenRequest,
} from '../../src/server';

/* eslint-disable @typescript-eslint/no-explicit-any -- Next.js's route type helpers and next/headers' type, as they are written there */
// What Next.js's generated route types check of an exported `POST`: the first parameter
// takes a Request (or its subclass NextRequest), any second one takes the route context,
// and it returns a Response or a promise of one.
type FirstArg<T> = T extends (...args: [infer A, any]) => any ? (unknown extends A ? any : A) : never;
type SecondArg<T> = T extends (...args: [any, infer B]) => any ? (unknown extends B ? any : B) : never;
declare class NextRequest extends Request {
  nextUrl: URL;
}

describe('createRoomTokenHandler types', () => {
  it('returns a Fetch-API handler with mint', () => {
    const handler = createRoomTokenHandler({ apiKey: 'k', authorize: (request) => request });
    expectTypeOf(handler).toEqualTypeOf<RoomTokenHandler>();
    expectTypeOf(handler).toExtend<(request: Request) => Promise<Response>>();
    expectTypeOf(handler.mint).toEqualTypeOf<(request: TokenRequest, context: MintContext) => Promise<string>>();
  });

  it('can be exported as a Next.js route handler', () => {
    const POST = createRoomTokenHandler({ apiKey: process.env.ROOM_TOKEN_API_KEY, authorize: () => false });
    expectTypeOf(POST).toExtend<(request: NextRequest) => Promise<Response>>();
    expectTypeOf<Request | NextRequest>().toExtend<FirstArg<typeof POST>>();
    expectTypeOf<{ params: Promise<Record<string, string>> }>().toExtend<SecondArg<typeof POST>>();
    expectTypeOf<ReturnType<typeof POST>>().toExtend<Response | Promise<Response>>();
  });

  it('requires authorize, and apiKey named even when the environment may not have it', () => {
    // @ts-expect-error authorize is required
    createRoomTokenHandler({ apiKey: 'k' });
    // @ts-expect-error apiKey must be named
    createRoomTokenHandler({ authorize: () => false });
    // What `process.env.X` gives, without `!`: a missing key is answered at request time.
    createRoomTokenHandler({ apiKey: process.env.ROOM_TOKEN_API_KEY, authorize: () => false });
    expectTypeOf<RoomTokenHandlerOptions['apiKey']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<RoomTokenHandlerOptions['authorize']>().not.toEqualTypeOf<AuthorizeTokenRequest | undefined>();
  });

  it('hands authorize the token request, the headers of who is asking, and the Request where there is one', () => {
    createRoomTokenHandler({
      apiKey: 'k',
      authorize(request, context) {
        expectTypeOf(request).toEqualTypeOf<TokenRequest>();
        expectTypeOf(context).toEqualTypeOf<AuthorizeContext>();
        expectTypeOf(context.headers).toEqualTypeOf<Headers>();
        expectTypeOf(context.request).toEqualTypeOf<Request | undefined>();
        return false;
      },
    });
  });

  it("mints with the headers of a server component, or a loader's Request", async () => {
    const handler = createRoomTokenHandler({ apiKey: 'k', authorize: (request) => request });
    // next/headers' ReadonlyHeaders: a Headers whose mutators are typed away.
    type ReadonlyHeaders = Headers & { append(...args: any[]): void; set(...args: any[]): void; delete(...args: any[]): void };
    const readonlyHeaders = new Headers() as ReadonlyHeaders;
    expectTypeOf(await handler.mint({ roomId: 'r', userId: 'u' }, { headers: readonlyHeaders })).toEqualTypeOf<string>();
    await handler.mint({ roomId: 'r', userId: 'u' }, { request: new Request('http://app.test/') });
    // @ts-expect-error who is asking must be said
    await handler.mint({ roomId: 'r', userId: 'u' }, {});
    // @ts-expect-error the request is checked as on the HTTP path: permission names are exact
    await handler.mint({ roomId: 'r', userId: 'u', permissions: ['permissionChat'] }, { headers: readonlyHeaders });
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
    expectTypeOf(limitPermissions).parameter(0).toEqualTypeOf<readonly Permission[] | undefined>();
    expectTypeOf(limitPermissions(['PermissionChat'], ['PermissionChatMute'])).toEqualTypeOf<Permission[]>();
    const allowed = ['PermissionRoomKick'] as const;
    expectTypeOf(limitPermissions(undefined, allowed)).toEqualTypeOf<Permission[]>();
  });

  it('takes the allowed list as an app has it: strings from a database or a JWT', () => {
    const session = { permissions: JSON.parse('["PermissionChatMute"]') as string[] };
    const claims: { permissions: readonly string[] } = { permissions: ['PermissionRoomKick'] };
    const asked: TokenRequest = { roomId: 'r', userId: 'u', permissions: ['PermissionChat'] };
    expectTypeOf(limitPermissions(asked.permissions, session.permissions)).toEqualTypeOf<Permission[]>();
    expectTypeOf(limitPermissions(asked.permissions, claims.permissions)).toEqualTypeOf<Permission[]>();
  });

  it('refuses misspelled names written in the code', () => {
    // @ts-expect-error wrong case
    limitPermissions(['permissionChat'], []);
    // @ts-expect-error not a permission
    limitPermissions([], ['PermissionFly']);
    // @ts-expect-error one wrongly cased name among good ones
    limitPermissions([], ['PermissionChat', 'permissionroom']);
  });
});
