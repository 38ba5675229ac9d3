// The Next.js consumer (App Router, and docs/nextjs.md's pages router). Three App Router pages: `/`, a server component that calls core helpers
// from `react-room-token` and renders <BroadcastJoinGate endpoint="/api/room-token"> (the
// browser asks for the token), `/live`, the docs' server-minted page (the server mints
// the token while it renders; the browser asks for nothing), and `/broadcasts`, its page of
// many broadcasts (mintMany, one Create call, and initialTokens). docs/nextjs.md's App Router recipe —
// lib/roomTokens.ts, app/api/room-token/route.ts, app/live/page.tsx and app/broadcasts/page.tsx — is copied from
// the docs at test time. The app is built with no key in the environment (as CI builds usually
// are), then started against the package's fake upstream on a free loopback port, and opened
// in Debian's Chromium.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Request as BrowserRequest } from 'playwright-core';
import { launchChromium, openPage } from '../helpers/chromium';
import { docBlock } from '../docs/docBlocks';
import { freePort, installed, PATIENCE_MS, run, start, waitForHttp, within, type Started } from './support';

const dir = installed('next-app');
const nextBin = join(dir, 'node_modules/next/dist/bin/next');
// The fake accepts only this key, and the app gets it at run time only, never at build time.
const KEY = `run-time-key-${process.pid}`;
// Each file of the recipe, and the id of its block in docs/nextjs.md.
const RECIPE_FILES = {
  'lib/roomTokens.ts': 'next-lib-room-tokens',
  'app/api/room-token/route.ts': 'next-route',
  'app/live/page.tsx': 'next-live-page',
  'app/broadcasts/page.tsx': 'next-broadcasts-page',
} as const;
// docs/nextjs.md's pages router: its API route and page, each at a path of its own beside the
// App Router's (a pages/ file may not take a path that app/ has).
const PAGES_FILES = {
  'pages/api/pages-room-token.ts': 'next-pages-api',
  'pages/pages-live.tsx': 'next-pages-live',
} as const;
// The rooms of the docs' page of many broadcasts.
const BROADCASTS = ['studio-1', 'studio-2', 'studio-3', 'studio-4', 'studio-5', 'studio-6'];
// The gate's default fallback, which the docs' page keeps.
const FALLBACK = /role="status"[^>]*>Joining the broadcast/;
// A failure guard for one HTTP exchange on loopback, not a measure of speed.
const EXCHANGE_MS = 10_000;

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

/** The server's log lines that name `apiKey`. */
const namingApiKey = (server: Started) => server.output().split('\n').filter((line) => line.includes('apiKey'));

/** One POST over `agent`, its body written whole with a length, or in 16 KiB chunks without one. */
function post(agent: http.Agent, url: string, body: Buffer, declared: boolean) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string; socket: unknown }>((resolve, reject) => {
    const target = new URL(url);
    const request = http.request({
      agent,
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(declared && { 'content-length': String(body.byteLength) }) },
    });
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, text, socket: request.socket }));
    });
    request.on('error', reject);
    if (declared) request.end(body);
    else {
      for (let offset = 0; offset < body.byteLength; offset += 16 * 1024) request.write(body.subarray(offset, offset + 16 * 1024));
      request.end();
    }
  });
}

