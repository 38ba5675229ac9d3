// Issue 19, item 9: the handler passes the caller's `request.signal` to the upstream call, so
// a caller that goes away ends it (instead of leaving a token minted for nobody until
// `timeoutMs`). Over loopback: a caller, the handler, and an upstream that never answers.
import { describe, expect, it, vi } from 'vitest';
import { createRoomTokenHandler } from '../../src/server';
import { rejection } from '../helpers/fakeServer';
import { rawServerForTest } from '../helpers/rawServer';
import { API_KEY, allowAll, consoleLines, createBody, guardTheKey, serve } from './support';

guardTheKey();

/** An upstream that never answers, and tells when a call's connection closes. */
async function hangingUpstream() {
  let closed = 0;
  const server = await rawServerForTest((req, res) => {
    req.resume();
    res.on('close', () => (closed += 1));
  });
  return { ...server, closed: () => closed };
}

describe('given a caller that goes away while the upstream has not answered', () => {
  it('the handler ends its upstream call: the upstream sees the connection closed, and nothing is logged', async () => {
    const upstream = await hangingUpstream();
    // Far longer than the test waits: only the caller's abort can end the call in time.
    const url = await serve(createRoomTokenHandler({ apiKey: API_KEY, authorize: allowAll, baseUrl: upstream.url, timeoutMs: 600_000 }));
    const caller = new AbortController();

    const answer = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(createBody({ user_id: 'user-1', room_id: 'room-1' })),
      signal: caller.signal,
    }).catch((error: unknown) => error);
    await vi.waitFor(() => expect(upstream.requests()).toBe(1), { timeout: 20_000 });
    caller.abort();

    expect(await answer).toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(upstream.closed()).toBe(1), { timeout: 20_000 });
    expect(consoleLines()).toEqual([]);
  }, 60_000);

  it('mint given the incoming request: its abort ends the upstream call, and mint rejects canceled', async () => {
    const upstream = await hangingUpstream();
    const handler = createRoomTokenHandler({ apiKey: API_KEY, authorize: allowAll, baseUrl: upstream.url, timeoutMs: 600_000 });
    const incoming = new AbortController();
    const request = new Request('http://app.test/live/room-1', { signal: incoming.signal });

    const minted = rejection(handler.mint({ roomId: 'room-1', userId: 'user-1' }, { request }));
    await vi.waitFor(() => expect(upstream.requests()).toBe(1), { timeout: 20_000 });
    incoming.abort();

    expect((await minted).code).toBe('canceled');
    await vi.waitFor(() => expect(upstream.closed()).toBe(1), { timeout: 20_000 });
    expect(consoleLines()).toEqual([]);
  }, 60_000);
});
