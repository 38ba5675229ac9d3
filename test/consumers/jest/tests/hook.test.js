const { renderHook, waitFor, act } = require('@testing-library/react');
const { useRoomMemberToken, RoomTokenError } = require('react-room-token');
const server = require('react-room-token/server');
const testing = require('react-room-token/testing');
const { startFake } = require('./support');

let backend;
afterEach(() => backend.close());

const request = { roomId: 'studio-7', userId: 'ada', permissions: ['PermissionChatMute'] };

test('the hook resolves a token, and refresh() resolves a new one from a second call', async () => {
  backend = await startFake();
  const { result } = renderHook(() => useRoomMemberToken(request, backend.source));

  expect(result.current.isLoading).toBe(true);
  // A token first: before one is issued both sides are undefined, and a refresh then would join the first call.
  await waitFor(() => expect(result.current.token).toBeDefined(), { timeout: 30_000 });
  expect(result.current.token).toBe(backend.fake.issued[0].token);

  let refreshed;
  await act(async () => {
    refreshed = await result.current.refresh();
  });
  expect(refreshed).toBe(backend.fake.issued[1].token);
  expect(result.current.token).toBe(refreshed);
  expect(backend.fake.calls).toHaveLength(2);
});

test("the hook's error is a RoomTokenError of every entry: one copy of core", async () => {
  backend = await startFake({ fault: { code: 'permission_denied', message: 'no' } });
  const { result } = renderHook(() => useRoomMemberToken(request, backend.source));

  await waitFor(() => expect(result.current.error).toBeDefined(), { timeout: 30_000 });
  const { error } = result.current;
  expect(error.code).toBe('permission_denied');
  expect(error).toBeInstanceOf(RoomTokenError);
  expect(error).toBeInstanceOf(server.RoomTokenError);
  expect(error).toBeInstanceOf(testing.RoomTokenError);
  expect(server.RoomTokenError).toBe(RoomTokenError);
  expect(testing.RoomTokenError).toBe(RoomTokenError);
});
