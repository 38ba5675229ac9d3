// @vitest-environment jsdom
// src/LiveStage.test.tsx
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { RoomTokenProvider } from '../../../../src';
import { createFakeTokenService, CREATE_PATH, type FakeTokenServiceOptions } from '../../../../src/testing';
import { afterEach, expect, test } from 'vitest';
import { LiveStage } from './LiveStage';

const KEY = 'test-key';
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  cleanup();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Renders the stage under a provider whose endpoint is the fake, on a free loopback port. */
async function renderLiveStage(options: FakeTokenServiceOptions = {}) {
  const fake = createFakeTokenService({ apiKey: KEY, ...options });
  const server = await fake.listen(); // http://127.0.0.1:<free port>
  servers.push(server);
  render(
    // The fake speaks your route's contract; it wants the key your backend would add.
    <RoomTokenProvider endpoint={`${server.url}${CREATE_PATH}`} headers={{ authorization: `Bearer ${KEY}` }} retry={false}>
      <LiveStage roomId="studio-7" userId="ada" />
    </RoomTokenProvider>,
  );
  return fake;
}

test('goes live with the token of one Create call', async () => {
  const fake = await renderLiveStage();

  expect(screen.getByRole('status').textContent).toBe('Joining the broadcast…');
  await screen.findByText(/^On air in studio-7 with a token of \d+ characters\.$/);
  expect(fake.calls).toHaveLength(1);
  expect(fake.calls[0]!.body).toMatchObject({ arguments: [{ room_id: 'studio-7', user_id: 'ada', metadata: { mcuStream: 'true' } }] });
});

test('tells a person who may not go live, with no Retry', async () => {
  await renderLiveStage({ fault: { code: 'permission_denied', message: 'not a host' } });

  expect((await screen.findByRole('alert')).textContent).toBe('Only hosts can go live here.');
  expect(screen.queryByRole('button')).toBeNull();
});

test('offers Try again while the service is down, and goes live once it is back', async () => {
  const fake = await renderLiveStage({ fault: (_call, index) => (index === 0 ? { code: 'unavailable' } : undefined) });

  fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));

  await screen.findByText(/^On air in studio-7/);
  expect(fake.calls).toHaveLength(2);
});
