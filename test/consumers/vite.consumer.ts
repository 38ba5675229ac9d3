// The Vite 8 + React 18.3 consumer: a fresh Vite app whose src/App.tsx is the code of the
// README's "Use it in your app" section, pasted with no edit. It must type-check and build,
// and, in Vite's dev server in Debian's Chromium, join against the fake on the port and key
// that the code names (4010 and `fake-test-key`, as `npm start` runs it).
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { launchChromium, openPage } from '../helpers/chromium';
import { freePort, installed, PATIENCE_MS, readmeCode, run, start, waitForHttp } from './support';

const dir = installed('vite-app');
const APP = readmeCode({ heading: '## Use it in your app', lang: 'tsx' });

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
        throw new Error(`cannot start the fake token service on 127.0.0.1:${port}, the port the README's App.tsx names (is \`npm start\` running?)`, { cause: error });
      }
      await new Promise((done) => setTimeout(done, 1000));
    }
  }
}

describe("a fresh Vite app with the README's App.tsx", () => {
  before(() => writeFile(join(dir, 'src/App.tsx'), APP));

  test('type-checks against the packed types and builds (tsc && vite build)', async () => {
    await run('npm', ['run', 'build', '--silent'], { cwd: dir });
  });

  test('in the dev server, the page joins against the fake the code names: one Create call, the children, no error', async () => {
    const baseUrl = /baseUrl: '(http:\/\/127\.0\.0\.1:(\d+))'/.exec(APP);
    const apiKey = /apiKey: '([^']+)'/.exec(APP);
    assert.ok(baseUrl && apiKey, "the README's App.tsx names no dev baseUrl on 127.0.0.1 and apiKey");
    const fake = createFakeTokenService({ apiKey: apiKey[1] });
    const upstream = await listenOn(fake, Number(baseUrl[2]));
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
      assert.equal(fake.calls[0]!.headers.authorization, `Bearer ${apiKey[1]}`);
      assert.equal(await joined.innerText(), `ada joined studio-7 with a token of ${fake.issued[0]!.token.length} characters.`);
      assert.deepEqual(errors(), []);
      // Dev mode says once that the key is in the page, and never prints it.
      const warnings = messages.filter((message) => message.type() === 'warning' && message.text().startsWith('react-room-token:'));
      assert.equal(warnings.length, 1);
      assert.doesNotMatch(warnings[0]!.text(), new RegExp(apiKey[1]!));
    } finally {
      await Promise.all([chromium.close(), vite.stop(), upstream.close()]);
    }
  });
});
