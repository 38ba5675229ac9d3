// @vitest-environment jsdom
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { act, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BroadcastJoinGate, RoomTokenProvider, useBroadcastToken, useRoomMemberToken, type TokenRequest } from '../../src';
import { startFake } from './helpers';

// Server-minted tokens are used once per page: each test mints names of its own.
let run = 0;
let tokens: string[] = [];
beforeEach(() => {
  run++;
  tokens = [0, 1, 2].map((i) => `minted-on-the-server-${run}-${i}`);
});

// The requests as a gate sends them: `mcuStream: "true"` included, permissions in another order.
const asGateSends = (roomId: string): TokenRequest => ({
  roomId,
  userId: 'u1',
  permissions: ['PermissionRoom', 'PermissionChat'],
  metadata: { mcuStream: 'true' },
});

function Stage() {
  const { token, roomId } = useBroadcastToken();
  return <p data-testid={`stage-${roomId}`}>{token}</p>;
}

function Page({ rooms, list, endpoint }: { rooms: string[]; list: { request: TokenRequest; token: string }[]; endpoint: { endpoint: string } }) {
  return (
    <RoomTokenProvider {...endpoint} initialTokens={list}>
      {rooms.map((roomId) => (
        <BroadcastJoinGate key={roomId} roomId={roomId} userId="u1" permissions={['PermissionChat', 'PermissionRoom']}>
          <Stage />
        </BroadcastJoinGate>
      ))}
    </RoomTokenProvider>
  );
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 100)));

describe('RoomTokenProvider initialTokens', () => {
  it('given a token for each gate (in StrictMode), every gate shows its own at once and no request is made', async () => {
    const { endpoint, creates } = await startFake();
    const rooms = ['A', 'B', 'C'];
    render(
      <StrictMode>
        <Page rooms={rooms} endpoint={endpoint} list={rooms.map((roomId, i) => ({ request: asGateSends(roomId), token: tokens[i]! }))} />
      </StrictMode>,
    );
    expect(rooms.map((roomId) => screen.getByTestId(`stage-${roomId}`).textContent)).toEqual(tokens);
    await settle();
    expect(creates()).toHaveLength(0);
  });

  it('are shown in the server render', async () => {
    const { endpoint, creates } = await startFake();
    const html = renderToString(<Page rooms={['A', 'B']} endpoint={endpoint} list={[0, 1].map((i) => ({ request: asGateSends('AB'[i]!), token: tokens[i]! }))} />);
    expect(html).toContain(tokens[0]);
    expect(html).toContain(tokens[1]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(creates()).toHaveLength(0);
  });

  it('a request that does not match exactly (no mcuStream, another user) never uses the listed token: it mints', async () => {
    const { endpoint, creates, fake } = await startFake();
    const list = [
      { request: { ...asGateSends('A'), metadata: {} }, token: tokens[0]! },
      { request: { ...asGateSends('B'), userId: 'someone-else' }, token: tokens[1]! },
    ];
    render(<Page rooms={['A', 'B']} endpoint={endpoint} list={list} />);
    expect(await screen.findByTestId('stage-A')).toBeTruthy();
    await screen.findByTestId('stage-B');
    await settle();
    const shown = ['A', 'B'].map((roomId) => screen.getByTestId(`stage-${roomId}`).textContent);
    expect(shown).not.toContain(tokens[0]);
    expect(shown).not.toContain(tokens[1]);
    expect(creates().length).toBeGreaterThanOrEqual(1);
    expect(fake.issued.map((issued) => issued.token).sort()).toEqual([...shown].sort());
  });

  it('is used by hooks too, and once: the provider mounted again with the same list mints afresh', async () => {
    const { endpoint, creates, fake } = await startFake();
    const request = { roomId: 'H', userId: 'u1', permissions: ['PermissionChat' as const] };
    function Hook() {
      return <p data-testid="hook">{useRoomMemberToken(request).token ?? 'none'}</p>;
    }
    const list = [{ request, token: tokens[0]! }];
    const first = render(
      <RoomTokenProvider {...endpoint} initialTokens={list}>
        <Hook />
      </RoomTokenProvider>,
    );
    expect(screen.getByTestId('hook').textContent).toBe(tokens[0]);
    first.unmount();
    render(
      <RoomTokenProvider {...endpoint} initialTokens={list}>
        <Hook />
      </RoomTokenProvider>,
    );
    expect(screen.getByTestId('hook').textContent).not.toBe(tokens[0]);
    await vi.waitFor(() => expect(screen.getByTestId('hook').textContent).toBe(fake.issued[0]?.token), { timeout: 15_000 });
    expect(creates()).toHaveLength(1);
  });

  it('an invalid listed request is a configuration error at render, naming the list', () => {
    expect(() =>
      renderToString(
        <RoomTokenProvider endpoint="/api/room-token" initialTokens={[{ request: { roomId: '', userId: 'u1' }, token: 't' }]}>
          <p>app</p>
        </RoomTokenProvider>,
      ),
    ).toThrow(/initialTokens\[\]\.request\.roomId/);
  });
});