describe('Next.js App Router app with the packed package', () => {
  const fake = createFakeTokenService({ apiKey: KEY });
  let upstream: Awaited<ReturnType<typeof fake.listen>>;
  let built: Promise<string>;

  const creates = () => fake.calls.filter((call) => call.path === CREATE_PATH).length;

  before(async () => {
    upstream = await fake.listen();
    for (const [file, id] of Object.entries({ ...RECIPE_FILES, ...PAGES_FILES })) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await writeFile(join(dir, file), `${docBlock(id)}\n`);
    }
    built = run(process.execPath, [nextBin, 'build'], { cwd: dir, env: environment() });
    built.catch(() => {}); // Reported by the first test; the later ones say they could not run.
  });

  after(() => upstream?.close());

  const buildFirst = () => built.catch(() => assert.fail('no build to test: `next build` failed (its output is under the first test)'));

  test('the docs recipe passes `next build` with no key in the environment; the server-minted page is dynamic', async () => {
    const output = await built;

    assert.match(output, /Compiled successfully/);
    // Rendered per request, never prerendered at build time (where it would mint without a key, once for everyone).
    assert.match(output, /ƒ \/live\b/, `\`next build\` does not list /live as dynamic (ƒ):\n${output}`);
    assert.match(output, /ƒ \/pages-live\b/, `\`next build\` does not list the pages router's /pages-live as dynamic (ƒ):\n${output}`);
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
    assert.equal(namingApiKey(server).length, 1, `expected one log line naming apiKey, got:\n${server.output()}`);
    assert.equal(fake.calls.length, 0);
  });

  test('while the key is missing, the server-minted page still renders: mint rejects, and the gate shows its fallback', async () => {
    await buildFirst();
    const { server, url } = await nextStart(environment({ ROOM_TOKEN_BASE_URL: upstream.url }));
    try {
      const response = await fetch(`${url}/live`);
      const html = await response.text();

      assert.equal(response.status, 200, `GET /live answered ${response.status}; the server said:\n${server.output()}`);
      assert.match(html, FALLBACK);
      assert.doesNotMatch(html, /id="stage"/);
    } finally {
      await server.stop();
    }
    assert.equal(namingApiKey(server).length, 1, `expected mint's one log line naming apiKey, got:\n${server.output()}`);
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

  describe("the docs' server-minted page (/live), with the key", () => {
    // One server for these tests; each test says why it could not run.
    let next: Promise<{ server: Started; url: string }>;
    let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;

    before(() => {
      next = built.then(() => nextStart(environment({ ROOM_TOKEN_BASE_URL: upstream.url, ROOM_TOKEN_API_KEY: KEY })));
      next.catch(() => {});
    });

    after(async () => {
      await chromium?.close();
      await next.then(({ server }) => server.stop(), () => {});
    });

    /** The running server, once the build is there. */
    async function started() {
      await buildFirst();
      return next;
    }

    test('the server HTML holds the children with the token minted for this request (one Create call), not the fallback', async () => {
      const { server, url } = await started();
      const createdBefore = creates();

      const response = await fetch(`${url}/live`);
      // Without the markers React puts between adjacent pieces of text.
      const html = (await response.text()).replaceAll('<!-- -->', '');

      assert.equal(response.status, 200, `GET /live answered ${response.status}; the server said:\n${server.output()}`);
      assert.equal(creates() - createdBefore, 1, 'one Create call: the page minted once');
      const created = fake.calls.at(-1)!;
      assert.equal(created.headers.authorization, `Bearer ${KEY}`);
      // What the policy sent: the session's user, the gate's request (mcuStream for a streamer).
      assert.deepEqual(created.body, {
        arguments: [{ room_id: 'studio-7', user_id: 'ada', metadata: { mcuStream: 'true' }, permissions: ['PermissionChat'] }],
      });
      const stage = /<section id="stage" data-token="([^"]*)"[^>]*><p>([^<]*)<\/p>/.exec(html);
      assert.ok(stage, 'the server HTML has no <section id="stage"> (the children)');
      assert.equal(stage[1], fake.issued.at(-1)!.token, 'the children show the token minted for this request');
      assert.equal(stage[2], 'ada is live in studio-7');
      assert.doesNotMatch(html, FALLBACK);
    });

    test('its response is not cacheable: Cache-Control forbids storing it', async () => {
      const { url } = await started();

      const response = await fetch(`${url}/live`);
      await response.arrayBuffer();
      const cacheControl = response.headers.get('cache-control') ?? '';
      const directives = cacheControl.split(',').map((directive) => directive.trim().toLowerCase());

      console.log(`    Cache-Control of /live: ${cacheControl}`);
      assert.ok(directives.includes('no-store'), `Cache-Control: ${cacheControl}`);
      assert.ok(directives.includes('private'), `Cache-Control: ${cacheControl}`);
      assert.ok(!directives.some((directive) => /^(public|s-maxage|stale-while-revalidate|immutable)\b/.test(directive)), `Cache-Control: ${cacheControl}`);
    });

    test('from navigation through hydration plus 2 s the browser asks for no token; refresh() then makes exactly one request and shows its token', async () => {
      const { url } = await started();
      chromium = await launchChromium();
      const asked: BrowserRequest[] = [];
      chromium.browser.on('request', (request) => {
        if (new URL(request.url()).pathname === '/api/room-token') asked.push(request);
      });
      const createdBefore = creates();

      const { page, messages, errors } = await openPage(chromium.browser, `${url}/live`);
      const stage = page.locator('#stage[data-hydrated="true"]');
      await stage.waitFor({ timeout: PATIENCE_MS });
      await page.waitForTimeout(2000);

      const minted = fake.issued.at(-1)!.token;
      assert.equal(asked.length, 0, 'no token request from the browser');
      assert.equal(creates() - createdBefore, 1, "one Create call: the page's own mint on the server");
      assert.equal(await stage.getAttribute('data-token'), minted);

      await page.getByRole('button', { name: 'Refresh the token' }).click();
      await page.locator(`#stage:not([data-token="${minted}"])`).waitFor({ timeout: PATIENCE_MS });
      // Room for a second request to show up, were there one.
      await page.waitForTimeout(2000);

      assert.equal(asked.length, 1, 'one token request for the refresh');
      assert.equal(asked[0]!.method(), 'POST');
      assert.equal(creates() - createdBefore, 2, 'one more Create call, for the refresh');
      assert.equal(await stage.getAttribute('data-token'), fake.issued.at(-1)!.token);
      assert.deepEqual(errors(), []);
      assert.deepEqual(messages.filter((message) => /hydrat/i.test(message.text())).map((message) => message.text()), []);
    });

    test('a page of many broadcasts (/broadcasts): the server HTML holds every gate\'s children from 1 Create call; the browser asks for no token through hydration', async () => {
      const { server, url } = await started();
      const createdBefore = creates();

      const response = await fetch(`${url}/broadcasts`);
      const html = (await response.text()).replaceAll('<!-- -->', '');

      assert.equal(response.status, 200, `GET /broadcasts answered ${response.status}; the server said:\n${server.output()}`);
      assert.equal(creates() - createdBefore, 1, 'one Create call for the whole page');
      const created = fake.calls.at(-1)!.body as { arguments: { room_id: string; metadata?: Record<string, string> }[] };
      assert.deepEqual(created.arguments.map((argument) => [argument.room_id, argument.metadata]), BROADCASTS.map((room) => [room, { mcuStream: 'true' }]));
      const minted = fake.issued.slice(-BROADCASTS.length).map((issued) => issued.token);
      const stages = [...html.matchAll(/<section id="stage" data-token="([^"]*)"[^>]*><p>([^<]*)<\/p>/g)].map(([, token, text]) => [token, text]);
      assert.deepEqual(stages, BROADCASTS.map((room, i) => [minted[i], `ada is live in ${room}`]), 'each gate shows its own token in the server HTML');
      assert.doesNotMatch(html, FALLBACK);

      chromium ??= await launchChromium();
      const asked: BrowserRequest[] = [];
      const watch = (request: BrowserRequest) => new URL(request.url()).pathname === '/api/room-token' && asked.push(request);
      chromium.browser.on('request', watch);
      try {
        const createdBeforeBrowser = creates();
        const { page, messages, errors } = await openPage(chromium.browser, `${url}/broadcasts`);
        await page.locator('#stage[data-hydrated="true"]').nth(BROADCASTS.length - 1).waitFor({ timeout: PATIENCE_MS });
        await page.waitForTimeout(2000);

        assert.equal(asked.length, 0, 'no token request from the browser');
        assert.equal(creates() - createdBeforeBrowser, 1, "one Create call: the page's own mintMany on the server");
        const shown = await page.locator('#stage').evaluateAll((sections) => sections.map((section) => section.getAttribute('data-token')));
        assert.deepEqual(shown, fake.issued.slice(-BROADCASTS.length).map((issued) => issued.token));
        assert.deepEqual(errors(), []);
        assert.deepEqual(messages.filter((message) => /hydrat/i.test(message.text())).map((message) => message.text()), []);
      } finally {
        chromium.browser.off('request', watch);
      }
    });

    // Issue 12, item 5, under this recipe: an early 413 must leave the keep-alive connection
    // usable, or close it; left with the rest of the body, the next request on it would stall.
    for (const [name, declared] of [
      ['declared with a length', true],
      ['sent in chunks without a length', false],
    ] as const) {
      test(`after a 1 MiB body ${name} gets 413 from the route, the next request on the same keep-alive connection gets its token`, async () => {
        const { url } = await started();
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        try {
          const endpoint = `${url}/api/room-token`;
          const refused = await within(post(agent, endpoint, Buffer.alloc(1024 * 1024, 32), declared), EXCHANGE_MS, 'the 1 MiB POST');
          const createdBefore = creates();
          const body = Buffer.from(JSON.stringify({ arguments: [{ room_id: 'studio-7', user_id: 'ada' }] }));
          const next = await within(post(agent, endpoint, body, true), EXCHANGE_MS, 'the POST after the 413');

          assert.equal(refused.status, 413);
          assert.equal((JSON.parse(refused.text) as { code: string }).code, 'resource_exhausted');
          assert.equal(next.status, 200, next.text);
          assert.equal((JSON.parse(next.text) as { tokens: string[] }).tokens.length, 1);
          assert.equal(creates() - createdBefore, 1);
          // Either the connection was reused, or the server said it would close it (and did:
          // with one socket allowed, the agent opens another only once the first is gone).
          const reused = next.socket === refused.socket;
          console.log(`    after the 413 (Connection: ${refused.headers.connection}), the connection was ${reused ? 'reused' : 'closed and replaced'}`);
          if (!reused) assert.equal(refused.headers.connection, 'close');
        } finally {
          agent.destroy();
        }
      });
    }
  });

  // Issue 19, item 6: Next's control flow thrown by authorize passes through the handler.
  test("Next's redirect() and notFound() thrown by authorize are Next's to answer, on the HTTP path and on mint; nothing is sent or logged", async () => {
    await buildFirst();
    const { server, url } = await nextStart(environment({ ROOM_TOKEN_BASE_URL: upstream.url, ROOM_TOKEN_API_KEY: KEY }));
    const calls = fake.calls.length;
    try {
      const redirected = await fetch(`${url}/api/signin-first`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ arguments: [{ room_id: 'studio-7', user_id: 'ada' }] }),
        redirect: 'manual',
      });
      assert.equal(redirected.status, 307, `POST /api/signin-first answered ${redirected.status}: ${await redirected.text()}\n${server.output()}`);
      assert.equal(new URL(redirected.headers.get('location')!, url).pathname, '/signin');

      const missing = await fetch(`${url}/no-such-room`);
      assert.equal(missing.status, 404, `GET /no-such-room answered ${missing.status}\n${server.output()}`);
      assert.doesNotMatch(await missing.text(), /id="token"/);
    } finally {
      await server.stop();
    }
    assert.equal(fake.calls.length, calls);
    assert.doesNotMatch(server.output(), /react-room-token\/server/, 'the handler logged a line for a control-flow throw');
  });

  // docs/nextjs.md's pages router: the API route with Next's body parser off, and a page that
  // mints in getServerSideProps.
  test("the pages router: the API route mints (its body reaches the handler unread), and getServerSideProps' page holds the stage with the minted token, never cached", async () => {
    await buildFirst();
    const { server, url } = await nextStart(environment({ ROOM_TOKEN_BASE_URL: upstream.url, ROOM_TOKEN_API_KEY: KEY }));
    try {
      const before = creates();
      const minted = await fetch(`${url}/api/pages-room-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ arguments: [{ room_id: 'studio-7', user_id: 'someone-else', metadata: { mcuStream: 'true' } }] }),
      });
      const answer = (await minted.json()) as { tokens?: string[] };
      assert.equal(minted.status, 200, `POST /api/pages-room-token answered ${minted.status} ${JSON.stringify(answer)}\n${server.output()}`);
      assert.deepEqual(answer.tokens, [fake.issued.at(-1)!.token]);
      assert.equal(fake.calls.at(-1)!.body.arguments[0]!.user_id, 'ada', "the policy's user, from the session");

      const page = await fetch(`${url}/pages-live`);
      const html = (await page.text()).replaceAll('<!-- -->', '');
      assert.equal(page.status, 200, `GET /pages-live answered ${page.status}\n${server.output()}`);
      const stage = /<section id="stage" data-token="([^"]*)"[^>]*><p>([^<]*)<\/p>/.exec(html);
      assert.ok(stage, `no stage in the HTML of /pages-live:\n${html}`);
      assert.equal(stage[1], fake.issued.at(-1)!.token, 'the children show the token minted in getServerSideProps');
      assert.equal(stage[2], 'ada is live in studio-7');
      assert.match(page.headers.get('cache-control') ?? '', /no-store/);
      assert.equal(creates() - before, 2, 'one Create call for the API route, one for the page');
    } finally {
      await server.stop();
    }
  });
});
