// @vitest-environment jsdom
import { Component, StrictMode, Suspense, useState, type ReactNode } from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { RoomTokenError, RoomTokenProvider, useSuspenseRoomMemberToken } from '../../src';
import { startFake } from './helpers';

let room = 0;
const nextRoom = () => `suspense-room-${++room}`;

function Stage({ roomId, onRefresh }: { roomId: string; onRefresh?: (refresh: () => Promise<string | undefined>) => void }) {
  const { token, refresh } = useSuspenseRoomMemberToken({ roomId, userId: 'u1', metadata: { mcuStream: 'true' } });
  onRefresh?.(refresh);
  return <p data-testid="stage">{token}</p>;
}

/** An error boundary with a reset, as react-error-boundary's `resetErrorBoundary`. */
class Boundary extends Component<{ children: ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert">
        {error instanceof RoomTokenError ? `RoomTokenError ${error.code}` : `other ${error.message}`}
        <button onClick={() => this.setState({ error: undefined })}>Try again</button>
      </div>
    );
  }
}

const Loading = () => <p role="status">Joining…</p>;

describe('useSuspenseRoomMemberToken', () => {
  it('suspends until the first token; three components of one request in StrictMode make one call', async () => {
    const { endpoint, creates, fake } = await startFake({ latencyMs: 50 });
    const roomId = nextRoom();
    render(
      <StrictMode>
        <RoomTokenProvider {...endpoint}>
          <Suspense fallback={<Loading />}>
            <Stage roomId={roomId} />
            <Stage roomId={roomId} />
            <Stage roomId={roomId} />
          </Suspense>
        </RoomTokenProvider>
      </StrictMode>,
    );
    expect(screen.getByRole('status').textContent).toBe('Joining…');
    const shown = await screen.findAllByTestId('stage', undefined, { timeout: 15_000 });
    expect(shown.map((p) => p.textContent)).toEqual([0, 1, 2].map(() => fake.issued[0]!.token));
    await act(() => new Promise((resolve) => setTimeout(resolve, 100)));
    expect(creates()).toHaveLength(1);
  });

  it('throws a RoomTokenError to the error boundary; a reset of the boundary fetches again and shows the token', async () => {
    let failing = true;
    const { endpoint, creates, fake } = await startFake({ fault: () => (failing ? { code: 'permission_denied' } : undefined) });
    const roomId = nextRoom();
    // React names an error a boundary caught in the console.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <RoomTokenProvider {...endpoint}>
        <Boundary>
          <Suspense fallback={<Loading />}>
            <Stage roomId={roomId} />
          </Suspense>
        </Boundary>
      </RoomTokenProvider>,
    );
    expect((await screen.findByRole('alert', undefined, { timeout: 15_000 })).textContent).toContain('RoomTokenError permission_denied');
    expect(creates()).toHaveLength(1);
    expect(consoleError.mock.calls.flat()).toContainEqual(expect.objectContaining({ code: 'permission_denied' }));
    consoleError.mockRestore();
    failing = false;
    // A person reads the message before pressing the button.
    await act(() => new Promise((resolve) => setTimeout(resolve, 300)));
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByTestId('stage', undefined, { timeout: 15_000 })).textContent).toBe(fake.issued[0]!.token);
    expect(creates()).toHaveLength(2);
  });

  it('refresh() keeps the children showing: the fallback never comes back, and the new token shows', async () => {
    const { endpoint, fake } = await startFake({ latencyMs: 30 });
    const roomId = nextRoom();
    let refresh: (() => Promise<string | undefined>) | undefined;
    let fallbacks = 0;
    function CountedLoading() {
      fallbacks++;
      return <Loading />;
    }
    render(
      <RoomTokenProvider {...endpoint}>
        <Suspense fallback={<CountedLoading />}>
          <Stage roomId={roomId} onRefresh={(r) => (refresh = r)} />
        </Suspense>
      </RoomTokenProvider>,
    );
    await screen.findByTestId('stage', undefined, { timeout: 15_000 });
    const before = fallbacks;
    let resolved: string | undefined;
    await act(async () => {
      resolved = await refresh!();
    });
    expect(resolved).toBe(fake.issued[1]!.token);
    expect(screen.getByTestId('stage').textContent).toBe(resolved);
    expect(screen.queryByRole('status')).toBeNull();
    expect(fallbacks).toBe(before);
  });

  it('a token given as initialToken renders at once, with no request', async () => {
    const { endpoint, creates } = await startFake();
    const roomId = nextRoom();
    function Given() {
      const { token } = useSuspenseRoomMemberToken({ roomId, userId: 'u1' }, { initialToken: `server-token-${roomId}` });
      return <p data-testid="stage">{token}</p>;
    }
    render(
      <RoomTokenProvider {...endpoint}>
        <Suspense fallback={<Loading />}>
          <Given />
        </Suspense>
      </RoomTokenProvider>,
    );
    expect(screen.getByTestId('stage').textContent).toBe(`server-token-${roomId}`);
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(creates()).toHaveLength(0);
  });

  it('a switch of room inside a transition keeps the old room showing until the new token, with one call for it', async () => {
    const { endpoint, creates, fake } = await startFake({ latencyMs: 50 });
    const [first, second] = [nextRoom(), nextRoom()];
    let go: (() => void) | undefined;
    function Switcher() {
      const [roomId, setRoomId] = useState(first);
      go = () => setRoomId(second);
      return <Stage roomId={roomId} />;
    }
    render(
      <RoomTokenProvider {...endpoint}>
        <Suspense fallback={<Loading />}>
          <Switcher />
        </Suspense>
      </RoomTokenProvider>,
    );
    await screen.findByTestId('stage', undefined, { timeout: 15_000 });
    const { startTransition } = await import('react');
    act(() => startTransition(() => go!()));
    expect(screen.queryByRole('status')).toBeNull();
    await vi.waitFor(() => expect(creates()).toHaveLength(2), { timeout: 15_000 });
    await vi.waitFor(() => expect(screen.getByTestId('stage').textContent).toBe(fake.issued[1]?.token), { timeout: 15_000 });
  });
});
