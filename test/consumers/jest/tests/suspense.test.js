// useSuspenseRoomMemberToken under the React of this project (19, and 18.3 in jest-react-18):
// suspends for the first token with one call, throws a RoomTokenError to the error boundary,
// fetches again after a reset; a server render without a server-minted token shows the fallback.
const { Component, StrictMode, Suspense, createElement: h } = require('react');
const { renderToString } = require('react-dom/server');
const { act, fireEvent, render, screen } = require('@testing-library/react');
const { RoomTokenError, RoomTokenProvider, useSuspenseRoomMemberToken } = require('react-room-token');
const { startFake } = require('./support');

let backend;
afterEach(() => backend.close());

let run = 0;
const request = () => ({ roomId: `suspense-${++run}`, userId: 'ada', metadata: { mcuStream: 'true' } });

function Stage({ asked }) {
  return h('p', { 'data-testid': 'stage' }, useSuspenseRoomMemberToken(asked).token);
}

class Boundary extends Component {
  constructor(props) {
    super(props);
    this.state = { error: undefined };
  }
  static getDerivedStateFromError(error) {
    return { error };
  }
  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return h('div', { role: 'alert' }, error instanceof RoomTokenError ? `RoomTokenError ${error.code}` : 'other', h('button', { onClick: () => this.setState({ error: undefined }) }, 'Try again'));
  }
}

const page = (source, children) => h(RoomTokenProvider, source, h(Boundary, null, h(Suspense, { fallback: h('p', { role: 'status' }, 'Joining…') }, children)));

test('suspends until the first token; two components of one request in StrictMode make one call', async () => {
  backend = await startFake({ latencyMs: 30 });
  const asked = request();
  render(h(StrictMode, null, page(backend.source, [h(Stage, { key: 1, asked }), h(Stage, { key: 2, asked })])));
  expect(screen.getByRole('status').textContent).toBe('Joining…');
  const shown = await screen.findAllByTestId('stage', undefined, { timeout: 30_000 });
  expect(shown.map((p) => p.textContent)).toEqual([backend.fake.issued[0].token, backend.fake.issued[0].token]);
  expect(backend.fake.calls).toHaveLength(1);
});

test('a failure reaches the error boundary as a RoomTokenError; a reset fetches again', async () => {
  let failing = true;
  backend = await startFake({ fault: () => (failing ? { code: 'permission_denied' } : undefined) });
  const consoleError = jest.spyOn(console, 'error').mockImplementation(() => {});
  render(page(backend.source, h(Stage, { asked: request() })));
  expect((await screen.findByRole('alert', undefined, { timeout: 30_000 })).textContent).toContain('RoomTokenError permission_denied');
  expect(backend.fake.calls).toHaveLength(1);
  // React names the caught error in the console (React 18: with its own words around it).
  expect(consoleError).toHaveBeenCalled();
  consoleError.mockRestore();
  failing = false;
  await act(() => new Promise((resolve) => setTimeout(resolve, 300)));
  fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
  expect((await screen.findByTestId('stage', undefined, { timeout: 30_000 })).textContent).toBe(backend.fake.issued[0].token);
  expect(backend.fake.calls).toHaveLength(2);
});

test('a server render without a server-minted token makes no request and holds the fallback; with one, the children', async () => {
  backend = await startFake();
  const asked = request();
  const without = renderToString(page(backend.source, h(Stage, { asked })));
  expect(without).toContain('Joining…');
  expect(without).not.toContain('data-testid="stage"');
  const withToken = renderToString(h(RoomTokenProvider, { ...backend.source, initialTokens: [{ request: asked, token: 'server-token' }] }, h(Suspense, { fallback: 'wait' }, h(Stage, { asked }))));
  expect(withToken).toContain('server-token');
  expect(backend.fake.calls).toHaveLength(0);
});
