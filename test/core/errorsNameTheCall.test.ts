// Issue 13, item 4: every error about a failed call names the call it made — method and URL —
// so that "HTTP 404 (unimplemented)" says where. The URL is shown without its query or user
// info (either can hold a credential: `?key=`, a signed URL, `user:pass@`), and never with a key.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CREATE_PATH, createRoomMemberTokens, type TokenRequest } from '../../src/core';
import type { FakeFault } from '../../src/testing';
import { TEST_KEY, closedUrl, everythingShownBy, rejection, startFake } from '../helpers/fakeServer';
import { rawServerForTest } from '../helpers/rawServer';

const request: TokenRequest = { roomId: 'r1', userId: 'u1' };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a failed call names it: POST and the URL, without query or key', () => {
  const faults: [string, FakeFault, string][] = [
    ['a Connect error', { code: 'failed_precondition', message: 'the room is closed' }, 'the room is closed (POST '],
    ['a plain 404', { status: 404, body: 'Not Found' }, 'the token service answered HTTP 404 (unimplemented) (POST '],
    ['a 200 without tokens', { status: 200, body: '{}', contentType: 'application/json' }, 'the token service did not answer 1 token(s) (POST '],
    ['a dropped connection', 'drop', 'could not reach the token service (POST '],
  ];

  it.each(faults)('%s', async (_name, fault, start) => {
    const { url } = await startFake({ apiKey: TEST_KEY, fault });

    const error = await rejection(createRoomMemberTokens([request], { url: `${url}${CREATE_PATH}?key=q-secret-1234#frag`, apiKey: TEST_KEY }));

    expect(error.message).toBe(`${start}${url}${CREATE_PATH})`);
    expect(everythingShownBy(error)).not.toContain('q-secret');
    expect(everythingShownBy(error)).not.toContain(TEST_KEY);
  });

  it('a timeout', async () => {
    const { url } = await startFake({ apiKey: TEST_KEY, fault: 'hang' });

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY, timeoutMs: 50 }));

    expect(error.message).toBe(`the token service did not answer within 50 ms (POST ${url}${CREATE_PATH})`);
  });

  it('a refused connection', async () => {
    const url = await closedUrl();

    const error = await rejection(createRoomMemberTokens([request], { url: `${url}/api/room-token` }));

    expect(error.message).toBe(`could not reach the token service (POST ${url}/api/room-token)`);
  });

  it('a redirect', async () => {
    const { url } = await rawServerForTest((_req, res) => {
      res.writeHead(307, { location: 'https://elsewhere.test/x' });
      res.end();
    });

    const error = await rejection(createRoomMemberTokens([request], { url: `${url}/api/room-token` }));

    expect(error.message).toBe(
      `the token service redirected the call to https://elsewhere.test; a Create call follows no redirect, so use the final URL (POST ${url}/api/room-token)`,
    );
  });

  it('a URL with user info: the credentials are not shown', async () => {
    const { url } = await startFake({ apiKey: TEST_KEY });
    const withUser = url.replace('http://', 'http://admin:hunter22@');

    const error = await rejection(createRoomMemberTokens([request], { url: `${withUser}${CREATE_PATH}` }));

    // Refused before fetch, which would quote the URL, password included, in its own error
    // (the cause), and as `unavailable`, retried as an outage.
    expect(error).toMatchObject({ code: 'invalid_argument', retryable: false });
    expect(error.message).toMatch(/must not hold a user name or password/);
    expect(everythingShownBy(error)).not.toContain('hunter22');
  });

  it('a relative endpoint is named as the page resolves it', async () => {
    const { url } = await startFake({ apiKey: TEST_KEY, fault: { status: 404, body: '' } });
    vi.stubGlobal('location', { href: `${url}/live/room-1?session=s3cret` });
    // A fetch that resolves against the page, as a browser's does.
    const pageFetch: typeof fetch = (input, init) => fetch(new URL(input as string, `${url}/live/room-1`), init);

    const error = await rejection(createRoomMemberTokens([request], { url: '/api/room-token?x=1', fetch: pageFetch }));

    expect(error.message).toBe(`the token service answered HTTP 404 (unimplemented) (POST ${url}/api/room-token)`);
  });
});

describe('what is not a failed call keeps its own message', () => {
  it('invalid input names the field, sends nothing, and names no URL', async () => {
    const { url, fake } = await startFake();

    const error = await rejection(createRoomMemberTokens([{ roomId: 'r1', userId: '' }], { baseUrl: url }));

    expect(error.message).toBe('request.userId must not be empty');
    expect(fake.calls).toHaveLength(0);
  });

  it("the caller's own abort is canceled", async () => {
    const { url } = await startFake();

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY, signal: AbortSignal.abort() }));

    expect(error.message).toBe('the token request was canceled');
  });
});
