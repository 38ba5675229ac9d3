// The dev-mode snippet claims that a production build carries neither the test key nor the
// dev-mode branch. Build an app from it with Vite, the key in .env.local, and read the bundle.
import react from '@vitejs/plugin-react';
import { mkdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DevMode } from '../../stories/BroadcastJoinGate.stories';
import { LOCAL_FAKE_URL } from '../../stories/support/localFakeService';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// Inside the repository (git- and lint-ignored), so that react resolves as in an app.
const APPS = join(ROOT, '.snippets/vite-build');
const KEY = 'marker-of-the-test-key-3f9c';

const snippet = (DevMode.parameters as { docs: { source: { code: string } } }).docs.source.code;

/** The JavaScript of a production build of an app whose App.tsx is `app`, with the key in .env.local. */
async function productionBundle(name: string, app: string): Promise<string> {
  const dir = join(APPS, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, '.env.local'), `VITE_ROOM_TEST_KEY=${KEY}\n`);
  await writeFile(join(dir, 'App.tsx'), app);
  await writeFile(
    join(dir, 'main.tsx'),
    `import { createRoot } from 'react-dom/client';\nimport App from './App';\ncreateRoot(document.getElementById('root')!).render(<App />);\n`,
  );
  // As the \`vite build\` command runs: NODE_ENV production (vitest's own is "test").
  vi.stubEnv('NODE_ENV', 'production');
  const output = await build({
    root: dir,
    configFile: false,
    envDir: dir,
    mode: 'production',
    logLevel: 'silent',
    plugins: [react()],
    resolve: { alias: { 'react-room-token': join(ROOT, 'src/index.ts') } },
    build: { write: false, rollupOptions: { input: join(dir, 'main.tsx') } },
  });
  const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
  return outputs
    .flatMap((result) => result.output)
    .map((file) => (file.type === 'chunk' ? file.code : ''))
    .join('\n');
}

afterAll(async () => {
  await rm(APPS, { recursive: true, force: true });
  // The shared folder too, once the other test that writes there has finished with it.
  await rmdir(dirname(APPS)).catch(() => {});
});

describe('the dev-mode snippet in a production build (Vite, key in .env.local)', { timeout: 120_000 }, () => {
  it('has neither the key, nor the dev-mode URL, nor dev mode\'s code, and calls the endpoint', async () => {
    const bundle = await productionBundle('as-shown', snippet);

    expect(bundle).not.toContain(KEY);
    expect(bundle).not.toContain(LOCAL_FAKE_URL);
    // devMode's own warning: its code went with the branch that named it.
    expect(bundle).not.toContain('sends its API key from the browser');
    expect(bundle).toContain('/api/room-token');
  });

  it('whereas dev mode named without the DEV check ships the key', async () => {
    const naive = snippet.replace(/const source = import\.meta\.env\.DEV\s*\?\s*(\{ dev: devMode\(.*?\) \})\s*:[^;]*;/s, 'const source = $1;');
    expect(naive).not.toBe(snippet);

    const bundle = await productionBundle('naive', naive);
    expect(bundle).toContain(KEY);
    expect(bundle).toContain('sends its API key from the browser');
  });
});
