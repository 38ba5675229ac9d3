// The docs' backend recipes (README.md's server, docs/nextjs.md, docs/express-hono.md), run
// exactly as documented: each tested copy must match its code block, then it is served on
// loopback against the fake upstream.
import * as http from 'node:http';
import { serve as serveHono } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFakeTokenService, type FakeTokenService } from '../../src/testing';
import { serveOnLoopback } from '../../src/testing/serveOnLoopback';
import { expectDocumented } from '../docs/documented';
import { loadRecipe } from './documentedRecipe';
import { API_KEY, createBody, expectConnectError, guardTheKey, readAnswer, send } from './support';

guardTheKey();

interface Recipe {
  /** The block's id in the docs. */
  block: string;
  file: string;
  imports: Record<string, string>;
  /** More of the environment the app sets (as strings). */
  env?: Record<string, string>;
  /** Serves the recipe module on loopback; resolves its base URL and a close function. */
  serve(module: Record<string, unknown>): Promise<{ url: string; close(): Promise<void> }>;
}

function closeNode(server: http.Server): () => Promise<void> {
  return () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
}

async function listening(server: http.Server): Promise<{ url: string; close(): Promise<void> }> {
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/api/room-token`, close: closeNode(server) };
}

const recipes: Recipe[] = [
  {
    block: 'readme-server',
    file: '../docs/blocks/readme/server.ts',
    imports: { '../../../server/recipes/session': './session' },
    // Port 0: a free one (the README's server listens on PORT, else 8787).
    env: { PORT: '0' },
    serve: async (module) => listening(module.server as http.Server),
  },
  {
    block: 'next-lib-room-tokens',
    file: './recipes/nextRoomTokens.ts',
    imports: { './session': '@/lib/session' },
    // The route exports it as POST, which Next.js calls with the Request; here loopback HTTP does.
    serve: async (module) => serveOnLoopback(module.roomTokens as (request: Request) => Promise<Response>),
  },
  {
    block: 'hono-app',
    file: './recipes/hono.ts',
    imports: {},
    serve: async (module) => {
      const app = module.default as { fetch: (request: Request) => Promise<Response> };
      return listening(serveHono({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as http.Server);
    },
  },
  {
    block: 'express-app',
    file: './recipes/express.ts',
    imports: {},
    serve: async (module) => listening((module.app as { listen(port: number, host: string): http.Server }).listen(0, '127.0.0.1')),
  },
];

describe.each(recipes)('the recipe id=$block', (recipe) => {
  let fake: FakeTokenService;
  let url: string;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    for (const [name, value] of Object.entries(recipe.env ?? {})) vi.stubEnv(name, value);
    const loaded = await loadRecipe(async () => (await import(/* @vite-ignore */ recipe.file)) as Record<string, unknown>);
    fake = loaded.fake;
    closers.push(loaded.close);
    const server = await recipe.serve(loaded.module);
    closers.push(server.close);
    url = server.url.endsWith('/api/room-token') ? server.url : `${server.url}/api/room-token`;
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  /** The upstream calls made while `run` runs. */
  async function upstreamCalls(run: () => Promise<void>) {
    const before = fake.calls.length;
    await run();
    return fake.calls.slice(before);
  }

  const asked = {
    user_id: 'someone-else',
    room_id: 'room-1',
    metadata: { mcuStream: 'true', note: 'hello' },
    permissions: ['PermissionChat', 'PermissionRoom'],
  };

  it('is documented exactly as tested', () => {
    expectDocumented(recipe.block, `test/server/${recipe.file}`, recipe.imports);
  });

  it('gives a viewer a token for their own id, without mcuStream or extra permissions', async () => {
    const calls = await upstreamCalls(async () => {
      const answer = await send(url, { json: createBody(asked), headers: { cookie: 'session=viewer-cookie' } });
      expect(answer.status).toBe(200);
      expect((answer.body as { tokens: string[] }).tokens).toHaveLength(1);
    });
    expect(calls.map((call) => [call.headers.authorization, call.body])).toEqual([
      [`Bearer ${API_KEY}`, createBody({ user_id: 'viewer-1', room_id: 'room-1', metadata: {}, permissions: [] })],
    ]);
  });

  it('lets a streamer broadcast, within the permissions the session allows', async () => {
    const calls = await upstreamCalls(async () => {
      const answer = await send(url, {
        json: createBody({ ...asked, permissions: ['PermissionChatMute'] }),
        headers: { cookie: 'theme=dark; session=streamer-cookie' },
      });
      expect(answer.status).toBe(200);
    });
    expect(calls.map((call) => call.body)).toEqual([
      createBody({ user_id: 'streamer-1', room_id: 'room-1', metadata: { mcuStream: 'true' }, permissions: ['PermissionChatMute'] }),
    ]);
  });

  it('narrows a moderator who asks for whole groups to what they hold', async () => {
    const calls = await upstreamCalls(async () => {
      await send(url, { json: createBody({ ...asked, metadata: {} }), headers: { cookie: 'session=moderator-cookie' } });
    });
    expect(calls.map((call) => call.body)).toEqual([
      createBody({ user_id: 'moderator-1', room_id: 'room-1', metadata: {}, permissions: ['PermissionChatMute', 'PermissionRoomKick'] }),
    ]);
  });

  it('denies a caller with no session, and calls no upstream', async () => {
    const calls = await upstreamCalls(async () => {
      expectConnectError(await send(url, { json: createBody(asked) }), 403, 'permission_denied');
    });
    expect(calls).toEqual([]);
  });

  // Under Next.js the framework answers GET itself; here it reaches the exported handler.
  it('answers GET with 405 and Allow: POST', async () => {
    const answer = await send(url, { method: 'GET', headers: { cookie: 'session=viewer-cookie' } });
    expectConnectError(answer, 405, 'unimplemented');
    expect(answer.headers.get('allow')).toBe('POST');
  });

  // Issue 12, item 5: an answer given before the body is read (an early 413, a 415) must leave
  // the keep-alive connection usable or close it; left with the rest of the body, the next
  // request on it stalled for seconds and was reset.
  describe.each([
    ['a declared 1 MiB body', 413, { length: true }],
    ['1 MiB sent in chunks without a length', 413, { length: false }],
    ['1 MiB that is not declared as JSON', 415, { length: true, contentType: 'text/plain' }],
    ['1 MiB sent with PUT', 405, { length: true, method: 'PUT' }],
  ] as const)('after %s', (_name, status, how) => {
    it(`(answered ${status}) the next request on the same keep-alive connection gets its token`, async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const sockets = new Set<unknown>();
      const target = new URL(url);
      const post = (body: Buffer, init: { length?: boolean; contentType?: string; method?: string }) =>
        new Promise<{ status: number; text: string }>((resolve, reject) => {
          const request = http.request({
            agent,
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: init.method ?? 'POST',
            headers: {
              'content-type': init.contentType ?? 'application/json',
              cookie: 'session=viewer-cookie',
              ...(init.length === false ? {} : { 'content-length': String(body.byteLength) }),
            },
          });
          request.on('socket', (socket) => sockets.add(socket));
          request.on('response', (response) => {
            let text = '';
            response.on('data', (chunk: Buffer) => (text += chunk.toString()));
            response.on('end', () => resolve({ status: response.statusCode!, text }));
          });
          // Writing the rest of a refused body may fail once the server has closed: expected.
          request.on('error', reject);
          if (init.length === false) {
            for (let offset = 0; offset < body.byteLength; offset += 16 * 1024) request.write(body.subarray(offset, offset + 16 * 1024));
            request.end();
          } else request.end(body);
        });
      try {
        const refused = await post(Buffer.alloc(1024 * 1024, 32), how);
        const calls = await upstreamCalls(async () => {
          const next = await post(Buffer.from(JSON.stringify(createBody(asked))), {});
          expect(next.status).toBe(200);
          expect((JSON.parse(next.text) as { tokens: string[] }).tokens).toHaveLength(1);
        });
        expect(refused.status).toBe(status);
        expect(calls).toHaveLength(1);
        // Kept and reused, or closed and replaced by a new one: never left stalled.
        expect(sockets.size).toBeLessThanOrEqual(2);
      } finally {
        agent.destroy();
      }
    }, 30_000);
  });

  it('cuts off an endless body with 413', async () => {
    const endless = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new TextEncoder().encode(' '.repeat(1024))),
    });
    const calls = await upstreamCalls(async () => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: 'session=streamer-cookie' },
        body: endless,
        duplex: 'half',
      } as RequestInit);
      expectConnectError(await readAnswer(response), 413, 'resource_exhausted');
    });
    expect(calls).toEqual([]);
  });
});

// The page of the Next.js recipe mints with the module its route handler serves: one policy.
describe("the Next.js recipe's handler.mint, as its page calls it", () => {
  let fake: FakeTokenService;
  let roomTokens: import('../../src/server').RoomTokenHandler;
  let close: () => Promise<void>;

  beforeAll(async () => {
    fake = createFakeTokenService({ apiKey: API_KEY });
    const upstream = await fake.listen();
    close = upstream.close;
    vi.stubEnv('ROOM_TOKEN_API_KEY', API_KEY);
    vi.stubEnv('ROOM_TOKEN_BASE_URL', upstream.url);
    vi.resetModules(); // A fresh copy, built with this upstream's address, not the one the describe above loaded.
    ({ roomTokens } = (await import('./recipes/nextRoomTokens')) as { roomTokens: typeof roomTokens });
    vi.unstubAllEnvs();
  });
  afterAll(() => close());

  // What the page passes: the gate's own request (it always asks for mcuStream).
  const asked = { roomId: 'studio-7', userId: 'streamer-1', permissions: ['PermissionChat' as const], metadata: { mcuStream: 'true' } };

  it('mints for the session, under the policy the route applies', async () => {
    const before = fake.calls.length;

    const streamer = await roomTokens.mint(asked, { headers: new Headers({ cookie: 'session=streamer-cookie' }) });
    const viewer = await roomTokens.mint(asked, { headers: new Headers({ cookie: 'session=viewer-cookie' }) });

    expect([streamer, viewer]).toEqual(fake.issued.slice(-2).map((issued) => issued.token));
    expect(fake.calls.slice(before).map((call) => call.body)).toEqual([
      createBody({ user_id: 'streamer-1', room_id: 'studio-7', metadata: { mcuStream: 'true' }, permissions: ['PermissionChat'] }),
      createBody({ user_id: 'viewer-1', room_id: 'studio-7', metadata: {}, permissions: [] }),
    ]);
  });

  it('rejects with permission_denied when there is no session, and calls no upstream', async () => {
    const before = fake.calls.length;

    await expect(roomTokens.mint(asked, { headers: new Headers() })).rejects.toMatchObject({ code: 'permission_denied', status: 403 });

    expect(fake.calls.length).toBe(before);
  });
});
