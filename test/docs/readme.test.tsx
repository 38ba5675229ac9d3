// @vitest-environment jsdom
// The README's "Use it in your app" and "Go to production" blocks, run as documented: the App
// joins through the page's /api/room-token; the vite.config.ts proxy forwards /api to the
// README's server (on 8787 as documented; on a free port here), which mints under its policy
// against the fake upstream.
// (The Vite consumer, test/consumers/vite.consumer.ts, runs the dev-mode App in Chromium.)
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeTokenService } from '../../src/testing';
import App from './blocks/readme/App';
import { docBlock } from './docBlocks';
import { expectDocumented, appBackendPerTest } from './documented';

afterEach(() => cleanup());

const CONFIG = join(dirname(fileURLToPath(import.meta.url)), 'blocks/readme/vite.config.ts');

describe('README: the app', () => {
  const backend = appBackendPerTest();

  it('is documented as tested', () => {
    expectDocumented('readme-app', 'test/docs/blocks/readme/App.tsx');
  });

  it('waits, then joins studio-7 with the token of one Create call through /api/room-token', async () => {
    render(<App />);

    expect(screen.getByRole('status').textContent).toBe('Joining the broadcast…');
    const joined = await screen.findByText(/^ada joined studio-7 with a token of \d+ characters\.$/, undefined, { timeout: 15_000 });
    expect(joined.textContent).toBe(`ada joined studio-7 with a token of ${backend.fake.issued[0]!.token.length} characters.`);
    expect(backend.requests.map((request) => new URL(request.url).pathname)).toEqual(['/api/room-token']);
    expect(backend.fake.calls).toHaveLength(1);
    expect(backend.fake.calls[0]!.body).toMatchObject({ arguments: [{ room_id: 'studio-7', user_id: 'ada', permissions: ['PermissionChat'], metadata: { mcuStream: 'true' } }] });
  });
});

describe('README: no backend yet, dev mode', () => {
  /** What the README's .env.development.local sets. */
  const env = Object.fromEntries(
    docBlock('readme-env')
      .split('\n')
      .flatMap((line) => {
        const set = /^(\w+)=(.*)$/.exec(line);
        return set ? [[set[1]!, set[2]!]] : [];
      }),
  ) as Record<string, string>;

  it('is documented as tested', () => {
    expectDocumented('readme-app-dev', 'test/docs/blocks/readme/AppDev.tsx');
    expect(Object.keys(env)).toEqual(['VITE_ROOM_TEST_KEY', 'VITE_ROOM_BASE_URL']);
  });

  it("in the dev server's build, joins against the fake with the env file's key, warning once that the key is in the page (never printing it)", async () => {
    // The env file's key; the fake on a free port here (the Vite consumer uses the file's 4010).
    const fake = createFakeTokenService({ apiKey: env.VITE_ROOM_TEST_KEY });
    const upstream = await fake.listen();
    vi.stubEnv('VITE_ROOM_TEST_KEY', env.VITE_ROOM_TEST_KEY!);
    vi.stubEnv('VITE_ROOM_BASE_URL', upstream.url);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const { default: AppDev } = await import('./blocks/readme/AppDev');
      render(<AppDev />);

      await screen.findByText(`ada joined studio-7 with a token of ${(await waitForToken(fake)).length} characters.`, undefined, { timeout: 15_000 });
      expect(fake.calls).toHaveLength(1);
      expect(fake.calls[0]!.headers.authorization).toBe(`Bearer ${env.VITE_ROOM_TEST_KEY}`);
      expect(warn.mock.calls.map(String)).toEqual(['react-room-token: dev mode sends its API key from the browser, where anyone can read it: use a test key only.']);
    } finally {
      await upstream.close();
    }
  });
});

/** The first token the fake issues, once it has. */
async function waitForToken(fake: ReturnType<typeof createFakeTokenService>): Promise<string> {
  await vi.waitFor(() => expect(fake.issued).toHaveLength(1), { timeout: 15_000 });
  return fake.issued[0]!.token;
}

