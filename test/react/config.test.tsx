// @vitest-environment jsdom
import type { ReactNode } from 'react';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BroadcastJoinGate, RoomTokenProvider, useRoomMemberToken, type TokenSourceOptions, devMode } from '../../src';
import { Catch } from './helpers';

afterEach(cleanup);

function Probe({ options }: { options?: TokenSourceOptions }) {
  useRoomMemberToken({ roomId: 'r', userId: 'u' }, options);
  return <p>rendered</p>;
}

function renderCaught(node: ReactNode) {
  // React reports errors caught by a boundary on the console; the boundary shows them here.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  render(<Catch>{node}</Catch>);
  return screen.getByRole('alert').textContent ?? '';
}

describe('token source configuration', () => {
  it('given no source anywhere, throws at render naming endpoint, dev and fetchToken', () => {
    const message = renderCaught(<Probe />);
    for (const name of ['endpoint', 'dev', 'fetchToken']) expect(message).toContain(name);
  });

  it('given two sources at the same level, throws at render naming endpoint, dev and fetchToken', () => {
    const message = renderCaught(<Probe options={{ endpoint: '/api/token', fetchToken: async () => 't' }} />);
    for (const name of ['endpoint', 'dev', 'fetchToken']) expect(message).toContain(name);
  });

  it('given two sources on the provider, a gate throws too', () => {
    const message = renderCaught(
      <RoomTokenProvider endpoint="/api/token" dev={devMode({ apiKey: 'k' })}>
        <BroadcastJoinGate roomId="r" userId="u">
          <p>joined</p>
        </BroadcastJoinGate>
      </RoomTokenProvider>,
    );
    expect(message).toMatch(/RoomTokenProvider names endpoint and dev/);
  });

  it('given one source on the provider and another on the hook, renders: the hook replaces the source', () => {
    render(
      <RoomTokenProvider endpoint="/api/token">
        <Probe options={{ fetchToken: async () => 't' }} />
      </RoomTokenProvider>,
    );
    expect(screen.getByText('rendered')).toBeTruthy();
  });
});
