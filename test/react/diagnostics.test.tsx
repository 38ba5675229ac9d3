// @vitest-environment jsdom
// Issue 21, for developers: what went wrong is said — to the app's reporting (onError), and
// once per set-up mistake in the console — and a set-up mistake is not shown as a denial.
import { act, render, screen, waitFor } from '@testing-library/react';
import { StrictMode, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BroadcastJoinGate, RoomTokenProvider, type RoomTokenError, type TokenRequest, devMode } from '../../src';
import { serveForTest } from '../helpers/fakeServer';
import { API_KEY, startFake } from './helpers';

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Every console line of a kind, for exact counts; none reaches the test output. */
const consoleLines = (kind: 'warn' | 'error') => vi.spyOn(console, kind).mockImplementation(() => {});
const said = (spy: ReturnType<typeof consoleLines>) => spy.mock.calls.map((args) => args.map(String).join(' '));

describe('onError', () => {
  it('given an upstream that stays down, is called once, after the retries, with the error and the request', async () => {
    const { endpoint, creates } = await startFake({ fault: { code: 'unavailable' } });
    const onError = vi.fn<(error: RoomTokenError, request: TokenRequest) => void>();
    render(
      <BroadcastJoinGate {...endpoint} roomId="A" userId="u1" retry={{ retries: 2, baseDelayMs: 1 }} onError={onError}>
        <p>joined</p>
      </BroadcastJoinGate>,
    );
    await screen.findByRole('alert');
    expect(creates()).toHaveLength(3);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'unavailable' });
    expect(onError.mock.calls[0]![1]).toEqual({ roomId: 'A', userId: 'u1', metadata: { mcuStream: 'true' } });
  });

  it('the most specific level wins: a gate’s onError replaces the provider’s', async () => {
    const { endpoint } = await startFake({ fault: { code: 'permission_denied' } });
    const provider = vi.fn();
    const gate = vi.fn();
    render(
      <RoomTokenProvider {...endpoint} onError={provider}>
        <BroadcastJoinGate roomId="A" userId="u1" onError={gate}>
          <p>joined</p>
        </BroadcastJoinGate>
      </RoomTokenProvider>,
    );
    await screen.findByRole('alert');
    expect(gate).toHaveBeenCalledTimes(1);
    expect(provider).not.toHaveBeenCalled();
  });

  it('a throwing onError changes nothing: the error view shows as without it', async () => {
    const { endpoint } = await startFake({ fault: { code: 'permission_denied' } });
    const onError = vi.fn(() => {
      throw new Error('the reporting is broken');
    });
    render(
      <BroadcastJoinGate {...endpoint} roomId="A" userId="u1" onError={onError}>
        <p>joined</p>
      </BroadcastJoinGate>,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('You are not allowed to join this broadcast.');
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('is never called for a call canceled because nobody waits any more', async () => {
    const { endpoint, creates } = await startFake({ latencyMs: 200, fault: { code: 'unavailable' } });
    const onError = vi.fn();
    let hide: () => void = () => {};
    function Page() {
      const [shown, setShown] = useState(true);
      hide = () => setShown(false);
      return shown ? (
        <BroadcastJoinGate {...endpoint} roomId="A" userId="u1" onError={onError}>
          <p>joined</p>
        </BroadcastJoinGate>
      ) : (
        <p>left</p>
      );
    }
    render(
      <StrictMode>
        <Page />
      </StrictMode>,
    );
    await waitFor(() => expect(creates()).toHaveLength(1));
    act(() => hide());
    await act(() => new Promise((resolve) => setTimeout(resolve, 400)));
    expect(onError).not.toHaveBeenCalled();
  });
});

describe('set-up mistakes', () => {
  it('given a wrong dev key, says so once in the console naming dev.apiKey (never the key), and shows "not set up correctly" with no Retry', async () => {
    const { url, fake } = await startFake();
    const warn = consoleLines('warn');
    const wrongKey = 'sk-test-wrong-key-for-this-host';
    render(
      <>
        <BroadcastJoinGate dev={devMode({ apiKey: wrongKey, baseUrl: url })} roomId="A" userId="u1">
          <p>joined</p>
        </BroadcastJoinGate>
        <BroadcastJoinGate dev={devMode({ apiKey: wrongKey, baseUrl: url })} roomId="B" userId="u1">
          <p>joined</p>
        </BroadcastJoinGate>
      </>,
    );
    await waitFor(() => expect(screen.getAllByRole('alert').map((alert) => alert.textContent)).toEqual(['Joining this broadcast is not set up correctly.', 'Joining this broadcast is not set up correctly.']));
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    // Not retried: a wrong key stays wrong (one call per gate; batching is an opt-in).
    expect(fake.calls).toHaveLength(2);
    const lines = said(warn).filter((line) => line.includes('dev.apiKey'));
    expect(lines).toEqual([`react-room-token: the upstream refused dev.apiKey (HTTP 401 unauthenticated): use a valid test key for ${url}`]);
    expect(JSON.stringify(warn.mock.calls)).not.toContain(wrongKey);
  });

  it('given a 401 from your own backend, it stays "not allowed" with Retry: signing in can change it', async () => {
    const { endpoint } = await startFake({ fault: { code: 'unauthenticated' } });
    const warn = consoleLines('warn');
    render(
      <BroadcastJoinGate {...endpoint} roomId="A" userId="u1">
        <p>joined</p>
      </BroadcastJoinGate>,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('You are not allowed to join this broadcast.');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(warn).not.toHaveBeenCalled();
  });

  it('given an empty dev key, names it once in the console however many renders and gates, and sends nothing', async () => {
    const { url, fake } = await startFake();
    const warn = consoleLines('warn');
    render(
      <StrictMode>
        <BroadcastJoinGate dev={devMode({ apiKey: '', baseUrl: url })} roomId="A" userId="u1">
          <p>joined</p>
        </BroadcastJoinGate>
        <BroadcastJoinGate dev={devMode({ apiKey: '', baseUrl: url })} roomId="B" userId="u1">
          <p>joined</p>
        </BroadcastJoinGate>
      </StrictMode>,
    );
    await screen.findAllByRole('alert');
    expect(said(warn).filter((line) => line.includes('dev.apiKey is missing or empty'))).toHaveLength(1);
    expect(fake.calls).toHaveLength(0);
  });

  it('given dev mode in a production build, one console.error says it was refused, and nothing is sent', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const { url, fake } = await startFake();
    const error = consoleLines('error');
    const warn = consoleLines('warn');
    render(
      <>
        <BroadcastJoinGate dev={devMode({ apiKey: API_KEY, baseUrl: url })} roomId="A" userId="u1">
          <p>joined</p>
        </BroadcastJoinGate>
        <BroadcastJoinGate dev={devMode({ apiKey: API_KEY, baseUrl: url })} roomId="B" userId="u1">
          <p>joined</p>
        </BroadcastJoinGate>
      </>,
    );
    await screen.findAllByRole('alert');
    expect(said(error).filter((line) => line.includes('dev mode is refused in a production build'))).toHaveLength(1);
    expect(warn).not.toHaveBeenCalled();
    expect(JSON.stringify(error.mock.calls)).not.toContain(API_KEY);
    expect(fake.calls).toHaveLength(0);
  });

  it('given an endpoint that answers an HTML page (a dev server’s index.html), says so, names the URL, and asks whether it is routed to your backend', async () => {
    const url = await serveForTest(async () => new Response('<!doctype html><html><body><div id="root"></div></body></html>', { headers: { 'content-type': 'text/html' } }));
    const warn = consoleLines('warn');
    const errors: RoomTokenError[] = [];
    render(
      <BroadcastJoinGate endpoint={`${url}/api/room-token`} roomId="A" userId="u1" onError={(error) => errors.push(error)}>
        <p>joined</p>
      </BroadcastJoinGate>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('Joining this broadcast is not set up correctly.');
    expect(errors.map((error) => [error.code, error.message])).toEqual([
      ['internal', `the token service answered an HTML page (HTTP 200), not a Create answer: is it routed to your backend? (POST ${url}/api/room-token)`],
    ]);
    expect(said(warn)).toEqual([`react-room-token: ${errors[0]!.message}`]);
  });

  it('given a 404 with no Connect body (Vite’s dev server without the /api proxy), says nothing serves the route, once, and makes one call', async () => {
    let calls = 0;
    const url = await serveForTest(async () => (calls++, new Response(null, { status: 404 })));
    const warn = consoleLines('warn');
    const errors: RoomTokenError[] = [];
    render(
      <BroadcastJoinGate endpoint={`${url}/api/room-token?session=1`} roomId="A" userId="u1" onError={(error) => errors.push(error)}>
        <p>joined</p>
      </BroadcastJoinGate>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('Joining this broadcast is not set up correctly.');
    const route = `${url}/api/room-token`;
    expect(errors.map((error) => [error.code, error.status, error.message])).toEqual([
      ['unimplemented', 404, `the token service answered HTTP 404: nothing serves ${route} (is it routed to your backend, through your dev server's proxy?) (POST ${route})`],
    ]);
    expect(said(warn)).toEqual([`react-room-token: ${errors[0]!.message}`]);
    expect(calls).toBe(1);
  });

  it('given a request refused before anything is sent (a wrongly cased permission), names the field in the console once, however many renders', async () => {
    const { endpoint, fake } = await startFake();
    const warn = consoleLines('warn');
    const asked = { roomId: 'A', userId: 'u1', permissions: ['permissionchat' as never] };
    const { rerender } = render(
      <StrictMode>
        <BroadcastJoinGate {...endpoint} {...asked}>
          <p>joined</p>
        </BroadcastJoinGate>
      </StrictMode>,
    );
    rerender(
      <StrictMode>
        <BroadcastJoinGate {...endpoint} {...asked}>
          <p>joined again</p>
        </BroadcastJoinGate>
      </StrictMode>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('Joining this broadcast is not set up correctly.');
    expect(said(warn)).toEqual(['react-room-token: request.permissions[0] is not a known permission (names are case-sensitive: did you mean "PermissionChat"?)']);
    expect(fake.calls).toHaveLength(0);
  });

  it('given a proxy’s HTML error page (502), retries it as an outage and names it as HTML', async () => {
    let calls = 0;
    const url = await serveForTest(async () => (calls++, new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, headers: { 'content-type': 'text/html; charset=utf-8' } })));
    consoleLines('warn');
    const errors: RoomTokenError[] = [];
    render(
      <BroadcastJoinGate endpoint={`${url}/api/room-token`} roomId="A" userId="u1" retry={{ retries: 1, baseDelayMs: 1 }} onError={(error) => errors.push(error)}>
        <p>joined</p>
      </BroadcastJoinGate>,
    );
    await screen.findByRole('alert');
    expect(calls).toBe(2);
    expect(errors[0]).toMatchObject({ code: 'unavailable', status: 502, message: expect.stringContaining('answered an HTML page (HTTP 502)') });
  });

  it('given a 200 whose content type is not JSON, refuses it even when the text is a token answer', async () => {
    const url = await serveForTest(async () => new Response('{"tokens":["abc-def"]}', { headers: { 'content-type': 'text/plain' } }));
    const errors: RoomTokenError[] = [];
    render(
      <BroadcastJoinGate endpoint={`${url}/api/room-token`} roomId="A" userId="u1" onError={(error) => errors.push(error)}>
        <p>joined</p>
      </BroadcastJoinGate>,
    );
    await screen.findByRole('alert');
    expect(screen.queryByText('joined')).toBeNull();
    expect(errors[0]).toMatchObject({ code: 'internal', message: expect.stringContaining('answered "text/plain", not JSON') });
  });
});
