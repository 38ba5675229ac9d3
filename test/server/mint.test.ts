// Issue 14, item 1: `handler.mint(request, context)` runs the HTTP path's pipeline — the same
// validation, the same `authorize` (never skipped), the same upstream call, limits and error
// mapping — and resolves the token or rejects with a RoomTokenError carrying the code and
// status the HTTP answer would. Over loopback, against the package's fake upstream.
import { describe, expect, it } from 'vitest';
import { RoomTokenError, createRoomTokenHandler, type AuthorizeContext, type AuthorizeTokenRequest, type TokenRequest } from '../../src/server';
import type { FakeFault } from '../../src/testing';
import { rejection } from '../helpers/fakeServer';
import { API_KEY, allowAll, consoleLines, createBody, guardTheKey, send, startHandler } from './support';

guardTheKey();

const ASKED: TokenRequest = { roomId: 'room-1', userId: 'whoever-the-page-says', metadata: { mcuStream: 'true' }, permissions: ['PermissionRoom'] };

/** A policy that reads the session from the cookie header, as a server component's headers() gives it. */
const policy: AuthorizeTokenRequest = (asked, { headers }) => {
  const user = /session=(\w+)/.exec(headers.get('cookie') ?? '')?.[1];
  if (!user) return false;
  const metadata: Record<string, string> = user === 'streamer' ? { mcuStream: 'true' } : {};
  return { roomId: asked.roomId, userId: user, metadata, permissions: [] };
};

describe('handler.mint', () => {
  it('resolves the token the upstream minted for what the policy decided: the user id it forced is the one sent', async () => {
    const { handler, fake } = await startHandler({ authorize: policy });

    const token = await handler.mint(ASKED, { headers: new Headers({ cookie: 'theme=dark; session=viewer' }) });

    expect(token).toBe(fake.issued[0]!.token);
    expect(fake.calls.map((call) => [call.headers.authorization, call.body])).toEqual([
      [`Bearer ${API_KEY}`, createBody({ user_id: 'viewer', room_id: 'room-1', metadata: {}, permissions: [] })],
    ]);
  });

  it('rejects a denial with permission_denied (403), and calls no upstream', async () => {
    const { handler, fake } = await startHandler({ authorize: policy });

    const error = await rejection(handler.mint(ASKED, { headers: new Headers() }));

    expect(error).toMatchObject({ code: 'permission_denied', status: 403, retryable: false, message: 'arguments[0] is not allowed' });
    expect(fake.calls).toHaveLength(0);
  });

  it('never skips the policy: authorize runs once per mint, with the headers given and no request', async () => {
    const seen: AuthorizeContext[] = [];
    const { handler } = await startHandler({ authorize: (asked, context) => (seen.push(context), asked) });
    const headers = new Headers({ cookie: 'session=viewer' });

    await handler.mint(ASKED, { headers });
    await handler.mint(ASKED, { headers });

    expect(seen).toEqual([
      { headers, request: undefined },
      { headers, request: undefined },
    ]);
  });

  it("hands authorize a loader's Request and its headers", async () => {
    const seen: AuthorizeContext[] = [];
    const { handler } = await startHandler({ authorize: (asked, context) => (seen.push(context), asked) });
    const request = new Request('http://app.test/live/room-1', { headers: { cookie: 'session=viewer' } });

    await handler.mint(ASKED, { request });

    expect(seen).toHaveLength(1);
    expect(seen[0]!.request).toBe(request);
    expect(seen[0]!.headers.get('cookie')).toBe('session=viewer');
  });

  it('checks the request as the HTTP path does: invalid_argument (400), before authorize and without an upstream call', async () => {
    let asked = 0;
    const { handler, fake } = await startHandler({ authorize: (request) => (asked++, request) });

    const error = await rejection(handler.mint({ ...ASKED, permissions: ['permissionroom'] } as unknown as TokenRequest, { headers: new Headers() }));

    expect(error).toMatchObject({ code: 'invalid_argument', status: 400 });
    expect(error.message).toContain('did you mean "PermissionRoom"');
    expect([asked, fake.calls.length]).toEqual([0, 0]);
  });

  it('applies maxBodyBytes to the body the request would have been: resource_exhausted (413)', async () => {
    const { handler, fake } = await startHandler({ maxBodyBytes: 512 });

    const error = await rejection(handler.mint({ ...ASKED, metadata: { note: 'n'.repeat(600) } }, { headers: new Headers() }));

    expect(error).toMatchObject({ code: 'resource_exhausted', status: 413, retryable: false });
    expect(fake.calls).toHaveLength(0);
  });

  it('rejects with internal when the policy throws, and writes the one console line the HTTP path would', async () => {
    const { handler } = await startHandler({
      authorize: () => {
        throw new Error('session store down');
      },
    });

    const error = await rejection(handler.mint(ASKED, { headers: new Headers() }));

    expect(error).toMatchObject({ code: 'internal', status: 500, message: 'the server could not issue a token' });
    expect(consoleLines().map((line) => line.text)).toEqual(['react-room-token/server: authorize threw for arguments[0]: Error: session store down']);
  });
});

describe('handler.mint maps upstream faults as the HTTP path does', () => {
  const faults: [string, FakeFault][] = [
    ['a dropped connection', 'drop'],
    ['a Connect unavailable with Retry-After', { code: 'unavailable', headers: { 'retry-after': '9' } }],
    ["a refusal of the server's key", { code: 'unauthenticated', message: 'bad key' }],
    ['a 413 resource_exhausted', { code: 'resource_exhausted', status: 413 }],
    ['a 200 without tokens', { status: 200, body: '{}', contentType: 'application/json' }],
    ['no Create method', { status: 404, body: 'Not Found' }],
  ];

  it.each(faults)('%s', async (_name, fault) => {
    const { url, upstream } = await startHandler({}, { fault });
    // A handler of its own: a failing upstream's line is written once a minute per handler.
    const handler = createRoomTokenHandler({ apiKey: API_KEY, authorize: allowAll, baseUrl: upstream });

    const answer = await send(url, { json: createBody({ user_id: ASKED.userId, room_id: ASKED.roomId, metadata: ASKED.metadata, permissions: ASKED.permissions }) });
    const httpLines = consoleLines();
    const error = await rejection(handler.mint(ASKED, { headers: new Headers() }));

    const { code, message } = answer.body as { code: string; message: string };
    expect(error).toBeInstanceOf(RoomTokenError);
    expect({ code: error.code, status: error.status, message: error.message }).toEqual({ code, status: answer.status, message });
    const retryAfter = answer.headers.get('retry-after');
    expect(error.retryAfterMs).toBe(retryAfter === null ? undefined : Number(retryAfter) * 1000);
    expect(consoleLines().slice(httpLines.length).map((line) => line.text)).toEqual(httpLines.map((line) => line.text));
  });

  it('a timeout is deadline_exceeded (504)', async () => {
    const { handler } = await startHandler({ timeoutMs: 50 }, { fault: 'hang' });

    const error = await rejection(handler.mint(ASKED, { headers: new Headers() }));

    expect(error).toMatchObject({ code: 'deadline_exceeded', status: 504, retryable: true });
    expect(consoleLines().map((line) => line.text)).toEqual([expect.stringContaining('the token service failed (timeout: HTTP none, deadline_exceeded) at POST ')]);
  });
});
