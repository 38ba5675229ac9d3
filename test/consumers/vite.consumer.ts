// The Vite 8 + React 18.3 consumer: a fresh Vite app with the README's dev-mode src/App.tsx,
// .env.development.local and vite.config.ts, pasted with no edit. It must type-check and
// build (a bundle with neither the key nor the dev URL), and, in Vite's dev server in Debian's
// Chromium, join against the fake on the port and key that the env file names (4010 and
// `fake-test-key`, as `npm start` runs it).
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { launchChromium, openPage } from '../helpers/chromium';
import { docBlock } from '../docs/docBlocks';
import { freePort, installed, PATIENCE_MS, run, start, waitForHttp } from './support';

const dir = installed('vite-app');
const APP = `${docBlock('readme-app-dev')}\n`;
const ENV = `${docBlock('readme-env')}\n`;
/** What the README's .env.development.local sets. */
const env: Record<string, string> = Object.fromEntries(
  ENV.split('\n').flatMap((line) => {
    const set = /^(\w+)=(.*)$/.exec(line);
    return set ? [[set[1]!, set[2]!]] : [];
  }),
);

// The packed package's own testing entry, as the app installed it (without msw).
const { createFakeTokenService, CREATE_PATH } = (await import(join(dir, 'node_modules/react-room-token/dist/testing.js'))) as typeof import('../../src/testing');

/** The fake on the fixed port the README's code names; waits a while if another run holds it. */
async function listenOn(fake: ReturnType<typeof createFakeTokenService>, port: number) {
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    try {
      return await fake.listen(port);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || Date.now() > deadline) {
        throw new Error(`cannot start the fake token service on 127.0.0.1:${port}, the port the README's .env.development.local names (is \`npm start\` running?)`, { cause: error });
      }
      await new Promise((done) => setTimeout(done, 1000));
    }
  }
}

describe("a fresh Vite app with the README's App.tsx, .env.development.local and vite.config.ts", () => {
  before(async () => {
    await writeFile(join(dir, 'src/App.tsx'), APP);
    await writeFile(join(dir, '.env.development.local'), ENV);
    await writeFile(join(dir, 'vite.config.ts'), `${docBlock('readme-vite-config')}\n`);
  });

  test('type-checks against the packed types and builds (tsc && vite build): the bundle calls the endpoint, and holds neither the key nor the dev URL', async () => {
    await run('npm', ['run', 'build', '--silent'], { cwd: dir });
    const assets = join(dir, 'dist/assets');
    const bundle = (await Promise.all((await readdir(assets)).filter((file) => file.endsWith('.js')).map((file) => readFile(join(assets, file), 'utf8')))).join('\n');
    assert.ok(bundle.includes('/api/room-token'), 'the build asks the backend');
    assert.ok(!bundle.includes(env.VITE_ROOM_TEST_KEY!), 'the build holds no key');
    assert.ok(!bundle.includes(env.VITE_ROOM_BASE_URL!), 'the build holds no dev URL');
  });

  test('in the dev server, the page joins against the fake the code names: one Create call, the children, no error', async () => {
    const baseUrl = /^http:\/\/127\.0\.0\.1:(\d+)$/.exec(env.VITE_ROOM_BASE_URL ?? '');
    const apiKey = env.VITE_ROOM_TEST_KEY;
    assert.ok(baseUrl && apiKey, "the README's .env.development.local names no dev base URL on 127.0.0.1 and key");
    const fake = createFakeTokenService({ apiKey });
    const upstream = await listenOn(fake, Number(baseUrl[1]));
    const port = await freePort();
    const vite = start(process.execPath, [join(dir, 'node_modules/vite/bin/vite.js'), '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: dir });
    const chromium = await launchChromium().catch(async (error: unknown) => {
      await Promise.all([vite.stop(), upstream.close()]);
      throw error;
    });
    try {
      const url = `http://127.0.0.1:${port}/`;
      await waitForHttp(url, vite);

      const { page, messages, errors } = await openPage(chromium.browser, url);
      const joined = page.getByText(/^ada joined studio-7 with a token of \d+ characters\.$/);
      await joined.waitFor({ timeout: PATIENCE_MS });
      await page.waitForLoadState('networkidle');

      assert.equal(fake.calls.length, 1, 'one Create call (StrictMode mounts twice; they share it)');
      assert.equal(fake.calls[0]!.path, CREATE_PATH);
      assert.equal(fake.calls[0]!.headers.authorization, `Bearer ${apiKey}`);
      assert.equal(await joined.innerText(), `ada joined studio-7 with a token of ${fake.issued[0]!.token.length} characters.`);
      assert.deepEqual(errors(), []);
      // Dev mode says once that the key is in the page, and never prints it.
      const warnings = messages.filter((message) => message.type() === 'warning' && message.text().startsWith('react-room-token:'));
      assert.equal(warnings.length, 1);
      assert.ok(!warnings[0]!.text().includes(apiKey));
    } finally {
      await Promise.all([chromium.close(), vite.stop(), upstream.close()]);
    }
  });
});
