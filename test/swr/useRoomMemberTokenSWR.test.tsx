// @vitest-environment jsdom
// Issue 22, item 1: the SWR entry, over loopback against the package's fake upstream.
import { renderToString } from 'react-dom/server';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { SWRConfig } from 'swr';
import { beforeEach, describe, expect, it } from 'vitest';
import { BroadcastJoinGate, RoomTokenError, RoomTokenProvider } from '../../src';
import { roomTokenKey, useRoomMemberTokenSWR, type TokenRequest } from '../../src/swr';
import { startFake } from '../react/helpers';

let run = 0;
let room = '';
beforeEach(() => {
  room = `swr-room-${++run}`;
});
const broadcaster = (): TokenRequest => ({ roomId: room, userId: 'u1', permissions: ['PermissionChat'], metadata: { mcuStream: 'true' } });

function Stage({ request }: { request: TokenRequest | null }) {
  const { data, error } = useRoomMemberTokenSWR(request);
  return <p data-testid="stage">{data ?? error?.code ?? 'loading'}</p>;
}

describe('useRoomMemberTokenSWR', () => {
  it("returns SWR's fields; mutate() mints a new token and resolves it", async () => {
    const { endpoint, fake, creates } = await startFake();
    const { result } = renderHook(() => useRoomMemberTokenSWR(broadcaster(), endpoint));
    expect(result.current).toMatchObject({ data: undefined, error: undefined, isLoading: true, isValidating: true });
    await waitFor(() => expect(result.current.data).toBeDefined(), { timeout: 15_000 });
    expect(result.current).toMatchObject({ data: fake.issued[0]!.token, isLoading: false, isValidating: false });

    let minted: string | undefined;
    await act(async () => {
      minted = await result.current.mutate();
    });
    expect(minted).toBe(fake.issued[1]!.token);
    expect(result.current.data).toBe(minted);
    expect(creates()).toHaveLength(2);
  });

  it('null is "not yet": no request', async () => {
    const { endpoint, creates } = await startFake();
    const { result } = renderHook(() => useRoomMemberTokenSWR(null, endpoint));
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(result.current).toMatchObject({ data: undefined, error: undefined, isLoading: false, isValidating: false });
    expect(creates()).toHaveLength(0);
  });

  it('a failure is a RoomTokenError in error', async () => {
    const { endpoint } = await startFake({ fault: { code: 'permission_denied' } });
    const { result } = renderHook(() => useRoomMemberTokenSWR(broadcaster(), endpoint));
    await waitFor(() => expect(result.current.error).toBeInstanceOf(RoomTokenError), { timeout: 15_000 });
    expect(result.current.error!.code).toBe('permission_denied');
    expect(result.current.data).toBeUndefined();
  });

  it("shares the provider's token client with the gate: one call for the same request", async () => {
    const { endpoint, creates, fake } = await startFake({ latencyMs: 30 });
    render(
      <RoomTokenProvider {...endpoint}>
        <BroadcastJoinGate roomId={room} userId="u1" permissions={['PermissionChat']}>
          {(token) => <p data-testid="gate">{token}</p>}
        </BroadcastJoinGate>
        <Stage request={broadcaster()} />
      </RoomTokenProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('stage').textContent).toBe(fake.issued[0]?.token ?? 'no token issued yet'), { timeout: 15_000 });
    expect(screen.getByTestId('gate').textContent).toBe(fake.issued[0]!.token);
    expect(creates()).toHaveLength(1);
  });

  it("uses a token in SWRConfig's fallback under roomTokenKey like initialToken: at once, in the server render too, no request, once", async () => {
    const { endpoint, creates, fake } = await startFake();
    const serverToken = `server-token-${room}`;
    // The key of the request written in another order is the same key.
    const fallback = { [roomTokenKey({ ...broadcaster(), metadata: { mcuStream: 'true' } })]: serverToken };
    const page = (
      <RoomTokenProvider {...endpoint}>
        <SWRConfig value={{ fallback }}>
          <Stage request={broadcaster()} />
        </SWRConfig>
      </RoomTokenProvider>
    );
    expect(renderToString(page)).toContain(serverToken);

    const first = render(page);
    expect(screen.getByTestId('stage').textContent).toBe(serverToken);
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(creates()).toHaveLength(0);
    first.unmount();

    // The same page mounted again (a router replaying it): the token was used, so a new one.
    render(page);
    await waitFor(() => expect(screen.getByTestId('stage').textContent).toBe(fake.issued[0]?.token ?? 'no token issued yet'), { timeout: 15_000 });
    expect(creates()).toHaveLength(1);
  });

  it('never uses a fallback under another key (another request, or a key of the app\'s own)', async () => {
    const { endpoint, fake } = await startFake();
    const fallback = { [roomTokenKey({ ...broadcaster(), userId: 'u2' })]: 'not-for-u1', [room]: 'not-a-token-key', '/api/me': 'app data' };
    render(
      <SWRConfig value={{ fallback }}>
        <RoomTokenProvider {...endpoint}>
          <Stage request={broadcaster()} />
        </RoomTokenProvider>
      </SWRConfig>,
    );
    expect(screen.getByTestId('stage').textContent).toBe('loading');
    await waitFor(() => expect(screen.getByTestId('stage').textContent).toBe(fake.issued[0]?.token ?? 'no token issued yet'), { timeout: 15_000 });
  });
});

describe('roomTokenKey', () => {
  it('is the same for the same request in any permission or metadata order, and differs for another', () => {
    const key = roomTokenKey({ roomId: 'r', userId: 'u', permissions: ['PermissionRoom', 'PermissionChat'], metadata: { b: '2', a: '1' } });
    expect(typeof key).toBe('string');
    expect(roomTokenKey({ roomId: 'r', userId: 'u', permissions: ['PermissionChat', 'PermissionRoom', 'PermissionChat'], metadata: { a: '1', b: '2' } })).toBe(key);
    expect(roomTokenKey({ roomId: 'r', userId: 'u', permissions: ['PermissionChat'], metadata: { a: '1', b: '2' } })).not.toBe(key);
    expect(roomTokenKey({ roomId: 'r2', userId: 'u', permissions: ['PermissionRoom', 'PermissionChat'], metadata: { b: '2', a: '1' } })).not.toBe(key);
  });

  it('refuses a request that cannot be sent, with invalid_argument', () => {
    expect(() => roomTokenKey({ roomId: '', userId: 'u' })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });
});
