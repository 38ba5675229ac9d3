const { createElement: h, StrictMode } = require('react');
const { render, screen } = require('@testing-library/react');
const { BroadcastJoinGate, useBroadcastToken } = require('react-room-token');
const { startFake } = require('./support');

let backend;
beforeEach(async () => (backend = await startFake()));
afterEach(() => backend.close());

function Stage() {
  const { token, roomId, userId } = useBroadcastToken();
  return h('p', null, `${userId} joined ${roomId} with ${token}`);
}

test('the gate shows its fallback, then its children with the token of one Create call, under StrictMode', async () => {
  render(h(StrictMode, null, h(BroadcastJoinGate, { ...backend.source, roomId: 'studio-7', userId: 'ada' }, h(Stage))));

  expect(screen.getByRole('status').textContent).toMatch(/Joining/);
  const joined = await screen.findByText(/^ada joined studio-7 with /, {}, { timeout: 30_000 });
  expect(backend.fake.issued).toHaveLength(1);
  expect(joined.textContent).toBe(`ada joined studio-7 with ${backend.fake.issued[0].token}`);
  expect(backend.fake.calls).toHaveLength(1);
  expect(backend.fake.calls[0].body.arguments[0].metadata).toEqual({ mcuStream: 'true' });
});

test('a refused token shows the alert with a Retry button, and no children', async () => {
  await backend.close();
  backend = await startFake({ fault: { code: 'permission_denied', message: 'not a host here' } });

  render(h(BroadcastJoinGate, { ...backend.source, roomId: 'studio-7', userId: 'ada' }, h(Stage)));

  const alert = await screen.findByRole('alert', {}, { timeout: 30_000 });
  // The default view speaks to people; the upstream's message stays in `error.message`.
  expect(alert.textContent).toMatch(/not allowed to join this broadcast/);
  expect(alert.textContent).not.toMatch(/not a host here/);
  expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  expect(screen.queryByText(/joined/)).toBeNull();
});
