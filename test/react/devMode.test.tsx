// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BroadcastJoinGate, useRoomMemberToken, devMode, type DevModeOptions } from '../../src';
import { rawServerForTest } from '../helpers/rawServer';
import { API_KEY, startFake } from './helpers';

const room = { roomId: 'r1', userId: 'u1' };

function Probe({ dev }: { dev: DevModeOptions }) {
  const { token, error } = useRoomMemberToken(room, { dev: devMode(dev) });
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
        <BroadcastJoinGate dev={devMode({ apiKey: API_KEY, baseUrl: url })} roomId="a" userId="u1">
          <p>joined a</p>
        </BroadcastJoinGate>
        <BroadcastJoinGate dev={devMode({ apiKey: API_KEY, baseUrl: url })} roomId="b" userId="u1">
          <p>joined b</p>
        </BroadcastJoinGate>
      </>,
    );
    await screen.findByText('joined a');
    await screen.findByText('joined b');
    // One Create call per room (batching is an opt-in), each with the test key.
    const create = ['/room.tokens.private.v1.Service/Create', `Bearer ${API_KEY}`];
    expect(fake.calls.map((c) => [c.path, c.headers.authorization])).toEqual([create, create]);
    expect(fake.issued.map((t) => t.request.roomId).sort()).toEqual(['a', 'b']);
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

// Issue 19, item 1, in dev mode: a key with a line break after it (as read from a file) is the
// trimmed key that is sent, and the one that is checked against the tokens and kept out of
// every message: an upstream that echoes it back as the token gives an error, never the key.
describe('dev mode with a key that has whitespace around it', () => {
  it('a token that is the key is refused, and nothing on the page shows the key', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const upstream = await rawServerForTest((req, res) => {
      req.resume();
      const received = /^Bearer (.*)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ tokens: [received] }));
    });

    render(<Probe dev={{ apiKey: ` ${API_KEY}\n`, baseUrl: upstream.url }} />);

    await waitFor(() => expect(screen.getByTestId('probe').textContent).toMatch(/^internal: .*holds the API key/), { timeout: 20_000 });
    expect(document.body.innerHTML).not.toContain(API_KEY);
    expect(upstream.requests()).toBe(1);
  }, 60_000);
});
