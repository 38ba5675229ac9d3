// The Next.js App Router consumer: a server component page that calls core helpers from
// `react-room-token` and renders <BroadcastJoinGate endpoint="/api/room-token">, and the
// README's route handler recipe as app/api/room-token/route.ts, copied from README.md. It is
// built with no key in the environment (as CI builds usually are), then started against the
// package's fake upstream on a free loopback port, and opened in Debian's Chromium.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchChromium, openPage } from '../helpers/chromium';
import { freePort, installed, PATIENCE_MS, readmeCode, run, start, waitForHttp, type Started } from './support';

const dir = installed('next-app');
const nextBin = join(dir, 'node_modules/next/dist/bin/next');
// The fake accepts only this key, and the app gets it at run time only, never at build time.
const KEY = `run-time-key-${process.pid}`;

/** The environment without anything that could hand the app a key or a host. */
function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...extra };
  if (!('ROOM_TOKEN_API_KEY' in extra)) delete env.ROOM_TOKEN_API_KEY;
  if (!('ROOM_TOKEN_BASE_URL' in extra)) delete env.ROOM_TOKEN_BASE_URL;
  return env;
}

// The packed package's own testing entry, as the app installed it (without msw).
const { createFakeTokenService, CREATE_PATH } = (await import(join(dir, 'node_modules/react-room-token/dist/testing.js'))) as typeof import('../../src/testing');

/** `next start` on a free loopback port with this environment. */
async function nextStart(env: NodeJS.ProcessEnv): Promise<{ server: Started; url: string }> {
  const port = await freePort();
  const server = start(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], { cwd: dir, env });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/_next/static/not-there`, server);
  return { server, url };
}

describe('Next.js App Router app with the packed package', () => {
  const fake = createFakeTokenService({ apiKey: KEY });
  let upstream: Awaited<ReturnType<typeof fake.listen>>;
  let built: Promise<string>;

  before(async () => {
    upstream = await fake.listen();
    await mkdir(join(dir, 'app/api/room-token'), { recursive: true });
    await writeFile(join(dir, 'app/api/room-token/route.ts'), readmeCode({ lang: 'ts', firstLine: '// app/api/room-token/route.ts' }));
    built = run(process.execPath, [nextBin, 'build'], { cwd: dir, env: environment() });
    built.catch(() => {}); // Reported by the first test; the later ones say they could not run.
  });

  after(() => upstream?.close());

  const buildFirst = () => built.catch(() => assert.fail('no build to test: `next build` failed (its output is under the first test)'));

  test('the README recipe passes `next build` with no key in the environment', async () => {
    const output = await built;

    assert.match(output, /Compiled successfully/);
  });

  test('while the key is missing, a request gets 500 internal and one log line names `apiKey`', async () => {
    await buildFirst();
    const { server, url } = await nextStart(environment({ ROOM_TOKEN_BASE_URL: upstream.url }));
    try {
      const response = await fetch(`${url}/api/room-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ arguments: [{ room_id: 'studio-7', user_id: 'ada' }] }),
      });

      assert.equal(response.status, 500);
      assert.equal(((await response.json()) as { code: string }).code, 'internal');
    } finally {
      await server.stop();
    }
    const naming = server.output().split('\n').filter((line) => line.includes('apiKey'));
    assert.equal(naming.length, 1, `expected one log line naming apiKey, got:\n${server.output()}`);
    assert.equal(fake.calls.length, 0);
  });

  test('the server HTML shows the fallback; the browser shows the children with the token of exactly one Create call', async () => {
    await buildFirst();
    const { server, url } = await nextStart(environment({ ROOM_TOKEN_BASE_URL: upstream.url, ROOM_TOKEN_API_KEY: KEY }));
    const chromium = await launchChromium();
    try {
      const calls = fake.calls.length;
      const response = await fetch(url);
      const html = await response.text();
      assert.equal(response.status, 200, `GET / answered ${response.status}; the server said:\n${server.output()}`);

      // Core helpers ran in the server component; the gate rendered its fallback and asked nothing.
      assert.match(html, /chat permissions: 8; room permissions: 4; PermissionRoom known: true; unavailable retryable: true/);
      assert.match(html, /id="fallback"/);
      assert.doesNotMatch(html, /id="joined"/);
      assert.equal(fake.calls.length, calls);

      const { page, messages, errors } = await openPage(chromium.browser, url);
      const joined = page.locator('#joined');
      await joined.waitFor({ timeout: PATIENCE_MS });
      await page.waitForLoadState('networkidle');

      assert.equal(await joined.innerText(), 'ada joined studio-7');
      const created = fake.calls.slice(calls).filter((call) => call.path === CREATE_PATH);
      assert.equal(created.length, 1, 'exactly one Create call');
      assert.equal(created[0]!.headers.authorization, `Bearer ${KEY}`);
      assert.equal(await joined.getAttribute('data-token'), fake.issued.at(-1)!.token);
      assert.deepEqual(errors(), []);
      assert.deepEqual(messages.filter((message) => /hydrat/i.test(message.text())).map((message) => message.text()), []);
    } finally {
      await chromium.close();
      await server.stop();
    }
  });
});
