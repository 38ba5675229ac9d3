// After `npm run build`: loads every entry of the package by its own name, with `require`
// (`--format cjs`) or with `import` (`--format esm`), and makes every export do its job:
// calls each function, instantiates each class, renders each component and hook on the
// server. Resolving an export is not enough: a CJS build can resolve and still crash on its
// first call (`(0, import_swr.default) is not a function`). Run by check-entries.mjs.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const format = process.argv[process.argv.indexOf('--format') + 1];
if (format !== 'cjs' && format !== 'esm') throw new Error('usage: node exercise-exports.mjs --format cjs|esm');

const require = createRequire(import.meta.url);
// The package itself (Node resolves its own name through `exports`), React, and msw, all
// loaded the way the format under test loads them.
const load = (id) => (format === 'cjs' ? require(id) : import(id));
const ENTRIES = ['react-room-token', 'react-room-token/server', 'react-room-token/testing', 'react-room-token/testing/msw', 'react-room-token/swr'];
const entries = Object.fromEntries(await Promise.all(ENTRIES.map(async (id) => [id, await load(id)])));
const { createElement: h, Suspense } = await load('react');
const { renderToString } = await load('react-dom/server');
const { setupServer } = await load('msw/node');
const { SWRConfig } = await load('swr');

const request = { roomId: 'studio-7', userId: 'ada', permissions: ['PermissionChat'] };
const KEY = 'exercise-key';

/** A fake upstream answered in-process: a `fetch` that never leaves the process. */
function fakeFetch(testing) {
  const fake = testing.createFakeTokenService({ apiKey: KEY });
  return { fake, fetch: (input, init) => fake.handle(new Request(input, init)) };
}

/** Renders on the server, as Next.js, Remix or a CJS SSR server would. */
function serverHtml(element) {
  return renderToString(element);
}

