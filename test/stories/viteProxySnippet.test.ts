// The vite.config.ts that the Show code snippets of /api apps show, run: Vite's dev server
// with that config (its proxy target pointed at this test's backend, which the snippet says
// runs on port 3000) passes /api/room-token on to the package's handler, and a token comes
// back to a client that asks the dev server — where without the proxy Vite answers the POST
// itself, with a 404.
import { mkdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { createRoomTokenClient, RoomTokenError, type TokenRequest } from '../../src';
import { createRoomTokenHandler } from '../../src/server';
import { createFakeTokenService } from '../../src/testing';
import { serveOnLoopback } from '../../src/testing/serveOnLoopback';
import { VITE_PROXY_CONFIG, VITE_PROXY_TARGET } from '../../stories/support/viteAppSnippet';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// Inside the repository (git- and lint-ignored), so that vite and its React plugin resolve as in an app.
const APPS = join(ROOT, '.snippets/vite-proxy');
const API_KEY = 'server-side-key';
const REQUEST: TokenRequest = { roomId: 'studio-7', userId: 'host-ada', permissions: ['PermissionChat'] };

/** A Vite dev server for an app folder with `config` as its vite.config.ts, closed after the test. */
async function viteApp(name: string, config: string): Promise<string> {
  const dir = join(APPS, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'vite.config.ts'), config);
  await writeFile(join(dir, 'index.html'), '<!doctype html><html><body><div id="root"></div></body></html>\n');
  const server: ViteDevServer = await createServer({
    root: dir,
    configFile: join(dir, 'vite.config.ts'),
    logLevel: 'silent',
    // Any free port on loopback (the config names none); no file watching for a test.
    server: { host: '127.0.0.1', port: 0, watch: null },
  });
  await server.listen();
  onTestFinished(() => server.close());
  return server.resolvedUrls!.local[0]!;
}

/** The app's backend: the package's handler in front of a fake upstream, on loopback. */
async function backend() {
  const fake = createFakeTokenService({ apiKey: API_KEY });
  const upstream = await fake.listen();
  const handler = createRoomTokenHandler({ apiKey: API_KEY, baseUrl: upstream.url, authorize: (request) => request });
  const server = await serveOnLoopback(handler);
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  return { url: server.url, fake };
}

afterAll(async () => {
  await rm(APPS, { recursive: true, force: true });
  // The shared folder too, once the other tests that write there have finished with it.
  await rmdir(dirname(APPS)).catch(() => {});
});

describe('the vite.config.ts of the Show code snippets', { timeout: 120_000 }, () => {
  it('names the backend of the snippet’s comment as its proxy target', () => {
    expect(VITE_PROXY_CONFIG).toContain(`proxy: { '/api': '${VITE_PROXY_TARGET}' }`);
  });

  it('passes /api/room-token on to the backend: a client of the dev server gets a token', async () => {
    const { url, fake } = await backend();
    const app = await viteApp('as-shown', VITE_PROXY_CONFIG.replace(VITE_PROXY_TARGET, url));

    const token = await createRoomTokenClient({ endpoint: new URL('/api/room-token', app).href, retry: false }).get(REQUEST);

    expect(fake.issued.map((issued) => issued.token)).toEqual([token]);
  });

  it('whereas without the proxy the dev server answers /api/room-token itself (404), and no token is minted', async () => {
    const withoutProxy = VITE_PROXY_CONFIG.replace(/\n {2}server: \{\n.*?\n {2}\},/s, '');
    expect(withoutProxy).not.toContain('proxy');
    const { fake } = await backend();
    const app = await viteApp('no-proxy', withoutProxy);

    const failure = await createRoomTokenClient({ endpoint: new URL('/api/room-token', app).href, retry: false })
      .get(REQUEST)
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(RoomTokenError);
    expect(failure).toMatchObject({ code: 'unimplemented', status: 404 });
    expect(fake.issued).toEqual([]);
  });
});
