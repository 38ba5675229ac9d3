// Issue 20, item 2: React Native's fetch (whatwg-fetch on XMLHttpRequest) answers with no
// `body` stream, only text()/json(). The client reads such answers with text() and the same
// size limit: a Content-Length past it is refused before reading, and what arrives is counted.
// Over loopback, against the package's fake and a hostile raw server.
import { describe, expect, it } from 'vitest';
import { CREATE_PATH, createRoomMemberTokens, createRoomTokenClient, type TokenRequest } from '../../src/core';
import { rejection, startFake, TEST_KEY } from '../helpers/fakeServer';
import { rawServerForTest } from '../helpers/rawServer';
import { bodylessFetch, useReactNativeAbortController, useReactNativeFetch } from '../helpers/reactNativeRuntime';

const request: TokenRequest = { roomId: 'r1', userId: 'u1', metadata: { mcuStream: 'true' } };
const LIMIT = 1024;

/**
 * A raw upstream answering 200 with a token list whose token is `size` bytes of `"é"` (2 bytes
 * each) and `"A"`, with its Content-Length or (`chunked`) without one.
 */
async function tokenOfSize(size: number, chunked = false) {
  return rawServerForTest((_req, res) => {
    const token = 'é'.repeat(Math.floor(size / 2)) + 'A'.repeat(size % 2);
    const body = Buffer.from(JSON.stringify({ tokens: [token] }));
    res.writeHead(200, { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': String(body.byteLength) }) });
    res.end(body);
  });
}

describe('with React Native\'s fetch (answers without a body stream)', () => {
  it('the fetch used here really gives answers without a body', async () => {
    const { url } = await startFake({ apiKey: TEST_KEY });
    const answer = (await bodylessFetch().fetch(url)) as Response;
    expect(answer.body).toBeUndefined();
    expect(typeof answer.text).toBe('function');
  });

  it('the client resolves the fake\'s token, in one call, read with text()', async () => {
    useReactNativeAbortController();
    const counts = useReactNativeFetch();
    const { fake, url } = await startFake({ apiKey: TEST_KEY });
    const client = createRoomTokenClient({ endpoint: `${url}${CREATE_PATH}`, headers: { authorization: `Bearer ${TEST_KEY}` } });

    const token = await client.get(request);

    expect(token).toBe(fake.issued[0]!.token);
    expect(fake.calls).toHaveLength(1);
    expect(counts.textCalls).toBe(1);
  });

  it('an error answer keeps its code and message (read with text())', async () => {
    const { fetch, counts } = bodylessFetch();
    // Not a 401/403: those drop the upstream's text when a key was sent (it may echo the key).
    const { url } = await startFake({ apiKey: TEST_KEY, fault: { code: 'failed_precondition', message: 'the room is closed' } });

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY, fetch }));

    expect(error).toMatchObject({ code: 'failed_precondition', status: 400, retryable: false });
    expect(error.message).toContain('the room is closed');
    expect(counts.textCalls).toBe(1);
  });

  it('a 200 whose Content-Length is past maxResponseBytes is internal, and is never read', async () => {
    const { fetch, counts } = bodylessFetch();
    const { url } = await tokenOfSize(2 * LIMIT);

    const error = await rejection(createRoomMemberTokens([request], { url, fetch, maxResponseBytes: LIMIT }));

    expect(error).toMatchObject({ code: 'internal', status: 200, retryable: false });
    expect(error.message).toContain(`larger than ${LIMIT} bytes`);
    expect(counts.textCalls).toBe(0);
  });

  it('a 200 with no Content-Length is counted in UTF-8 bytes once read: past the limit it is internal', async () => {
    const { fetch, counts } = bodylessFetch();
    // About 700 characters, but about 1400 bytes: counting characters would let it through.
    const { url } = await tokenOfSize(1400, true);

    const error = await rejection(createRoomMemberTokens([request], { url, fetch, maxResponseBytes: LIMIT }));

    expect(error).toMatchObject({ code: 'internal', status: 200 });
    expect(error.message).toContain(`larger than ${LIMIT} bytes`);
    expect(counts.textCalls).toBe(1);
  });

  it('a 200 within the limit resolves its token', async () => {
    const { fetch } = bodylessFetch();
    const { url } = await tokenOfSize(900, true);

    const [token] = await createRoomMemberTokens([request], { url, fetch, maxResponseBytes: LIMIT });

    expect(token).toBe('é'.repeat(450));
  });
});
