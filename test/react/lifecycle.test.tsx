// @vitest-environment jsdom
import { StrictMode } from 'react';
import { act, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BroadcastJoinGate, createRoomTokenClient, RoomTokenError, RoomTokenProvider, useRoomMemberToken, type TokenSourceOptions, devMode, batchRequests } from '../../src';
import type { FakeCall } from '../../src/testing';
import { API_KEY, Catch, startFake } from './helpers';

const request = { roomId: 'r1', userId: 'u1' };
type State = ReturnType<typeof useRoomMemberToken>;

function Probe({ options, seen, request: asked = request }: { options?: TokenSourceOptions; seen?: State[]; request?: typeof request | null }) {
  const state = useRoomMemberToken(asked, options);
  seen?.push(state);
  return <p data-testid="probe">{state.token ?? (state.error ? `error:${state.error.code}` : state.isLoading ? 'loading' : 'idle')}</p>;
}

describe('one call per identity', () => {
  it('given refresh() while the first call is in flight, makes one call and keeps its token', async () => {
    // Answers given by hand, so the refresh surely comes while the first call is in flight.
    const calls: { resolve: (token: string) => void; reject: (error: unknown) => void }[] = [];
    const fetchToken = () => new Promise<string>((resolve, reject) => calls.push({ resolve, reject }));
    const seen: State[] = [];
    render(
      <StrictMode>
        <Probe options={{ fetchToken, retry: false }} seen={seen} />
      </StrictMode>,
    );
    await waitFor(() => expect(calls).toHaveLength(1));
    let refreshed: Promise<string | undefined> | undefined;
    act(() => {
      refreshed = seen.at(-1)!.refresh();
    });
    // A second call, had there been one, would fail: the hook would end with an error.
    calls.slice(1).forEach((call) => call.reject(new RoomTokenError('permission_denied', 'no')));
    await act(async () => calls[0]!.resolve('first-token'));
    expect(await refreshed).toBe('first-token');
    expect(screen.getByTestId('probe').textContent).toBe('first-token');
    expect(calls).toHaveLength(1);
  });

  it('code outside React shares calls with the hooks through the provider’s client', async () => {
    const { endpoint, creates, fake } = await startFake({ latencyMs: 30 });
    const client = createRoomTokenClient(endpoint);
    render(
      <RoomTokenProvider client={client}>
        <Probe />
      </RoomTokenProvider>,
    );
    const fromOutside = await client.get(request);
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe(fromOutside));
    expect(creates()).toHaveLength(1);
    expect(await client.refresh(request)).toBe(fake.issued[1]!.token);
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe(fake.issued[1]!.token));
  });
});

describe('options that cannot be meant', () => {
  const cases: [TokenSourceOptions, string][] = [
    [{ retry: { retries: NaN } }, 'retry.retries'],
    [{ retry: { retries: Infinity } }, 'retry.retries'],
    [{ retry: { retries: -1 } }, 'retry.retries'],
    [{ retry: { baseDelayMs: NaN } }, 'retry.baseDelayMs'],
    [{ refreshInterval: -1 }, 'refreshInterval'],
    [{ timeoutMs: NaN }, 'timeoutMs'],
    [{ batch: { maxSize: 16 } as never }, 'batchRequests'],
  ];
  for (const [options, name] of cases) {
    it(`given ${JSON.stringify(options).replace(/null/g, 'NaN')}, throws at render naming ${name}, and sends nothing`, async () => {
      const { endpoint, fake } = await startFake({ fault: { code: 'unavailable' } });
      vi.spyOn(console, 'error').mockImplementation(() => {});
      render(
        <Catch>
          <Probe options={{ ...endpoint, ...options }} />
        </Catch>,
      );
      expect(screen.getByRole('alert').textContent).toContain(name);
      await act(() => new Promise((resolve) => setTimeout(resolve, 30)));
      expect(fake.calls).toHaveLength(0);
    });
  }
});

describe('dev mode', () => {
  it('given a null request in a production build with dev mode, reports nothing: nothing would be sent', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const seen: State[] = [];
    render(<Probe request={null} options={{ dev: devMode({ apiKey: API_KEY }) }} seen={seen} />);
    expect(seen.at(-1)).toMatchObject({ token: undefined, error: undefined, isLoading: false });
    expect(screen.getByTestId('probe').textContent).toBe('idle');
  });

  for (const apiKey of [undefined, '', '  ']) {
    it(`given dev.apiKey ${JSON.stringify(apiKey)} (a misspelt environment variable), fails before sending, naming dev.apiKey`, async () => {
      const { url, fake } = await startFake();
      const seen: State[] = [];
      render(<Probe options={{ dev: devMode({ apiKey: apiKey as string, baseUrl: url }) }} seen={seen} />);
      expect(screen.getByTestId('probe').textContent).toBe('error:failed_precondition');
      expect(seen.at(-1)!.error!.message).toContain('dev.apiKey');
      await act(() => new Promise((resolve) => setTimeout(resolve, 30)));
      expect(fake.calls).toHaveLength(0);
    });
  }
});

