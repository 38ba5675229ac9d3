// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BroadcastJoinGate, RoomTokenError } from '../../src';
import { retryDelay, retrySettings } from '../../src/core/withRetry';
import { startFake } from './helpers';

const room = { roomId: 'r1', userId: 'u1' };
const fast = { baseDelayMs: 1, maxDelayMs: 4 };

function Joined() {
  return <p>joined</p>;
}

describe('retries', () => {
  it('given an upstream that stays unavailable, tries 1 + retries times (default 3 retries), then shows the error', async () => {
    const { endpoint, creates } = await startFake({ fault: { code: 'unavailable', message: 'down for maintenance' } });
    render(
      <BroadcastJoinGate {...endpoint} {...room} retry={fast}>
        <Joined />
      </BroadcastJoinGate>,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('The broadcast service is not available right now.');
    expect(creates()).toHaveLength(4);
  });

  it('honours retry.retries, and retries network failures and HTML 502 pages too', async () => {
    const { endpoint, creates } = await startFake({ fault: (_c, i) => (i % 2 === 0 ? 'drop' : 'html-502') });
    render(
      <BroadcastJoinGate {...endpoint} {...room} retry={{ ...fast, retries: 1 }}>
        <Joined />
      </BroadcastJoinGate>,
    );
    await screen.findByRole('alert');
    expect(creates()).toHaveLength(2);
  });

  it('given an upstream that recovers, joins after the failed tries', async () => {
    const { endpoint, creates } = await startFake({ fault: (_c, i) => (i < 2 ? { code: 'unavailable' } : undefined) });
    render(
      <BroadcastJoinGate {...endpoint} {...room} retry={fast}>
        <Joined />
      </BroadcastJoinGate>,
    );
    expect(await screen.findByText('joined')).toBeTruthy();
    expect(creates()).toHaveLength(3);
  });

  it('given retry: false, makes one request', async () => {
    const { endpoint, creates } = await startFake({ fault: { code: 'unavailable' } });
    render(
      <BroadcastJoinGate {...endpoint} {...room} retry={false}>
        <Joined />
      </BroadcastJoinGate>,
    );
    await screen.findByRole('alert');
    expect(creates()).toHaveLength(1);
  });

  it('given a 403, shows the error at once after one request', async () => {
    const { endpoint, creates } = await startFake({ fault: { code: 'permission_denied', message: 'viewers cannot broadcast' } });
    render(
      <BroadcastJoinGate {...endpoint} {...room} errorFallback={({ error }) => <p role="alert">{error.code}</p>}>
        <Joined />
      </BroadcastJoinGate>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('permission_denied');
    await waitFor(() => expect(creates()).toHaveLength(1));
  });

  it('waits a full-jitter exponential delay: random × min(maxDelayMs, baseDelayMs × 2^n)', () => {
    const defaults = retrySettings(undefined);
    const ceilings = [0, 1, 2, 3, 4, 5].map((n) => retryDelay(n, defaults, 0, 1));
    expect(ceilings).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(retryDelay(2, retrySettings({ baseDelayMs: 100, maxDelayMs: 300 }), 0, 1)).toBe(300);
    expect(retryDelay(3, defaults, 0, 0.25)).toBe(1000);
    expect(retryDelay(3, defaults, 0, 0)).toBe(0);
  });

  it("after a server's Retry-After, waits that long plus the jitter: never less than asked, and spread", () => {
    const defaults = retrySettings(undefined);
    expect(retryDelay(0, defaults, 1000, 0)).toBe(1000);
    expect(retryDelay(0, defaults, 1000, 1)).toBe(1500);
    expect(retryDelay(1, defaults, 1000, 0.5)).toBe(1500);
  });

  it('retryable is what decides: only unavailable, deadline_exceeded and resource_exhausted', () => {
    expect(new RoomTokenError('resource_exhausted', 'slow down').retryable).toBe(true);
    expect(new RoomTokenError('unauthenticated', 'no').retryable).toBe(false);
  });
});
