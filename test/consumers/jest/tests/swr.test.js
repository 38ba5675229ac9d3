// react-room-token/swr with the swr of this project (2.5.1 with React 19; 2.0.4, the lowest
// of the peer range, with React 18.3 in jest-react-18), loaded with require.
const { createElement: h } = require('react');
const { renderToString } = require('react-dom/server');
const { act, renderHook, waitFor } = require('@testing-library/react');
const { SWRConfig } = require('swr');
const { useRoomMemberTokenSWR, roomTokenKey, RoomTokenError } = require('react-room-token/swr');
const main = require('react-room-token');
const { startFake } = require('./support');

let backend;
afterEach(() => backend.close());

let run = 0;
const request = () => ({ roomId: `swr-${++run}`, userId: 'ada', permissions: ['PermissionChat'] });

test("SWR's fields; mutate() mints anew; an app SWRConfig with refreshInterval and suspense changes nothing", async () => {
  backend = await startFake();
  const asked = request();
  const wrapper = ({ children }) => h(SWRConfig, { value: { refreshInterval: 20, suspense: true, revalidateOnMount: false } }, children);
  const { result } = renderHook(() => useRoomMemberTokenSWR(asked, backend.source), { wrapper });
  await waitFor(() => expect(result.current.data).toBeDefined(), { timeout: 30_000 });
  expect(result.current).toMatchObject({ data: backend.fake.issued[0].token, error: undefined, isLoading: false, isValidating: false });
  await act(() => new Promise((resolve) => setTimeout(resolve, 200)));
  expect(backend.fake.calls).toHaveLength(1);

  let minted;
  await act(async () => {
    minted = await result.current.mutate();
  });
  expect(minted).toBe(backend.fake.issued[1].token);
  expect(result.current.data).toBe(minted);
});

test("a token in SWRConfig's fallback under roomTokenKey is shown at once, on the server and on mount, with no request", async () => {
  backend = await startFake();
  const asked = request();
  const fallback = { [roomTokenKey(asked)]: 'server-token' };
  function Probe() {
    return h('p', null, useRoomMemberTokenSWR(asked, backend.source).data ?? 'loading');
  }
  expect(renderToString(h(SWRConfig, { value: { fallback } }, h(Probe)))).toBe('<p>server-token</p>');
  const { result } = renderHook(() => useRoomMemberTokenSWR(asked, backend.source), { wrapper: ({ children }) => h(SWRConfig, { value: { fallback } }, children) });
  expect(result.current.data).toBe('server-token');
  await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
  expect(backend.fake.calls).toHaveLength(0);
  expect(RoomTokenError).toBe(main.RoomTokenError);
});
