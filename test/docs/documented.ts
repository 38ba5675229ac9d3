// What the docs tests share: a block checked against its tested copy, a block whose lines end
// in their results (`isPermission('PermissionChat'); // true`) checked by running them, and
// the app's backend at a page-relative `/api/room-token` for blocks that name it.
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { createRoomTokenHandler } from '../../src/server';
import { createFakeTokenService, type FakeTokenService, type FakeTokenServiceOptions } from '../../src/testing';
import { serveOnLoopback } from '../../src/testing/serveOnLoopback';
import { docBlock, testedCopy } from './docBlocks';

/** The block `id` is its tested copy `file` (a path from the repository root), less the copy's first line. */
export function expectDocumented(id: string, file: string, imports: Record<string, string> = {}): void {
  expect(testedCopy(file, imports), `${file} is the block id=${id}`).toBe(docBlock(id));
}

/**
 * Runs each `expression; // result` line of a block (the block's imports given as `scope`)
 * and checks that it gives the result its comment says (JSON, with single quotes allowed,
 * up to an explaining ` — …`). Resolves how many lines it checked.
 */
export function expectCommentedResults(code: string, scope: Record<string, unknown>): number {
  let checked = 0;
  for (const line of code.split('\n')) {
    const match = /^(.+?);\s*\/\/\s*(.+)$/.exec(line);
    if (!match || line.startsWith('import ')) continue;
    const said = match[2]!.split(' — ')[0]!.trim();
    const expected: unknown = JSON.parse(said.replace(/'/g, '"'));
    const run = new Function(...Object.keys(scope), `return (${match[1]});`) as (...values: unknown[]) => unknown;
    expect(run(...Object.values(scope)), line).toEqual(expected);
    checked++;
  }
  return checked;
}

const PAGE_ENDPOINT = () => new URL('/api/room-token', location.href).href;

/**
 * For a jsdom test of blocks whose endpoint is the page-relative `/api/room-token`: the app's
 * backend — the package's handler in front of the fake upstream, both fresh for each test and
 * served on loopback ports — with the page's `/api/room-token` forwarded to it (msw answers the
 * page's URL; the hop to the backend and the upstream call are real HTTP).
 */
export function appBackendPerTest(options: { cookie?: string } = {}) {
  const key = 'docs-upstream-key';
  const state = {
    /** The fault the upstream plays in this test. */
    fault: undefined as FakeTokenServiceOptions['fault'],
    /** Whether the backend's `authorize` denies, in this test. */
    deny: false,
    /** Every request the page sent to /api/room-token in this test. */
    requests: [] as Request[],
    /** This test's upstream. */
    fake: undefined as unknown as FakeTokenService,
  };
  let backendUrl = '';
  let close = async () => {};
  const server = setupServer(
    http.all(PAGE_ENDPOINT(), async ({ request }) => {
      state.requests.push(request.clone());
      const headers = new Headers(request.headers);
      if (options.cookie) headers.set('cookie', options.cookie);
      return fetch(backendUrl, { method: request.method, headers, body: request.method === 'GET' ? undefined : await request.arrayBuffer() });
    }),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
  beforeEach(async () => {
    state.fault = undefined;
    state.deny = false;
    state.requests = [];
    state.fake = createFakeTokenService({
      apiKey: key,
      fault: (call, index) => (typeof state.fault === 'function' ? state.fault(call, index) : state.fault),
    });
    const upstream = await state.fake.listen();
    const handler = createRoomTokenHandler({ apiKey: key, baseUrl: upstream.url, authorize: (asked) => (state.deny ? false : asked) });
    const backend = await serveOnLoopback(handler);
    backendUrl = backend.url;
    close = async () => {
      await backend.close();
      await upstream.close();
    };
  });
  afterEach(async () => {
    await close();
  });
  afterAll(() => server.close());
  return state;
}
