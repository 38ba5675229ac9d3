// @vitest-environment jsdom
import { Profiler, StrictMode, useState } from 'react';
import { act, render, screen, waitFor } from '@testing-library/react';
import { SWRConfig, mutate as globalMutate, useSWRConfig, type Cache } from 'swr';
import { describe, expect, it } from 'vitest';
import { RoomTokenProvider, useRoomMemberToken } from '../../src';
import { startFake } from './helpers';

const request = { roomId: 'room-1', userId: 'user-1', permissions: ['PermissionChat' as const] };

function Consumer({ id }: { id: number }) {
  const { token } = useRoomMemberToken(request);
  return <p data-testid={`c${id}`}>{token ?? 'waiting'}</p>;
}

describe('sharing one request', () => {
  it('given eight consumers of the same request inside StrictMode, makes exactly one request', async () => {
    const { endpoint, creates, fake } = await startFake({ latencyMs: 20 });
    let commits = 0;
    render(
      <StrictMode>
        <Profiler id="consumers" onRender={() => commits++}>
          <RoomTokenProvider {...endpoint}>
            {Array.from({ length: 8 }, (_, i) => (
              <Consumer key={i} id={i} />
            ))}
          </RoomTokenProvider>
        </Profiler>
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByTestId('c7').textContent).not.toBe('waiting'));
    expect(creates()).toHaveLength(1);
    const token = fake.issued[0]!.token;
    for (let i = 0; i < 8; i++) expect(screen.getByTestId(`c${i}`).textContent).toBe(token);
    // The first (waiting) commit and the token's: nothing more for eight consumers.
    expect(commits).toBeLessThanOrEqual(2);
  });

  it('given a consumer still mounted, a later consumer reuses its token; once none is, the next mount mints a new one', async () => {
    const { endpoint, creates, fake } = await startFake();
    function Page() {
      const [second, setSecond] = useState(false);
      const [first, setFirst] = useState(true);
      return (
        <>
          {first && <Consumer id={1} />}
          {second && <Consumer id={2} />}
          <button onClick={() => setSecond(true)}>second</button>
          <button onClick={() => setFirst(false)}>unmount first</button>
        </>
      );
    }
    const view = render(
      <RoomTokenProvider {...endpoint}>
        <Page />
      </RoomTokenProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('c1').textContent).toBe(fake.issued[0]?.token));
    act(() => screen.getByText('second').click());
    expect(screen.getByTestId('c2').textContent).toBe(fake.issued[0]!.token);
    expect(creates()).toHaveLength(1);

    view.unmount();
    await new Promise((resolve) => setTimeout(resolve, 10));
    render(
      <RoomTokenProvider {...endpoint}>
        <Consumer id={3} />
      </RoomTokenProvider>,
    );
    await waitFor(() => expect(creates()).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId('c3').textContent).toBe(fake.issued[1]?.token));
    expect(fake.issued[1]!.token).not.toBe(fake.issued[0]!.token);
  });

  it("keeps tokens out of the app's SWR cache, so the app's mutate-everything never re-mints them", async () => {
    const { endpoint, creates, fake } = await startFake();
    const appCache = new Map() as unknown as Cache;
    let appMutate: ReturnType<typeof useSWRConfig>['mutate'] | undefined;
    function App() {
      appMutate = useSWRConfig().mutate;
      return <Consumer id={1} />;
    }
    render(
      <SWRConfig value={{ provider: () => appCache }}>
        <RoomTokenProvider {...endpoint}>
          <App />
        </RoomTokenProvider>
      </SWRConfig>,
    );
    await waitFor(() => expect(screen.getByTestId('c1').textContent).toBe(fake.issued[0]?.token));
    expect([...appCache.keys()]).toEqual([]);
    await act(() => appMutate!(() => true));
    await act(() => globalMutate(() => true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(creates()).toHaveLength(1);
    expect(screen.getByTestId('c1').textContent).toBe(fake.issued[0]!.token);
  });

  it("given a remount right after an unmount mid-request, the old call's late failure never reaches the new mount", async () => {
    let calls = 0;
    // The first call ignores its abort signal and fails late, as a slow custom source may.
    const fetchToken = () =>
      ++calls === 1
        ? new Promise<string>((_, reject) => setTimeout(() => reject(new Error('late failure')), 60))
        : Promise.resolve(`fresh-${calls}`);
    const seen: string[] = [];
    function Watch() {
      const { token, error } = useRoomMemberToken(request);
      seen.push(error ? `error:${error.message}` : (token ?? 'waiting'));
      return <p data-testid="watch">{token ?? 'waiting'}</p>;
    }
    let setShown: (shown: boolean) => void = () => {};
    function Page() {
      const [shown, set] = useState(true);
      setShown = set;
      return shown ? <Watch /> : null;
    }
    render(
      <RoomTokenProvider fetchToken={fetchToken} retry={false}>
        <Page />
      </RoomTokenProvider>,
    );
    await waitFor(() => expect(calls).toBe(1));
    act(() => setShown(false));
    await act(() => new Promise((resolve) => setTimeout(resolve, 5)));
    seen.length = 0;
    act(() => setShown(true));
    await waitFor(() => expect(screen.getByTestId('watch').textContent).toBe('fresh-2'));
    await act(() => new Promise((resolve) => setTimeout(resolve, 100)));
    expect(seen.filter((state) => state.startsWith('error'))).toEqual([]);
    expect(screen.getByTestId('watch').textContent).toBe('fresh-2');
  });
});

