// @vitest-environment jsdom
import { StrictMode, useState } from 'react';
import { renderToString } from 'react-dom/server';
import { act, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BroadcastJoinGate, RoomTokenProvider, useBroadcastToken, useRoomMemberToken } from '../../src';
import { startFake } from './helpers';

// Each test has a token of its own: a client uses a server-minted token once, and the hooks
// outside a provider share one client.
let SERVER_TOKEN = '';
let minted = 0;
beforeEach(() => {
  SERVER_TOKEN = `minted-on-the-server-for-room-A-${++minted}`;
});

function Stage() {
  const { token, roomId } = useBroadcastToken();
  return <p data-testid="stage">{`${roomId}:${token}`}</p>;
}

describe('initialToken', () => {
  it('in StrictMode, shows the children with it at once and makes no request', async () => {
    const { endpoint, creates } = await startFake();
    render(
      <StrictMode>
        <BroadcastJoinGate {...endpoint} roomId="A" userId="u1" initialToken={SERVER_TOKEN}>
          <Stage />
        </BroadcastJoinGate>
      </StrictMode>,
    );
    expect(screen.getByTestId('stage').textContent).toBe(`A:${SERVER_TOKEN}`);
    expect(screen.queryByRole('status')).toBeNull();
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(creates()).toHaveLength(0);
  });

  it('is shared with other consumers of the same request; refresh() then makes exactly one call', async () => {
    const { endpoint, creates, fake } = await startFake();
    let refresh: (() => Promise<string | undefined>) | undefined;
    function Hook() {
      const state = useRoomMemberToken({ roomId: 'A', userId: 'u1', metadata: { mcuStream: 'true' } });
      refresh = state.refresh;
      return <p data-testid="hook">{state.token ?? 'none'}</p>;
    }
    render(
      <RoomTokenProvider {...endpoint}>
        <BroadcastJoinGate roomId="A" userId="u1" initialToken={SERVER_TOKEN}>
          <Stage />
        </BroadcastJoinGate>
        <Hook />
      </RoomTokenProvider>,
    );
    expect(screen.getByTestId('hook').textContent).toBe(SERVER_TOKEN);
    await act(async () => {
      await refresh!();
    });
    expect(creates()).toHaveLength(1);
    expect(screen.getByTestId('stage').textContent).toBe(`A:${fake.issued[0]!.token}`);
    expect(screen.getByTestId('hook').textContent).toBe(fake.issued[0]!.token);
  });

  it('given a switch to another room, makes one call for it and never shows the server token for it', async () => {
    const { endpoint, creates, fake } = await startFake({ latencyMs: 30 });
    const shown: string[] = [];
    function Record() {
      const { token, roomId } = useBroadcastToken();
      shown.push(`${roomId}:${token}`);
      return <p data-testid="stage">{`${roomId}:${token}`}</p>;
    }
    function Page() {
      const [roomId, setRoomId] = useState('A');
      return (
        <>
          <BroadcastJoinGate {...endpoint} roomId={roomId} userId="u1" initialToken={SERVER_TOKEN}>
            <Record />
          </BroadcastJoinGate>
          <button onClick={() => setRoomId('B')}>to B</button>
        </>
      );
    }
    render(<Page />);
    act(() => screen.getByText('to B').click());
    await waitFor(() => expect(screen.getByTestId('stage').textContent).toBe(`B:${fake.issued[0]?.token}`));
    expect(creates()).toHaveLength(1);
    expect(fake.issued[0]!.request.roomId).toBe('B');
    expect(shown).not.toContain(`B:${SERVER_TOKEN}`);
  });

  it('is used once: after a switch away and back, the room gets a fresh token, never the server one again', async () => {
    const { endpoint, creates, fake } = await startFake();
    const shown: string[] = [];
    function Record() {
      const { token, roomId } = useBroadcastToken();
      shown.push(`${roomId}:${token}`);
      return <p data-testid="stage">{`${roomId}:${token}`}</p>;
    }
    const page = (roomId: string) => (
      <BroadcastJoinGate {...endpoint} roomId={roomId} userId="u1" initialToken={SERVER_TOKEN}>
        <Record />
      </BroadcastJoinGate>
    );
    const view = render(page('A'));
    expect(screen.getByTestId('stage').textContent).toBe(`A:${SERVER_TOKEN}`);
    view.rerender(page('B'));
    await waitFor(() => expect(screen.getByTestId('stage').textContent).toBe(`B:${fake.issued[0]?.token}`));
    shown.length = 0;
    view.rerender(page('A'));
    await waitFor(() => expect(screen.getByTestId('stage').textContent).toBe(`A:${fake.issued[1]?.token}`));
    expect(shown).not.toContain(`A:${SERVER_TOKEN}`);
    expect(creates()).toHaveLength(2);
  });

  it('given a page replayed from a cache (the same initialToken after a refresh replaced it), mints afresh and never joins with the replaced token', async () => {
    const { endpoint, creates, fake } = await startFake();
    const shown: string[] = [];
    function Record() {
      const { token, refresh } = useBroadcastToken();
      shown.push(token);
      return (
        <button type="button" onClick={() => void refresh()}>
          {token}
        </button>
      );
    }
    let setPage: (page: string) => void = () => {};
    function Router() {
      const [page, set] = useState('live');
      setPage = set;
      // Next's router cache and the back/forward cache mount the page again with the props it had.
      return page === 'live' ? (
        <BroadcastJoinGate roomId="A" userId="u1" initialToken={SERVER_TOKEN}>
          <Record />
        </BroadcastJoinGate>
      ) : (
        <p>elsewhere</p>
      );
    }
    render(
      <RoomTokenProvider {...endpoint}>
        <Router />
      </RoomTokenProvider>,
    );
    expect(screen.getByRole('button').textContent).toBe(SERVER_TOKEN);
    await act(() => screen.getByRole('button').click());
    await waitFor(() => expect(screen.getByRole('button').textContent).toBe(fake.issued[0]?.token));
    act(() => setPage('elsewhere'));
    await act(() => new Promise((resolve) => setTimeout(resolve, 5)));
    shown.length = 0;
    act(() => setPage('live'));
    await waitFor(() => expect(screen.getByRole('button').textContent).toBe(fake.issued[1]?.token));
    expect(creates()).toHaveLength(2);
    expect(shown).not.toContain(SERVER_TOKEN);
  });

  it('renders the children on the server, with no request', async () => {
    const { endpoint, fake } = await startFake();
    const html = renderToString(
      <BroadcastJoinGate {...endpoint} roomId="A" userId="u1" initialToken={SERVER_TOKEN}>
        <Stage />
      </BroadcastJoinGate>,
    );
    expect(html).toContain(`A:${SERVER_TOKEN}`);
    expect(html).not.toContain('role="status"');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.calls).toHaveLength(0);
  });

  it('alone (no token source), renders; refresh() rejects with a configuration error', async () => {
    let refresh: (() => Promise<string | undefined>) | undefined;
    function Grab() {
      refresh = useBroadcastToken().refresh;
      return null;
    }
    render(
      <BroadcastJoinGate roomId="A" userId="u1" initialToken={SERVER_TOKEN}>
        <Stage />
        <Grab />
      </BroadcastJoinGate>,
    );
    expect(screen.getByTestId('stage').textContent).toBe(`A:${SERVER_TOKEN}`);
    await expect(refresh!()).rejects.toMatchObject({ code: 'invalid_argument', message: expect.stringMatching(/endpoint.*dev.*fetchToken/) });
    expect(screen.getByTestId('stage').textContent).toBe(`A:${SERVER_TOKEN}`);
  });

  it('alone, but empty, is no token: rendering throws for the missing source', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() =>
      render(
        <BroadcastJoinGate roomId="A" userId="u1" initialToken="">
          <Stage />
        </BroadcastJoinGate>,
      ),
    ).toThrow(/no token source/);
  });
});
