// @vitest-environment jsdom
// src/LiveStage.msw.test.tsx: the fake answers inside the test process, no port
import { cleanup, render, screen } from '@testing-library/react';
import { setupServer } from 'msw/node'; // or setupWorker from 'msw/browser' in a page
import { RoomTokenProvider } from '../../../../src';
import { createFakeTokenService, CREATE_PATH } from '../../../../src/testing';
import { mswHandlers } from '../../../../src/testing/msw';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { LiveStage } from './LiveStage';

const BACKEND = 'https://backend.example.test';
const fake = createFakeTokenService({ apiKey: 'test-key' });
const server = setupServer(...mswHandlers(fake, BACKEND));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => cleanup());
afterAll(() => server.close());

test('goes live against the fake behind msw', async () => {
  render(
    <RoomTokenProvider endpoint={`${BACKEND}${CREATE_PATH}`} headers={{ authorization: 'Bearer test-key' }}>
      <LiveStage roomId="studio-7" userId="ada" />
    </RoomTokenProvider>,
  );

  await screen.findByText(/^On air in studio-7/);
  expect(fake.calls).toHaveLength(1);
});
