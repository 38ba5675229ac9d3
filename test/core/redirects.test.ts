// Issue 12, item 7: a Create call never follows a redirect to another origin. Followed, a
// 307/308 would re-post the body with the app's own headers (a CSRF header, say) to wherever
// it points, and hand back that place's token.
import { describe, expect, it } from 'vitest';
import { createRoomMemberTokens, type TokenRequest } from '../../src/core';
import { rejection } from '../helpers/fakeServer';
import { rawServerForTest } from '../helpers/rawServer';

const request: TokenRequest = { roomId: 'r1', userId: 'u1' };

/** Another origin that would gladly mint a token, and records who came. */
async function elsewhere() {
  const seen: { csrf: string | undefined; body: string }[] = [];
  const server = await rawServerForTest((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ csrf: req.headers['x-csrf-token'] as string | undefined, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ tokens: ['a-token-from-elsewhere'] }));
    });
  });
  return { ...server, seen };
}

describe('given an endpoint that redirects the Create call', () => {
  it.each([301, 302, 303, 307, 308])('a %i to another origin is internal, and nothing reaches that origin', async (status) => {
    const other = await elsewhere();
    const { url, requests } = await rawServerForTest((_req, res) => {
      res.writeHead(status, { location: `${other.url}/steal` });
      res.end();
    });

    const error = await rejection(createRoomMemberTokens([request], { url: `${url}/api/room-token`, headers: { 'x-csrf-token': 'csrf-1' } }));

    expect(error).toMatchObject({ code: 'internal', status, retryable: false });
    expect(error.message).toContain(`redirected the call to ${other.url}`);
    expect(error.message).toContain(`(POST ${url}/api/room-token)`);
    expect(requests()).toBe(1);
    expect(other.seen).toEqual([]);
  });

  it('a redirect to the same origin is not followed either: the message says to use the final URL', async () => {
    let calls = 0;
    const { url } = await rawServerForTest((req, res) => {
      calls += 1;
      if (req.url === '/api/room-token') {
        res.writeHead(308, { location: '/api/room-token/' });
        return void res.end();
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ tokens: ['t'] }));
    });

    const error = await rejection(createRoomMemberTokens([request], { url: `${url}/api/room-token` }));

    expect(error).toMatchObject({ code: 'internal', status: 308 });
    expect(error.message).toContain('use the final URL');
    expect(calls).toBe(1);
  });

  it('a custom fetch that follows a redirect anyway: a token from another origin is still refused', async () => {
    const other = await elsewhere();
    const { url } = await rawServerForTest((_req, res) => {
      res.writeHead(307, { location: `${other.url}/steal` });
      res.end();
    });
    // A fetch that ignores `redirect: 'manual'`, as some polyfills do.
    const following: typeof fetch = (input, init) => fetch(input as string, { ...init, redirect: 'follow' });

    const error = await rejection(createRoomMemberTokens([request], { url, fetch: following }));

    expect(error).toMatchObject({ code: 'internal', status: 200 });
    expect(error.message).toContain('redirected the call');
    expect(other.seen).toHaveLength(1);
  });
});
