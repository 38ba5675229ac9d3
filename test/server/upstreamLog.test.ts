// Issue 21, item 7: a failing upstream (unreachable, 5xx, 429, timed out) leaves one log line
// naming the call's URL (redacted) and the kind of fault, at most one per kind per minute
// however many calls meet it; never the key. The clock is faked (Date only: the sockets and
// timers stay real), so "a minute later" needs no waiting.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRoomTokenHandler } from '../../src/server';
import type { FakeFault } from '../../src/testing';
import { API_KEY, allowAll, closedPortUrl, consoleLines, createBody, guardTheKey, send, serve, startFake } from './support';

guardTheKey();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const BODY = createBody({ user_id: 'user-1', room_id: 'room-1' });
const MINUTE = 60_000;

/** The handler in front of `baseUrl`, on loopback. */
async function handlerFor(baseUrl: string, timeoutMs?: number) {
  return serve(createRoomTokenHandler({ apiKey: API_KEY, authorize: allowAll, baseUrl, timeoutMs }));
}

/** Sends `count` calls, 10 at a time, and returns their statuses. */
async function fail(url: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let sent = 0; sent < count; sent += 10) {
    const batch = await Promise.all(Array.from({ length: Math.min(10, count - sent) }, () => send(url, { json: BODY })));
    statuses.push(...batch.map((answer) => answer.status));
  }
  return statuses;
}

const faultLines = () => consoleLines().filter((line) => line.text.includes('the token service failed ('));

describe('given an upstream that keeps failing', () => {
  it('50 calls that cannot reach it leave one line; a minute later the next one leaves another, counting those held back', async () => {
    const baseUrl = await closedPortUrl();
    const url = await handlerFor(baseUrl);

    expect(await fail(url, 50)).toEqual(Array(50).fill(503));
    vi.advanceTimersByTime(MINUTE - 1);
    await fail(url, 1);
    expect(faultLines()).toEqual([
      {
        method: 'error',
        text:
          `react-room-token/server: the token service failed (unreachable: HTTP none, unavailable) at POST ${baseUrl}/room.tokens.private.v1.Service/Create; ` +
          'callers get 503 or 504. Failures of this kind are logged once a minute',
      },
    ]);

    vi.advanceTimersByTime(1);
    await fail(url, 1);

    const lines = faultLines();
    expect(lines).toHaveLength(2);
    expect(lines[1]!.text).toMatch(/^react-room-token\/server: the token service failed \(unreachable: HTTP none, unavailable\) at POST .* \(50 more since the last line\)$/);
  });

  it('keeps one line per kind: 5xx, 429 and timeouts each have their own minute', async () => {
    let fault: FakeFault = { code: 'unavailable' };
    const { url: upstream } = await startFake({ fault: () => fault });
    // Generous: only the hanging calls may time out, however loaded the machine.
    const url = await handlerFor(upstream, 3000);

    await fail(url, 50);
    fault = { status: 502, body: 'Bad Gateway' };
    await fail(url, 20);
    fault = { status: 429, body: 'slow down' };
    await fail(url, 20);
    fault = 'hang';
    await fail(url, 10);

    expect(faultLines().map((line) => /failed \(([^)]*)\)/.exec(line.text)?.[1])).toEqual([
      'server_error: HTTP 503, unavailable',
      'rate_limited: HTTP 429, unavailable',
      'timeout: HTTP none, deadline_exceeded',
    ]);
  });

  it('each handler keeps its own minute: a second handler on the same upstream logs its first failure', async () => {
    const baseUrl = await closedPortUrl();
    const first = await handlerFor(baseUrl);
    const second = await handlerFor(baseUrl);

    await fail(first, 5);
    await fail(second, 5);

    expect(faultLines()).toHaveLength(2);
  });

  it('names the URL without user info or query, and cuts the key out of it', async () => {
    const closed = await closedPortUrl();
    // A path that holds the key (a proxy's routing, say): the line shows it redacted.
    const url = await handlerFor(`${closed}/${API_KEY}/`);

    await fail(url, 3);

    expect(faultLines().map((line) => line.text)).toEqual([
      expect.stringContaining(`at POST ${closed}/[redacted]/room.tokens.private.v1.Service/Create;`),
    ]);
  });

  it('a healthy upstream, or a caller refused, leaves no line', async () => {
    const { url: upstream } = await startFake();
    const url = await handlerFor(upstream);

    await fail(url, 5);
    await send(url, { json: { arguments: [{ user_id: '', room_id: 'r' }] } });

    expect(consoleLines()).toEqual([]);
  });
});
