// Issue 22, item 3: `handler.mintMany(requests, context)` mints a page's tokens in one Create
// call (split only above `maxArguments`), each request through `authorize` and the rate limit
// as on the HTTP path, and rejects as a whole with the HTTP path's error when any is refused.
// Over loopback, against the package's fake upstream.
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { describe, expect, it } from 'vitest';
import type { AuthorizeContext, TokenRequest } from '../../src/server';
import { rejection } from '../helpers/fakeServer';
import { consoleLines, createBody, guardTheKey, send, startHandler } from './support';

guardTheKey();

const page = (count: number, userId = 'viewer'): TokenRequest[] =>
  Array.from({ length: count }, (_, i) => ({ roomId: `room-${i}`, userId, metadata: { mcuStream: 'true' }, permissions: ['PermissionChat'] }));
const wire = ({ roomId, userId }: TokenRequest) => ({ room_id: roomId, user_id: userId, metadata: { mcuStream: 'true' }, permissions: ['PermissionChat'] });
const issuedFor = (fake: Awaited<ReturnType<typeof startHandler>>['fake'], roomId: string) => fake.issued.find((issued) => issued.request.roomId === roomId)!.token;

describe('handler.mintMany', () => {
  it('mints 20 tokens in one Create call, in request order, each request through authorize with the context given', async () => {
    const seen: [string, AuthorizeContext][] = [];
    const { handler, fake } = await startHandler({ maxArguments: 20, authorize: (asked, context) => (seen.push([asked.roomId, context]), asked) });
    const requests = page(20);
    const headers = new Headers({ cookie: 'session=viewer' });

    const tokens = await handler.mintMany(requests, { headers });

    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.body).toEqual(createBody(...requests.map(wire)));
    expect(tokens).toEqual(requests.map((request) => issuedFor(fake, request.roomId)));
    expect(new Set(tokens).size).toBe(20);
    expect(seen).toEqual(requests.map((request) => [request.roomId, { headers, request: undefined }]));
  });

  it('splits only above maxArguments: 5 requests with maxArguments 2 are 3 calls (2, 2, 1), tokens in order', async () => {
    const { handler, fake } = await startHandler({ maxArguments: 2 });
    const requests = page(5);

    const tokens = await handler.mintMany(requests, { headers: new Headers() });

    expect(fake.calls.map((call) => (call.body as { arguments: unknown[] }).arguments.length)).toEqual([2, 2, 1]);
    expect(tokens).toEqual(requests.map((request) => issuedFor(fake, request.roomId)));
  });

  it('rejects as a whole with the HTTP path\'s permission_denied (403) when authorize refuses one, and sends nothing', async () => {
    const { handler, fake, url } = await startHandler({ authorize: (asked) => asked.roomId !== 'room-2' && asked });
    const requests = page(4);

    const error = await rejection(handler.mintMany(requests, { headers: new Headers() }));
    const answer = await send(url, { json: createBody(...requests.map(wire)) });

    expect({ code: error.code, status: error.status, message: error.message }).toEqual({ code: 'permission_denied', status: 403, message: 'arguments[2] is not allowed' });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ code: 'permission_denied', message: 'arguments[2] is not allowed' });
    expect(fake.calls).toHaveLength(0);
  });

  it('counts every token against the rate limit, as the HTTP path does: over it, 429 resource_exhausted for the whole, no call', async () => {
    const limiter = new RateLimiterMemory({ points: 5, duration: 60 });
    const { handler, fake } = await startHandler({ rateLimit: { limiter } });

    expect(await handler.mintMany(page(3), { headers: new Headers() })).toHaveLength(3);
    const error = await rejection(handler.mintMany(page(3), { headers: new Headers() }));

    expect({ code: error.code, status: error.status }).toEqual({ code: 'resource_exhausted', status: 429 });
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(fake.calls).toHaveLength(1);
    expect((await limiter.get('viewer'))?.consumedPoints).toBe(6);
  });

  it('checks every request before the first call: a bad one in a later call rejects invalid_argument (400) and nothing is sent', async () => {
    const { handler, fake } = await startHandler({ maxArguments: 2 });
    const requests = [...page(3), { roomId: '', userId: 'viewer' }];

    const error = await rejection(handler.mintMany(requests, { headers: new Headers() }));

    expect({ code: error.code, status: error.status }).toEqual({ code: 'invalid_argument', status: 400 });
    expect(error.message).toMatch(/requests\[3\]\.roomId/);
    expect(fake.calls).toHaveLength(0);
    expect(consoleLines()).toEqual([]);
  });

  it('resolves [] for no requests, with no call; refuses a list that is not an array', async () => {
    const { handler, fake } = await startHandler();

    expect(await handler.mintMany([], { headers: new Headers() })).toEqual([]);
    const error = await rejection(handler.mintMany('room-1' as never, { headers: new Headers() }));

    expect(error.code).toBe('invalid_argument');
    expect(fake.calls).toHaveLength(0);
  });
});