describe("README: vite.config.ts forwards /api to the README's server", () => {
  it('is documented as tested', () => {
    expectDocumented('readme-vite-config', 'test/docs/blocks/readme/vite.config.ts');
    expectDocumented('readme-server', 'test/docs/blocks/readme/server.ts', { '../../../server/recipes/session': './session' });
  });

  // The README's two files agree on 8787 (read statically); the run itself takes a free port, as
  // 8787 may be busy (another app of the developer's): the server reads PORT, and the proxy's
  // target is pointed there on top of the file's own config.
  it('a POST to the dev server (and to vite preview) reaches the README\'s server, which mints for the session', { timeout: 120_000 }, async () => {
    const { createServer, preview } = await import('vite');
    const config = (await import('./blocks/readme/vite.config')).default as { server: { proxy: Record<string, string> }; preview: { proxy: Record<string, string> } };
    const target = new URL(config.server.proxy['/api']!);
    expect(config.preview.proxy).toEqual(config.server.proxy);
    expect(docBlock('readme-server')).toContain(`process.env.PORT ?? ${target.port}`);

    const key = 'readme-server-key';
    const fake = createFakeTokenService({ apiKey: key });
    const upstream = await fake.listen();
    vi.stubEnv('ROOM_TOKEN_API_KEY', key);
    vi.stubEnv('ROOM_TOKEN_BASE_URL', upstream.url);
    vi.stubEnv('PORT', '0');
    const { server } = (await import('./blocks/readme/server')) as { server: Server };
    vi.unstubAllEnvs();
    await new Promise<void>((resolve, reject) => (server.listening ? resolve() : server.once('listening', resolve).once('error', reject)));
    const backend = { '/api': `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
    const root = await mkdtemp(join(tmpdir(), 'rrt-readme-vite-'));
    await writeFile(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    const dev = await createServer({ root, configFile: CONFIG, logLevel: 'silent', server: { host: '127.0.0.1', port: 0, proxy: backend } });
    await dev.listen();
    const previewed = await preview({ root, configFile: CONFIG, logLevel: 'silent', preview: { host: '127.0.0.1', port: 0, proxy: backend }, build: { outDir: root } });
    try {
      const devPort = (dev.httpServer!.address() as AddressInfo).port;
      const previewPort = (previewed.httpServer.address() as AddressInfo).port;
      const ask = (port: number, cookie?: string) =>
        fetch(`http://127.0.0.1:${port}/api/room-token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(cookie && { cookie }) },
          body: JSON.stringify({ arguments: [{ user_id: 'someone-else', room_id: 'studio-7', metadata: { mcuStream: 'true' }, permissions: ['PermissionChat'] }] }),
        });

      const viaDev = await ask(devPort, 'session=streamer-cookie');
      const viaPreview = await ask(previewPort, 'session=viewer-cookie');
      const signedOut = await ask(devPort);

      expect([viaDev.status, viaPreview.status, signedOut.status]).toEqual([200, 200, 403]);
      expect(((await viaDev.json()) as { tokens: string[] }).tokens).toEqual([fake.issued[0]!.token]);
      // The policy of the README's server: the session's user, mcuStream only for a streamer.
      expect(fake.calls.map((call) => call.body)).toEqual([
        { arguments: [{ user_id: 'streamer-1', room_id: 'studio-7', metadata: { mcuStream: 'true' }, permissions: ['PermissionChat'] }] },
        { arguments: [{ user_id: 'viewer-1', room_id: 'studio-7', metadata: {}, permissions: [] }] },
      ]);
    } finally {
      await Promise.all([dev.close(), previewed.close(), upstream.close()]);
      await new Promise((resolve) => (server.closeAllConnections(), server.close(resolve)));
      await rm(root, { recursive: true, force: true });
    }
  });
});
