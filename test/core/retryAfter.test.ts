// Issue 15 (client part): the wait a server asks for in `Retry-After` reaches the caller as
// `RoomTokenError.retryAfterMs`, so that a retry never comes sooner.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRoomMemberTokens, type TokenRequest } from '../../src/core';
import { parseRetryAfter } from '../../src/core/parseRetryAfter';
import type { FakeFault } from '../../src/testing';
import { TEST_KEY, rejection, startFake } from '../helpers/fakeServer';

const request: TokenRequest = { roomId: 'r1', userId: 'u1' };

afterEach(() => {
  vi.useRealTimers();
});

describe('an error answer with Retry-After, over loopback', () => {
  it('a 429 resource_exhausted with "Retry-After: 2" gives retryAfterMs 2000', async () => {
    const { url } = await startFake({ apiKey: TEST_KEY, fault: { code: 'resource_exhausted', message: 'slow down', headers: { 'retry-after': '2' } } });

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY }));

    expect(error).toMatchObject({ code: 'resource_exhausted', status: 429, retryable: true, retryAfterMs: 2000 });
  });

  it('a plain 503 with "Retry-After: 60" gives retryAfterMs 60000', async () => {
    const { url } = await startFake({ apiKey: TEST_KEY, fault: { status: 503, body: 'maintenance', headers: { 'retry-after': '60' } } });

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY }));

    expect(error).toMatchObject({ code: 'unavailable', status: 503, retryAfterMs: 60_000 });
  });

  it("an HTTP date counts from the answer's own Date header", async () => {
    const { url } = await startFake({
      apiKey: TEST_KEY,
      fault: { code: 'unavailable', headers: { 'retry-after': 'Sun, 01 Mar 2026 12:00:30 GMT', date: 'Sun, 01 Mar 2026 12:00:00 GMT' } },
    });

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY }));

    expect(error.retryAfterMs).toBe(30_000);
  });

  it('a client clock an hour slow does not turn "retry at now + 5 s" into an hour', async () => {
    // Only Date is faked: the loopback call runs on real timers. The server's clock says 12:00.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T11:00:00Z'));
    const { url } = await startFake({
      apiKey: TEST_KEY,
      fault: { code: 'resource_exhausted', headers: { 'retry-after': 'Sun, 01 Mar 2026 12:00:05 GMT', date: 'Sun, 01 Mar 2026 12:00:00 GMT' } },
    });

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY }));

    expect(error.retryAfterMs).toBe(5000);
  });

  it('an asctime date (no zone written) is GMT, whatever the time zone the client runs in', async () => {
    vi.stubEnv('TZ', 'America/New_York');
    const { url } = await startFake({
      apiKey: TEST_KEY,
      fault: { code: 'unavailable', headers: { 'retry-after': 'Sun Mar  1 12:00:20 2026', date: 'Sun, 01 Mar 2026 12:00:00 GMT' } },
    });

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY }));

    expect(new Date(2026, 2, 1, 12).getTime()).not.toBe(Date.parse('2026-03-01T12:00:00Z')); // the zone is in force
    expect(error.retryAfterMs).toBe(20_000);
  });

  it('no Retry-After, or one that is neither form, leaves retryAfterMs undefined', async () => {
    const { url } = await startFake({ apiKey: TEST_KEY, fault: (_call, index): FakeFault => ({ code: 'unavailable', headers: index === 0 ? {} : { 'retry-after': 'soon' } }) });

    for (let i = 0; i < 2; i++) {
      const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY }));
      expect(error.code).toBe('unavailable');
      expect(error.retryAfterMs).toBeUndefined();
    }
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');

  it.each([
    ['0', 0],
    ['2', 2000],
    [' 120 ', 120_000],
    ['Sun, 01 Mar 2026 12:01:00 GMT', 60_000],
    // RFC 850 and asctime, the obsolete forms HTTP still accepts.
    ['Sunday, 01-Mar-26 12:00:10 GMT', 10_000],
    ['Sun Mar  1 12:00:05 2026', 5000],
    // A date already past is no wait.
    ['Sun, 01 Mar 2026 11:00:00 GMT', 0],
  ])('reads %j as %i ms', (value, ms) => {
    expect(parseRetryAfter(value, { now })).toBe(ms);
  });

  it('reads every date form as GMT in any time zone, and measures it against the Date header when given', () => {
    vi.stubEnv('TZ', 'Asia/Kolkata');
    expect(parseRetryAfter('Sun Mar  1 12:00:05 2026', { now })).toBe(5000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:00:05 GMT', { now: now - 3_600_000, date: 'Sun, 01 Mar 2026 12:00:00 GMT' })).toBe(5000);
    // A Date header that is not a date is ignored.
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:00:05 GMT', { now, date: 'yesterday' })).toBe(5000);
    // A two-digit RFC 850 year more than 50 years ahead is in the past.
    expect(parseRetryAfter('Friday, 01-Mar-80 12:00:00 GMT', { now })).toBe(0);
  });

  it.each([null, '', 'soon', '-5', '1.5', '2026-03-02', '12:00', 'Sun, 01 Foo 2026 12:00:05 GMT', 'Sun, 01 Mar 2026 12:00:05 PST'])('ignores %j', (value) => {
    expect(parseRetryAfter(value, { now })).toBeUndefined();
  });
});
