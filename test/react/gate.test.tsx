// @vitest-environment jsdom
import { StrictMode, useEffect } from 'react';
import { act, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BroadcastJoinGate, RoomTokenError, RoomTokenProvider, useBroadcastToken } from '../../src';
import { startFake } from './helpers';

const room = { roomId: 'c2ed3890-716d-4380-a597-d860ecacada0', userId: '8ae5a0b9-9206-44ca-950b-5a0b51f82d4e' };

function Stage({ onMount }: { onMount?: () => void }) {
  const { token, roomId, userId } = useBroadcastToken();
  useEffect(() => onMount?.(), [onMount]);
  return (
    <p data-testid="stage">
      {roomId}/{userId}/{token}
    </p>
  );
}

describe('BroadcastJoinGate', () => {
  it('shows an accessible status while waiting, then the children with the token', async () => {
    const { endpoint, fake } = await startFake({ latencyMs: 30 });
    render(
      <BroadcastJoinGate {...endpoint} {...room}>
        <Stage />
      </BroadcastJoinGate>,
    );
    expect(screen.getByRole('status').textContent).toMatch(/joining/i);
    expect(await screen.findByTestId('stage')).toBeTruthy();
    expect(screen.getByTestId('stage').textContent).toBe(`${room.roomId}/${room.userId}/${fake.issued[0]!.token}`);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('always asks for a broadcaster token: mcuStream "true" whatever the metadata says, permissions as given', async () => {
    const { endpoint, creates } = await startFake();
    render(
      <BroadcastJoinGate {...endpoint} {...room} permissions={['PermissionChat']} metadata={{ mcuStream: 'false', note: 'host' }}>
        <Stage />
      </BroadcastJoinGate>,
    );
    await screen.findByTestId('stage');
    expect(creates()[0]!.body).toEqual({
      arguments: [
        { user_id: room.userId, room_id: room.roomId, metadata: { mcuStream: 'true', note: 'host' }, permissions: ['PermissionChat'] },
      ],
    });
  });

  it('passes the token to a children function', async () => {
    const { endpoint, fake } = await startFake();
    render(
      <BroadcastJoinGate {...endpoint} {...room}>
        {(token) => <p data-testid="fn">{token}</p>}
      </BroadcastJoinGate>,
    );
    expect((await screen.findByTestId('fn')).textContent).toBe(fake.issued[0]!.token);
  });

  it('given a denial, shows an alert with a Retry button that starts a new attempt, then joins', async () => {
    const { endpoint, creates, fake } = await startFake({
      fault: (_call, index) => (index === 0 ? { code: 'permission_denied', message: 'not a streamer' } : undefined),
    });
    render(
      <BroadcastJoinGate {...endpoint} {...room}>
        <Stage />
      </BroadcastJoinGate>,
    );
    const alert = await screen.findByRole('alert');
    // Words for people; the server's own text stays in error.message.
    expect(alert.textContent).toContain('You are not allowed to join this broadcast.');
    expect(alert.textContent).not.toContain('not a streamer');
    expect(creates()).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect((await screen.findByTestId('stage')).textContent).toContain(fake.issued[0]!.token);
    expect(creates()).toHaveLength(2);
  });

  it('renders a custom fallback, and an errorFallback function with the typed error and retry', async () => {
    const { endpoint, creates } = await startFake({
      latencyMs: 20,
      fault: (_call, index) => (index === 0 ? { code: 'permission_denied' } : undefined),
    });
    render(
      <BroadcastJoinGate
        {...endpoint}
        {...room}
        fallback={<p>Warming up the cameras</p>}
        errorFallback={({ error, retry }) => (
          <button onClick={retry}>
            {error instanceof RoomTokenError ? error.code : 'untyped'}: try again
          </button>
        )}
      >
        <Stage />
      </BroadcastJoinGate>,
    );
    expect(screen.getByText('Warming up the cameras')).toBeTruthy();
    await userEvent.click(await screen.findByRole('button', { name: 'permission_denied: try again' }));
    expect(await screen.findByTestId('stage')).toBeTruthy();
    expect(creates()).toHaveLength(2);
  });

  it('refresh() resolves a new token that is rendered, without remounting the children', async () => {
    const { endpoint, fake, creates } = await startFake();
    const onMount = vi.fn();
    let refresh: (() => Promise<string | undefined>) | undefined;
    function Grab() {
      refresh = useBroadcastToken().refresh;
      return null;
    }
    render(
      <StrictMode>
        <BroadcastJoinGate {...endpoint} {...room}>
          <Stage onMount={onMount} />
          <Grab />
        </BroadcastJoinGate>
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByTestId('stage').textContent).toContain(fake.issued[0]?.token));
    const mounts = onMount.mock.calls.length;
    let next: string | undefined;
    await act(async () => {
      next = await refresh!();
    });
    expect(creates()).toHaveLength(2);
    expect(next).toBe(fake.issued[1]!.token);
    expect(next).not.toBe(fake.issued[0]!.token);
    expect(screen.getByTestId('stage').textContent).toContain(next);
    expect(onMount).toHaveBeenCalledTimes(mounts);
  });

  it('given a failed refresh, resolves undefined and keeps the token and the children, with no alert', async () => {
    const { endpoint, fake } = await startFake({
      fault: (_call, index) => (index === 1 ? { code: 'permission_denied' } : undefined),
    });
    let state: ReturnType<typeof useBroadcastToken> | undefined;
    function Grab() {
      state = useBroadcastToken();
      return null;
    }
    render(
      <BroadcastJoinGate {...endpoint} {...room}>
        <Stage />
        <Grab />
      </BroadcastJoinGate>,
    );
    await screen.findByTestId('stage');
    expect(state!.token).toBe(fake.issued[0]!.token);
    let next: string | undefined = 'not yet';
    await act(async () => {
      next = await state!.refresh();
    });
    expect(next).toBeUndefined();
    expect(screen.getByTestId('stage').textContent).toContain(fake.issued[0]!.token);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('given refreshInterval, fetches fresh tokens on its own and keeps the children mounted', async () => {
    const { endpoint, fake, creates } = await startFake();
    const onMount = vi.fn();
    render(
      <RoomTokenProvider {...endpoint} refreshInterval={40}>
        <BroadcastJoinGate {...room}>
          <Stage onMount={onMount} />
        </BroadcastJoinGate>
      </RoomTokenProvider>,
    );
    await waitFor(() => expect(creates().length).toBeGreaterThanOrEqual(3), { timeout: 3000 });
    await waitFor(() => expect(screen.getByTestId('stage').textContent).toContain(fake.issued.at(-1)!.token));
    expect(onMount).toHaveBeenCalledTimes(1);
  });

  it('useBroadcastToken outside a gate throws an error naming BroadcastJoinGate', () => {
    // React reports the error it rethrows; keep the test output quiet.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<Stage />)).toThrow(/BroadcastJoinGate/);
  });

  it('runs a children function again only for a new token, not when an unrelated provider option changes', async () => {
    const { endpoint, fake } = await startFake();
    let runs = 0;
    const renderJoined = (token: string) => {
      runs++;
      return <p data-testid="fn">{token}</p>;
    };
    function App({ timeoutMs }: { timeoutMs: number }) {
      return (
        <RoomTokenProvider {...endpoint} timeoutMs={timeoutMs}>
          <BroadcastJoinGate {...room}>{renderJoined}</BroadcastJoinGate>
        </RoomTokenProvider>
      );
    }
    const view = render(<App timeoutMs={5000} />);
    await waitFor(() => expect(screen.getByTestId('fn').textContent).toBe(fake.issued[0]?.token));
    const before = runs;
    for (const timeoutMs of [6000, 7000, 8000]) view.rerender(<App timeoutMs={timeoutMs} />);
    expect(runs).toBe(before);
  });
});

