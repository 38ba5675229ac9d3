// @vitest-environment jsdom
// Issue 18, as people see it: a tab that slept, a server that asks to wait.
import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BroadcastJoinGate, createRoomTokenClient, RoomTokenProvider, useBroadcastToken } from '../../src';
import { startFake } from './helpers';

function Stage() {
  const { token } = useBroadcastToken();
  return <p data-testid="stage">{token}</p>;
}

afterEach(() => {
  vi.useRealTimers();
});

/** A visible page whose gate has joined, with a refresh due every 10 minutes. */
async function joinWithRefreshEvery10Minutes() {
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('visible');
  const fake = await startFake();
  render(
    <RoomTokenProvider {...fake.endpoint} refreshInterval={10 * 60_000}>
      <BroadcastJoinGate roomId="A" userId="u1">
        <Stage />
      </BroadcastJoinGate>
    </RoomTokenProvider>,
  );
  await screen.findByTestId('stage');
  return fake;
}

describe('the page coming back', () => {
  it.each([
    ['becomes visible again', () => document.dispatchEvent(new Event('visibilitychange'))],
    ['is restored from the back/forward cache', () => window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }))],
    ['comes back online', () => window.dispatchEvent(new Event('online'))],
  ])('given a tab that slept past refreshInterval and %s, the gate refreshes at once: one call', async (_, comeBack) => {
    const { creates, fake } = await joinWithRefreshEvery10Minutes();
    // Two hours pass with no timer running: the machine slept.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 2 * 60 * 60_000);

    act(comeBack);

    await waitFor(() => expect(screen.getByTestId('stage').textContent).toBe(fake.issued[1]?.token));
    expect(creates()).toHaveLength(2);
  });

  it('given the page comes back before the refresh is due, makes no call (every call mints a token)', async () => {
    const { creates } = await joinWithRefreshEvery10Minutes();
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
      window.dispatchEvent(new Event('online'));
    });
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(creates()).toHaveLength(1);
  });
});

describe('a server that asks to wait', () => {
  it('given a 429 with Retry-After: 120, the default view says when to try again and offers no Retry until then', async () => {
    const { endpoint, creates } = await startFake({ fault: { code: 'resource_exhausted', message: 'slow down', headers: { 'retry-after': '120' } } });
    render(
      <BroadcastJoinGate {...endpoint} roomId="A" userId="u1">
        <Stage />
      </BroadcastJoinGate>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The broadcast service is not available right now. Try again in 2 minutes.');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(creates()).toHaveLength(1);
  });

  it('given the window has passed, Retry shows, and pressing it calls again and joins', async () => {
    let answered = 0;
    const { endpoint, creates, fake } = await startFake({
      fault: () => (answered++ === 0 ? { code: 'resource_exhausted', headers: { 'retry-after': '1' } } : undefined),
    });
    render(
      <BroadcastJoinGate {...endpoint} roomId="A" userId="u1" retry={{ maxDelayMs: 100 }}>
        <Stage />
      </BroadcastJoinGate>,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('Try again in 1 second.');
    const retry = await screen.findByRole('button', { name: 'Retry' }, { timeout: 10_000 });
    expect(screen.getByRole('alert').querySelector('p')?.textContent).toBe('The broadcast service is not available right now.');
    await act(() => retry.click());
    await waitFor(() => expect(screen.getByTestId('stage').textContent).toBe(fake.issued[0]?.token));
    expect(creates()).toHaveLength(2);
  });

  it('given a provider whose client is a hand-written object, throws a configuration error naming `client`', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const impostor = { options: {}, get: async () => 't', refresh: async () => 't' } as unknown as ReturnType<typeof createRoomTokenClient>;
    expect(() => render(<RoomTokenProvider client={impostor}>{null}</RoomTokenProvider>)).toThrow(/`client` must be made by createRoomTokenClient/);
  });
});