describe('the default error view speaks to people', () => {
  const room = { roomId: 'r1', userId: 'u1' };
  it('a denial: not allowed, with Retry (signing in can change it); the server text stays in error.message', async () => {
    const { endpoint } = await startFake({ fault: { code: 'permission_denied', message: 'arguments[0] is not allowed' } });
    render(
      <BroadcastJoinGate {...endpoint} {...room}>
        <p>joined</p>
      </BroadcastJoinGate>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('You are not allowed to join this broadcast.Retry');
    expect(alert.textContent).not.toContain('arguments[0]');
  });

  it('an outage: unavailable, with Retry', async () => {
    const { endpoint } = await startFake({ fault: { code: 'unavailable' } });
    render(
      <BroadcastJoinGate {...endpoint} {...room} retry={false}>
        <p>joined</p>
      </BroadcastJoinGate>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('The broadcast service is not available right now.Retry');
  });

  it('a refused dev mode: not set up, and no Retry that could never succeed', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    render(
      <BroadcastJoinGate dev={devMode({ apiKey: API_KEY })} {...room}>
        <p>joined</p>
      </BroadcastJoinGate>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Joining this broadcast is not set up correctly.');
    expect(screen.queryByRole('button')).toBeNull();
    expect(alert.textContent).not.toContain(API_KEY);
  });

  it('an error Retry can fix: Retry asks again and joins', async () => {
    const { endpoint, creates } = await startFake({ fault: (_c, i) => (i === 0 ? { code: 'unavailable' } : undefined) });
    render(
      <BroadcastJoinGate {...endpoint} {...room} retry={false}>
        <p>joined</p>
      </BroadcastJoinGate>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('joined')).toBeTruthy();
    expect(creates()).toHaveLength(2);
  });
});

describe('batches split only where one member can be at fault', () => {
  const argumentsOf = (call: FakeCall) => (call.body as { arguments: unknown[] }).arguments.length;
  function Two({ endpoint }: { endpoint: TokenSourceOptions }) {
    return (
      <RoomTokenProvider {...endpoint} retry={false} batch={batchRequests()}>
        {['a', 'b'].map((roomId) => (
          <BroadcastJoinGate key={roomId} roomId={roomId} userId="u1" errorFallback={({ error }) => <p role="alert">{`${roomId}:${error.code}`}</p>}>
            <p>{`joined ${roomId}`}</p>
          </BroadcastJoinGate>
        ))}
      </RoomTokenProvider>
    );
  }

  it('given a 404 for a batched call (a wrong URL is every member’s fault), makes one call, and both fail', async () => {
    const { endpoint, creates } = await startFake({ fault: { status: 404, body: 'no such page' } });
    render(<Two endpoint={endpoint} />);
    await waitFor(() => expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['a:unimplemented', 'b:unimplemented']));
    expect(creates().map(argumentsOf)).toEqual([2]);
  });

  it('given invalid_argument for a batched call, asks each member alone, so only the bad one fails', async () => {
    const { endpoint, creates } = await startFake({
      fault: (call) => {
        const rooms = (call.body as { arguments: { room_id: string }[] }).arguments.map((a) => a.room_id);
        return rooms.includes('b') ? { code: 'invalid_argument', message: 'no room b' } : undefined;
      },
    });
    render(<Two endpoint={endpoint} />);
    expect(await screen.findByText('joined a')).toBeTruthy();
    expect((await screen.findByRole('alert')).textContent).toBe('b:invalid_argument');
    expect(creates().map(argumentsOf)).toEqual([2, 1, 1]);
  });
});

describe('errors are typed', () => {
  it('a fetchToken rejecting with a plain Error gives a RoomTokenError', async () => {
    const seen: State[] = [];
    render(<Probe options={{ fetchToken: () => Promise.reject(new Error('offline')), retry: false }} seen={seen} />);
    await waitFor(() => expect(seen.at(-1)!.error).toBeInstanceOf(RoomTokenError));
  });
});

describe('Retry-After from the server', () => {
  it('given a 429 asking to wait 60 s, longer than retry.maxDelayMs, shows the error at once with retryAfterMs: one call', async () => {
    const { endpoint, creates } = await startFake({ fault: { code: 'resource_exhausted', message: 'slow down', headers: { 'retry-after': '60' } } });
    const seen: State[] = [];
    render(<Probe options={{ ...endpoint, retry: { maxDelayMs: 8000 } }} seen={seen} />);
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe('error:resource_exhausted'));
    expect(seen.at(-1)!.error!.retryAfterMs).toBe(60_000);
    expect(creates()).toHaveLength(1);
  });
});