// How each export shows that it runs. An export with no entry here fails the check, so a new
// export cannot ship untried.
const EXERCISES = {
  PERMISSIONS: (m) => assert.ok(m.PERMISSIONS.some((p) => p.name === 'permissionChatSlowmodeBypass')),
  isPermission: (m) => assert.deepEqual([m.isPermission('PermissionChatMute'), m.isPermission('permissionchatmute')], [true, false]),
  expandPermissions: (m) => assert.ok(m.expandPermissions(['PermissionRoom']).includes('PermissionRoomKick')),
  RoomTokenError: (m) => {
    const error = new m.RoomTokenError('unavailable', 'down', { status: 503 });
    assert.ok(error instanceof Error);
    assert.deepEqual([error.name, error.code, error.status, error.retryable], ['RoomTokenError', 'unavailable', 503, true]);
  },
  DEV_BASE_URL: (m) => assert.match(m.DEV_BASE_URL, /^https:\/\//),
  CREATE_PATH: (m) => assert.match(m.CREATE_PATH, /^\/room\.tokens\.private\.v1\.Service\/Create$/),
  createRoomMemberTokens: async (m, all) => {
    const { fake, fetch } = fakeFetch(all['react-room-token/testing']);
    const [token] = await m.createRoomMemberTokens([request], { baseUrl: 'https://upstream.test', apiKey: KEY, fetch });
    assert.equal(token, fake.issued[0].token);
  },
  createRoomTokenClient: async (m, all) => {
    const { fake, fetch } = fakeFetch(all['react-room-token/testing']);
    const client = m.createRoomTokenClient({ fetchToken: async (asked) => (await m.createRoomMemberTokens([asked], { baseUrl: 'https://upstream.test', apiKey: KEY, fetch }))[0] });
    const [a, b] = await Promise.all([client.get(request), client.get(request)]);
    assert.equal(a, fake.issued[0].token);
    assert.equal(b, a);
  },
  devMode: async (m, all) => {
    // Dev mode calls the upstream itself: the fake, on a loopback port.
    const fake = all['react-room-token/testing'].createFakeTokenService({ apiKey: KEY });
    const { url, close } = await fake.listen();
    const warn = console.warn;
    console.warn = () => {}; // its one "the key is exposed" warning, expected here
    try {
      const client = m.createRoomTokenClient({ dev: m.devMode({ apiKey: KEY, baseUrl: url }) });
      assert.equal(await client.get(request), fake.issued[0].token);
      assert.equal(fake.calls[0].headers.authorization, `Bearer ${KEY}`);
    } finally {
      console.warn = warn;
      await close();
    }
  },
  batchRequests: async (m, all) => {
    const fake = all['react-room-token/testing'].createFakeTokenService({ apiKey: KEY });
    const { url, close } = await fake.listen();
    try {
      const client = m.createRoomTokenClient({ endpoint: url + m.CREATE_PATH, headers: { authorization: `Bearer ${KEY}` }, batch: m.batchRequests() });
      // Two rooms asked for in the same tick: one Create call with both.
      const tokens = await Promise.all([client.get(request), client.get({ ...request, roomId: 'studio-8' })]);
      assert.equal(fake.calls.length, 1);
      assert.deepEqual(tokens, fake.issued.map((issued) => issued.token));
    } finally {
      await close();
    }
  },
  RoomTokenProvider: (m) => {
    const html = serverHtml(h(m.RoomTokenProvider, { endpoint: '/api/room-token' }, h(m.BroadcastJoinGate, request, 'joined')));
    assert.match(html, /Joining the broadcast/);
    assert.doesNotMatch(html, /joined/);
  },
  BroadcastJoinGate: (m) => {
    const html = serverHtml(h(m.BroadcastJoinGate, { ...request, endpoint: '/api/room-token', fallback: h('p', null, 'wait') }, 'joined'));
    assert.equal(html, '<p>wait</p>');
  },
  useRoomMemberToken: (m) => {
    function Probe() {
      const { token, error, isLoading } = m.useRoomMemberToken(request, { endpoint: '/api/room-token' });
      return h('output', null, JSON.stringify({ token: token ?? null, error: error ?? null, isLoading }));
    }
    assert.match(serverHtml(h(Probe)), /^<output>\{(&quot;|")token\1:null,\1error\1:null,\1isLoading\1:(true|false)\}<\/output>$/);
  },
  useSuspenseRoomMemberToken: (m) => {
    function Stage({ initialToken }) {
      return h('p', null, m.useSuspenseRoomMemberToken(request, { endpoint: '/api/room-token', initialToken }).token);
    }
    // No server-minted token: the Suspense fallback; one: the children.
    assert.match(serverHtml(h(Suspense, { fallback: h('i', null, 'wait') }, h(Stage))), /<i>wait<\/i>/);
    assert.match(serverHtml(h(Suspense, { fallback: 'wait' }, h(Stage, { initialToken: 'server-token' }))), /<p>server-token<\/p>/);
  },
  useRoomMemberTokenSWR: (m, all) => {
    function Probe() {
      const { data, error, isLoading, mutate } = m.useRoomMemberTokenSWR(request, { endpoint: '/api/room-token' });
      return h('output', null, `${data} ${error ?? 'none'} ${isLoading} ${typeof mutate}`);
    }
    const fallback = { [m.roomTokenKey(request)]: 'server-token' };
    assert.match(serverHtml(h(SWRConfig, { value: { fallback } }, h(Probe))), /server-token none false function/);
    assert.match(serverHtml(h(Probe)), /undefined none true function/);
    assert.equal(all['react-room-token/swr'].RoomTokenError, all['react-room-token'].RoomTokenError);
  },
  roomTokenKey: (m) => {
    const key = m.roomTokenKey({ ...request, permissions: ['PermissionRoom', 'PermissionChat'], metadata: { b: '2', a: '1' } });
    assert.equal(key, m.roomTokenKey({ ...request, permissions: ['PermissionChat', 'PermissionRoom'], metadata: { a: '1', b: '2' } }));
    assert.notEqual(key, m.roomTokenKey({ ...request, userId: 'grace' }));
  },
  useBroadcastToken: (m) => {
    function Stage() {
      return m.useBroadcastToken().token;
    }
    assert.throws(() => serverHtml(h(Stage)), /BroadcastJoinGate/);
  },
  createRoomTokenHandler: async (m, all) => {
    const { fake, fetch } = fakeFetch(all['react-room-token/testing']);
    const handler = m.createRoomTokenHandler({ apiKey: KEY, baseUrl: 'https://upstream.test', fetch, authorize: (asked) => asked });
    const response = await handler(
      new Request('https://app.test/api/room-token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ arguments: [{ room_id: 'studio-7', user_id: 'ada' }] }),
      }),
    );
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { tokens: [fake.issued[0].token] });
    // mintMany: two tokens in one Create call.
    assert.deepEqual(await handler.mintMany([request, { ...request, roomId: 'studio-8' }], { headers: new Headers() }), fake.issued.slice(1).map((t) => t.token));
    assert.equal(fake.calls.length, 2);
  },
  limitPermissions: (m) => assert.deepEqual(m.limitPermissions(['PermissionChat'], ['PermissionChatMute']), ['PermissionChatMute']),
  createFakeTokenService: async (m) => {
    const fake = m.createFakeTokenService({ apiKey: KEY });
    const server = await fake.listen();
    try {
      const response = await fetch(`${server.url}${m.CREATE_PATH}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ arguments: [{ room_id: 'studio-7', user_id: 'ada' }] }),
      });
      assert.equal(response.status, 200);
      assert.equal(fake.calls.length, 1);
    } finally {
      await server.close();
    }
  },
  mswHandlers: async (m, all) => {
    const { createFakeTokenService, createRoomMemberTokens } = all['react-room-token/testing'];
    const fake = createFakeTokenService({ apiKey: KEY });
    const server = setupServer(...m.mswHandlers(fake, 'https://upstream.test'));
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const [token] = await createRoomMemberTokens([request], { baseUrl: 'https://upstream.test', apiKey: KEY });
      assert.equal(token, fake.issued[0].token);
    } finally {
      server.close();
    }
  },
};

const failures = [];
let count = 0;
for (const [id, entry] of Object.entries(entries)) {
  for (const name of Object.keys(entry)) {
    if (name === 'default' && format === 'esm') continue; // Node's view of a CJS module, not ours
    const exercise = EXERCISES[name];
    if (!exercise) {
      failures.push(`${id}: export \`${name}\` has no exercise in scripts/exercise-exports.mjs; add one`);
      continue;
    }
    try {
      await exercise(entry, entries);
      count++;
    } catch (error) {
      failures.push(`${id}: \`${name}\` failed: ${error?.stack ?? error}`);
    }
  }
}

// One copy of core: the error class is the same object whichever entry it comes from, and
// what one entry throws is an instance of what another exports.
const classes = ENTRIES.filter((id) => entries[id].RoomTokenError).map((id) => [id, entries[id].RoomTokenError]);
for (const [id, RoomTokenError] of classes.slice(1)) {
  if (RoomTokenError !== classes[0][1]) failures.push(`${id}'s RoomTokenError is not ${classes[0][0]}'s: core is loaded twice`);
}
const thrown = await entries['react-room-token/testing']
  .createRoomMemberTokens([{ roomId: '', userId: 'ada' }], { baseUrl: 'https://upstream.test' })
  .catch((error) => error);
for (const [id, RoomTokenError] of classes) {
  if (!(thrown instanceof RoomTokenError)) failures.push(`an error thrown by react-room-token/testing is not instanceof ${id}'s RoomTokenError`);
}

if (failures.length > 0) {
  console.error(`${format.toUpperCase()}: ${failures.length} problem(s):\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(`${format.toUpperCase()}: ${count} exports of ${ENTRIES.length} entries ran; RoomTokenError is one class across entries.`);
