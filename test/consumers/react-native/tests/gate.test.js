// The gate on React Native: its default views are React Native primitives (found by their
// accessibility roles), with the web's texts and Retry rule, against the package's fake on
// loopback, with React Native's fetch (no body stream) and AbortController (no statics).
// ES imports (Babel makes them live bindings): Testing Library's `screen` is set by render().
import { act, fireEvent, render, screen } from '@testing-library/react-native';
import { AppState, Text } from 'react-native';
import { BroadcastJoinGate, RoomTokenProvider } from 'react-room-token';
import { startFake, installReactNativeRuntime } from './support';

const seen = installReactNativeRuntime();
let server;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

test('the runtime is React Native\'s: no AbortSignal statics, answers without a body', async () => {
  server = await startFake();
  expect(typeof globalThis.AbortSignal.timeout).toBe('undefined');
  expect(typeof globalThis.AbortSignal.any).toBe('undefined');
  const answer = await fetch(server.source.endpoint, { method: 'POST' });
  expect(answer.body).toBeUndefined();
});

test('loading, then the error view with Retry, then Retry joins with the fake\'s token', async () => {
  // The first call meets an outage; the next one is answered.
  server = await startFake({ fault: (_call, index) => (index === 0 ? { code: 'unavailable', message: 'down' } : undefined) });
  const reads = seen.textReads;

  await render(
    // A loaded CI machine can take seconds per loopback call: no attempt here may time out.
    <BroadcastJoinGate {...server.source} retry={false} timeoutMs={120_000} roomId="r1" userId="u1">
      {(token) => <Text testID="joined">{token}</Text>}
    </BroadcastJoinGate>,
  );
  expect(screen.getByText('Joining the broadcast…')).toBeTruthy();
  expect(screen.getByRole('status')).toBeTruthy();

  expect(await screen.findByText('The broadcast service is not available right now.', {}, { timeout: 30_000 })).toBeTruthy();
  expect(screen.getByRole('alert')).toBeTruthy();
  await fireEvent.press(screen.getByRole('button', { name: 'Retry' }));

  const joined = await screen.findByTestId('joined', {}, { timeout: 30_000 });
  expect(joined.props.children).toBe(server.fake.issued[0].token);
  expect(server.creates()).toBe(2);
  expect(seen.textReads - reads).toBe(2);
});

test('a denial shows its text and Retry; a set-up error shows no Retry', async () => {
  server = await startFake({ fault: (call) => (call.body.arguments[0].room_id === 'denied' ? { code: 'permission_denied' } : { code: 'invalid_argument' }) });

  await render(
    <>
      <BroadcastJoinGate {...server.source} retry={false} roomId="denied" userId="u1">
        <Text>joined</Text>
      </BroadcastJoinGate>
      <BroadcastJoinGate {...server.source} retry={false} roomId="broken" userId="u1">
        <Text>joined</Text>
      </BroadcastJoinGate>
    </>,
  );

  expect(await screen.findByText('You are not allowed to join this broadcast.', {}, { timeout: 30_000 })).toBeTruthy();
  expect(await screen.findByText('Joining this broadcast is not set up correctly.', {}, { timeout: 30_000 })).toBeTruthy();
  expect(screen.getAllByRole('button', { name: 'Retry' })).toHaveLength(1);
});

test('unmounting during a hung call aborts it: canceled, with nothing thrown', async () => {
  server = await startFake({ fault: 'hang' });
  const errors = jest.spyOn(console, 'error');

  const { unmount } = await render(
    <BroadcastJoinGate {...server.source} roomId="r1" userId="u1">
      <Text>joined</Text>
    </BroadcastJoinGate>,
  );
  await waitUntil(() => server.creates() === 1);
  await unmount();

  // The fake's hung call ends once the client aborts it; closing the server then waits for nothing.
  await server.close();
  server = undefined;
  expect(errors).not.toHaveBeenCalled();
  errors.mockRestore();
});

test('the app coming back to the foreground (AppState active) refreshes an overdue token', async () => {
  server = await startFake();
  const listeners = () => AppState.addEventListener.mock.calls.filter(([type]) => type === 'change').map(([, listener]) => listener);
  const before = listeners().length;

  await render(
    <RoomTokenProvider {...server.source} refreshInterval={10 * 60_000}>
      <BroadcastJoinGate roomId="r1" userId="u1">
        {(token) => <Text testID="joined">{token}</Text>}
      </BroadcastJoinGate>
    </RoomTokenProvider>,
  );
  await screen.findByTestId('joined', {}, { timeout: 30_000 });
  expect(listeners().length).toBe(before + 1);
  const onChange = listeners().at(-1);

  // Back in the foreground before the interval is due: no call.
  await act(async () => onChange('active'));
  expect(server.creates()).toBe(1);

  // Twenty minutes in the background, where timers do not run: overdue on return.
  const now = Date.now();
  const clock = jest.spyOn(Date, 'now').mockImplementation(() => now + 20 * 60_000);
  await act(async () => onChange('background'));
  expect(server.creates()).toBe(1);
  await act(async () => onChange('active'));
  await waitUntil(() => server.fake.issued.length === 2);
  expect((await screen.findByTestId('joined')).props.children).toBe(server.fake.issued[1].token);
  expect(server.creates()).toBe(2);
  clock.mockRestore();
});

async function waitUntil(condition) {
  const deadline = performance.now() + 30_000;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('timed out waiting');
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
  }
}
