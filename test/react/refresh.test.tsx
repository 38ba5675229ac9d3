// @vitest-environment jsdom
import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RoomTokenProvider, useRoomMemberToken, batchRequests } from '../../src';
import { startFake } from './helpers';

const request = { roomId: 'r1', userId: 'u1' };
type State = ReturnType<typeof useRoomMemberToken>;

function Probe({ id, seen }: { id: number; seen?: State[] }) {
  const state = useRoomMemberToken(request);
  seen?.push(state);
  return <p data-testid={`p${id}`}>{state.token ?? (state.error ? `error:${state.error.code}` : 'waiting')}</p>;
}

describe('refreshing', () => {
  it('two refresh() calls at once mint one token, and both resolve it', async () => {
    const { endpoint, creates, fake } = await startFake({ latencyMs: 20 });
    const seen: State[] = [];
    render(
      <RoomTokenProvider {...endpoint}>
        <Probe id={1} seen={seen} />
        <Probe id={2} />
      </RoomTokenProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('p1').textContent).toBe(fake.issued[0]?.token));
    let results: (string | undefined)[] = [];
    await act(async () => {
      results = await Promise.all([seen.at(-1)!.refresh(), seen.at(-1)!.refresh()]);
    });
    expect(creates()).toHaveLength(2);
    expect(results).toEqual([fake.issued[1]!.token, fake.issued[1]!.token]);
    expect(screen.getByTestId('p2').textContent).toBe(fake.issued[1]!.token);
  });

  it('refreshInterval runs one timer per request, however many consumers it has', async () => {
    const { endpoint, creates } = await startFake();
    render(
      <RoomTokenProvider {...endpoint} refreshInterval={50}>
        {[1, 2, 3, 4, 5].map((id) => (
          <Probe key={id} id={id} />
        ))}
      </RoomTokenProvider>,
    );
    await waitFor(() => expect(creates().length).toBeGreaterThanOrEqual(4), { timeout: 3000 });
    // Each refresh is one call for all five consumers: they always show the same token.
    const shown = new Set([1, 2, 3, 4, 5].map((id) => screen.getByTestId(`p${id}`).textContent));
    expect(shown.size).toBe(1);
    const calls = creates().length;
    await act(() => new Promise((resolve) => setTimeout(resolve, 120)));
    // About two more ticks at 50 ms; five timers would have made about ten more calls.
    expect(creates().length - calls).toBeLessThanOrEqual(4);
  });

  it('refreshInterval keeps going after a refresh fails', async () => {
    const { endpoint, creates, fake } = await startFake({ fault: (_c, i) => (i === 1 ? { code: 'permission_denied' } : undefined) });
    render(
      <RoomTokenProvider {...endpoint} refreshInterval={40} retry={false}>
        <Probe id={1} />
      </RoomTokenProvider>,
    );
    await waitFor(() => expect(creates().length).toBeGreaterThanOrEqual(3), { timeout: 3000 });
    await waitFor(() => expect(screen.getByTestId('p1').textContent).toBe(fake.issued.at(-1)!.token));
  });
});

describe('failures that are not worth retrying, and ones from the app', () => {
  it('does not retry a body the server refuses as too large (413)', async () => {
    const { endpoint, creates } = await startFake({ fault: { code: 'resource_exhausted', status: 413, message: 'too large' } });
    render(
      <RoomTokenProvider {...endpoint} retry={{ baseDelayMs: 1 }}>
        <Probe id={1} />
      </RoomTokenProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('p1').textContent).toBe('error:resource_exhausted'));
    expect(creates()).toHaveLength(1);
  });

  it('still retries a 429 rate limit', async () => {
    const { endpoint, creates, fake } = await startFake({ fault: (_c, i) => (i === 0 ? { code: 'resource_exhausted', message: 'slow down' } : undefined) });
    render(
      <RoomTokenProvider {...endpoint} retry={{ baseDelayMs: 1 }}>
        <Probe id={1} />
      </RoomTokenProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('p1').textContent).toBe(fake.issued[0]?.token));
    expect(creates()).toHaveLength(2);
  });

  it('a headers function that throws gives a RoomTokenError, and nothing is sent', async () => {
    const { endpoint, fake } = await startFake();
    const seen: State[] = [];
    render(
      <RoomTokenProvider
        endpoint={endpoint.endpoint}
        headers={() => {
          throw new Error('no session');
        }}
      >
        <Probe id={1} seen={seen} />
      </RoomTokenProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('p1').textContent).toBe('error:unknown'));
    expect(seen.at(-1)!.error!.message).toContain('no session');
    expect(fake.calls).toHaveLength(0);
  });

  it('an invalid batchRequests maxSize throws where the batcher is made, instead of freezing the page', () => {
    expect(() => batchRequests({ maxSize: 0 })).toThrow(/batchRequests maxSize must be a whole number above 0, got 0/);
  });
});
