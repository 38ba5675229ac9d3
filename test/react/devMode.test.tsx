// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BroadcastJoinGate, useRoomMemberToken } from '../../src';
import { API_KEY, startFake } from './helpers';

const room = { roomId: 'r1', userId: 'u1' };

function Probe({ dev }: { dev: { apiKey: string; baseUrl: string; dangerouslyAllowInProduction?: boolean } }) {
  const { token, error } = useRoomMemberToken(room, { dev });
  return <p data-testid="probe">{token ?? (error ? `${error.code}: ${error.message}` : 'waiting')}</p>;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('dev mode', () => {
  it('sends the test key straight to the upstream, and warns once per page (without the key) that it is exposed', async () => {
    const { url, fake } = await startFake();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    render(
      <>
        <BroadcastJoinGate dev={{ apiKey: API_KEY, baseUrl: url }} roomId="a" userId="u1">
          <p>joined a</p>
        </BroadcastJoinGate>
        <BroadcastJoinGate dev={{ apiKey: API_KEY, baseUrl: url }} roomId="b" userId="u1">
          <p>joined b</p>
        </BroadcastJoinGate>
      </>,
    );
    await screen.findByText('joined a');
    await screen.findByText('joined b');
    // Both gates mounted together: one Create call for both rooms.
    expect(fake.calls.map((c) => [c.path, c.headers.authorization])).toEqual([['/room.tokens.private.v1.Service/Create', `Bearer ${API_KEY}`]]);
    expect(fake.issued.map((t) => t.request.roomId)).toEqual(['a', 'b']);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/dev mode.*key/i);
    expect(JSON.stringify(warn.mock.calls)).not.toContain(API_KEY);
  });

  it('in a production build, sends nothing and fails with a clear error', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    // The one console.error it writes is counted in diagnostics.test.tsx.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { url, fake } = await startFake();
    render(<Probe dev={{ apiKey: API_KEY, baseUrl: url }} />);
    expect(screen.getByTestId('probe').textContent).toMatch(/^failed_precondition: .*production.*dangerouslyAllowInProduction/);
    expect(screen.getByTestId('probe').textContent).not.toContain(API_KEY);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.calls).toHaveLength(0);
  });

  it('in a production build with dangerouslyAllowInProduction: true, works', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { url, fake } = await startFake();
    render(<Probe dev={{ apiKey: API_KEY, baseUrl: url, dangerouslyAllowInProduction: true }} />);
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe(fake.issued[0]?.token ?? 'none'));
  });
});
