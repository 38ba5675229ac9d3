// @vitest-environment jsdom
import { useState } from 'react';
import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createRoomMemberTokens, RoomTokenError, RoomTokenProvider, useRoomMemberToken, type TokenRequest } from '../../src';
import { API_KEY, startFake } from './helpers';

type State = ReturnType<typeof useRoomMemberToken>;

function Probe({ request, options, seen }: { request: TokenRequest | null; options?: Parameters<typeof useRoomMemberToken>[1]; seen?: State[] }) {
  const state = useRoomMemberToken(request, options);
  seen?.push(state);
  return (
    <p data-testid="probe">
      {state.token ?? (state.error ? `error:${state.error.code}` : state.isLoading ? 'loading' : 'idle')}
    </p>
  );
}

const tick = (ms = 30) => act(() => new Promise((resolve) => setTimeout(resolve, ms)));

describe('useRoomMemberToken', () => {
  it('given a null request, makes no request and is neither loading nor failed', async () => {
    const { endpoint, fake } = await startFake();
    render(<Probe request={null} options={endpoint} />);
    await tick();
    expect(screen.getByTestId('probe').textContent).toBe('idle');
    expect(fake.calls).toHaveLength(0);
  });

  it('given the room switches while a slower request for the old room runs, never shows the old room\'s token', async () => {
    const { endpoint, fake } = await startFake({
      latencyMs: (call) => ((call.body as { arguments: { room_id: string }[] }).arguments[0]!.room_id === 'old' ? 150 : 0),
    });
    const seen: State[] = [];
    function Switcher() {
      const [roomId, setRoomId] = useState('old');
      return (
        <>
          <Probe request={{ roomId, userId: 'u1' }} options={endpoint} seen={seen} />
          <button onClick={() => setRoomId('new')}>switch</button>
        </>
      );
    }
    render(<Switcher />);
    await waitFor(() => expect(fake.calls).toHaveLength(1));
    act(() => screen.getByText('switch').click());
    const newToken = () => fake.issued.find((t) => t.request.roomId === 'new')?.token;
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe(newToken()));
    // Let the old room's slow answer arrive (or be cut off) before looking back.
    await tick(250);
    const oldToken = fake.issued.find((t) => t.request.roomId === 'old')?.token;
    expect(seen.map((s) => s.token)).not.toContain(oldToken ?? 'none issued');
    expect(screen.getByTestId('probe').textContent).toBe(newToken());
  });

  it('makes no new request when the window regains focus, the tab becomes visible, or the browser goes online', async () => {
    const { endpoint, creates, fake } = await startFake();
    render(<Probe request={{ roomId: 'r1', userId: 'u1' }} options={endpoint} />);
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe(fake.issued[0]?.token));
    await act(async () => {
      window.dispatchEvent(new Event('focus'));
      document.dispatchEvent(new Event('visibilitychange'));
      window.dispatchEvent(new Event('online'));
    });
    await tick(60);
    expect(creates()).toHaveLength(1);
  });

  it('given invalid input, shows an invalid_argument error and sends nothing', async () => {
    const { endpoint, fake } = await startFake();
    const seen: State[] = [];
    render(<Probe request={{ roomId: 'r1', userId: 'u1', permissions: ['permissionchat' as never] }} options={endpoint} seen={seen} />);
    expect(screen.getByTestId('probe').textContent).toBe('error:invalid_argument');
    expect(seen.at(-1)!.error!.message).toContain('PermissionChat');
    render(<Probe request={{ roomId: '', userId: 'u1' }} options={endpoint} />);
    render(<Probe request={{ roomId: 'r', userId: 'u1', metadata: { mcuStream: true as never } }} options={endpoint} />);
    expect(screen.getAllByTestId('probe').map((p) => p.textContent)).toEqual(Array(3).fill('error:invalid_argument'));
    await tick();
    expect(fake.calls).toHaveLength(0);
  });

  it('error is always a RoomTokenError, even when a custom fetchToken throws something else', async () => {
    const seen: State[] = [];
    render(
      <Probe
        request={{ roomId: 'r1', userId: 'u1' }}
        options={{ fetchToken: () => Promise.reject(new Error('session expired')), retry: false }}
        seen={seen}
      />,
    );
    await waitFor(() => expect(seen.at(-1)?.error).toBeDefined());
    expect(seen.at(-1)!.error).toBeInstanceOf(RoomTokenError);
    expect(seen.at(-1)!.error!.message).toContain('session expired');
  });

  it('a hook naming fetchToken under a provider with endpoint uses fetchToken alone', async () => {
    const { endpoint, fake } = await startFake();
    render(
      <RoomTokenProvider {...endpoint}>
        <Probe request={{ roomId: 'r1', userId: 'u1' }} options={{ fetchToken: async (req) => `custom-${req.roomId}` }} />
      </RoomTokenProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe('custom-r1'));
    expect(fake.calls).toHaveLength(0);
  });

  it('an inline fetchToken arrow that changes every render causes no refetch, and the latest one is used', async () => {
    const calls: string[] = [];
    function Page() {
      const [n, setN] = useState(0);
      return (
        <>
          <Probe request={{ roomId: 'r1', userId: 'u1' }} options={{ fetchToken: async () => (calls.push(`v${n}`), `token-v${n}`) }} />
          <button onClick={() => setN((x) => x + 1)}>rerender</button>
        </>
      );
    }
    render(<Page />);
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe('token-v0'));
    act(() => screen.getByText('rerender').click());
    act(() => screen.getByText('rerender').click());
    await tick();
    expect(calls).toEqual(['v0']);
  });

  it('given a failed refresh, resolves undefined, keeps the token and sets error', async () => {
    const { endpoint, fake } = await startFake({ fault: (_c, i) => (i === 1 ? { code: 'permission_denied' } : undefined) });
    const seen: State[] = [];
    render(<Probe request={{ roomId: 'r1', userId: 'u1' }} options={endpoint} seen={seen} />);
    await waitFor(() => expect(seen.at(-1)?.token).toBeDefined());
    expect(seen.at(-1)!.token).toBe(fake.issued[0]!.token);
    let next: string | undefined = 'pending';
    await act(async () => {
      next = await seen.at(-1)!.refresh();
    });
    expect(next).toBeUndefined();
    expect(seen.at(-1)!.token).toBe(fake.issued[0]!.token);
    expect(seen.at(-1)!.error?.code).toBe('permission_denied');
  });

  it('given an unmount during a request, logs nothing, and aborts it once no component waits for it', async () => {
    const { url } = await startFake({ latencyMs: 200 });
    const signals: AbortSignal[] = [];
    const fetchToken = async (request: TokenRequest, { signal }: { signal: AbortSignal }) => {
      signals.push(signal);
      const [token] = await createRoomMemberTokens([request], { baseUrl: url, apiKey: API_KEY, signal });
      return token!;
    };
    const consoleSpies = (['log', 'warn', 'error', 'info', 'debug'] as const).map((name) => vi.spyOn(console, name));
    function Page() {
      const [count, setCount] = useState(2);
      return (
        <>
          {Array.from({ length: count }, (_, i) => (
            <Probe key={i} request={{ roomId: 'r1', userId: 'u1' }} options={{ fetchToken }} />
          ))}
          <button onClick={() => setCount((c) => c - 1)}>fewer</button>
        </>
      );
    }
    render(<Page />);
    await waitFor(() => expect(signals).toHaveLength(1));
    act(() => screen.getByText('fewer').click());
    await tick(10);
    expect(signals[0]!.aborted).toBe(false);
    act(() => screen.getByText('fewer').click());
    await tick(10);
    expect(signals[0]!.aborted).toBe(true);
    await tick(250);
    for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
  });
});
