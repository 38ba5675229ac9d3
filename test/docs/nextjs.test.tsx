// @vitest-environment jsdom
// docs/nextjs.md's server component and pages-router blocks, run as documented (the App Router
// recipe runs in a real Next.js app: test/consumers/next.consumer.ts). The pages router's API
// route is served by Node's HTTP server as Next.js would call it; getServerSideProps is called
// with a request's headers, and its page rendered to HTML as Next.js would.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cleanup, render, screen } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFakeTokenService } from '../../src/testing';
import { expectDocumented, appBackendPerTest } from './documented';

const KEY = 'docs-next-key';
const html = (element: React.ReactElement) => renderToString(element).replaceAll('<!-- -->', '');

describe('docs/nextjs.md: a server component that renders the gate', () => {
  const backend = appBackendPerTest();
  afterEach(() => cleanup());

  it('is documented as tested', () => {
    expectDocumented('next-rsc-page', 'test/docs/blocks/next/watch/page.tsx');
  });

  it("puts the gate's fallback in the HTML; the browser then asks the endpoint and shows the stage", async () => {
    const { default: WatchPage } = await import('./blocks/next/watch/page');

    expect(html(<WatchPage />)).toMatch(/role="status"[^>]*>Joining the broadcast…/);
    render(<WatchPage />);
    await screen.findByText(/^ada is live in studio-7 with a token of \d+ characters\.$/, undefined, { timeout: 15_000 });
    // expandPermissions ran on the server: the group and each permission it implies.
    expect((backend.fake.calls[0]!.body as { arguments: { permissions: string[] }[] }).arguments[0]!.permissions).toEqual([
      'PermissionChat',
      'PermissionChatBlock',
      'PermissionChatUnblock',
      'PermissionChatMute',
      'PermissionChatUnmute',
      'PermissionChatMessageDelete',
      'PermissionChatKick',
      'permissionChatSlowmodeBypass',
    ]);
  });
});

describe('docs/nextjs.md: the pages router', () => {
  const fake = createFakeTokenService({ apiKey: KEY });
  let close = async () => {};
  let route: typeof import('./blocks/next/pages/api/room-token');
  let page: typeof import('./blocks/next/pages/live');
  beforeAll(async () => {
    const upstream = await fake.listen();
    close = upstream.close;
    vi.stubEnv('ROOM_TOKEN_API_KEY', KEY);
    vi.stubEnv('ROOM_TOKEN_BASE_URL', upstream.url);
    route = await import('./blocks/next/pages/api/room-token');
    page = await import('./blocks/next/pages/live');
    vi.unstubAllEnvs();
  });
  afterAll(() => close());

  it('is documented as tested', () => {
    expectDocumented('next-pages-api', 'test/docs/blocks/next/pages/api/room-token.ts', { '../../../../../server/recipes/nextRoomTokens': '@/lib/roomTokens' });
    expectDocumented('next-pages-live', 'test/docs/blocks/next/pages/live.tsx', {
      '../../../../server/recipes/nextRoomTokens': '@/lib/roomTokens',
      '../../../../server/recipes/session': '@/lib/session',
      '../live/Stage': '@/components/Stage',
    });
  });

  it("the API route turns Next's body parser off and mints under the route's policy", async () => {
    expect(route.config).toEqual({ api: { bodyParser: false } });
    const server = http.createServer(route.default).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await fetch(`http://127.0.0.1:${port}/api/room-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: 'session=streamer-cookie' },
        body: JSON.stringify({ arguments: [{ user_id: 'someone-else', room_id: 'studio-7', metadata: { mcuStream: 'true' } }] }),
      });

      expect(answer.status).toBe(200);
      expect(((await answer.json()) as { tokens: string[] }).tokens).toEqual([fake.issued.at(-1)!.token]);
      expect(fake.calls.at(-1)!.body).toEqual({ arguments: [{ user_id: 'streamer-1', room_id: 'studio-7', metadata: { mcuStream: 'true' }, permissions: [] }] });
    } finally {
      await new Promise((resolve) => (server.closeAllConnections(), server.close(resolve)));
    }
  });

  it("getServerSideProps mints for the session, and the page's HTML holds the stage with that token", async () => {
    const before = fake.calls.length;
    const req = { headers: { cookie: 'session=streamer-cookie', host: 'example.test' } } as unknown as http.IncomingMessage;

    const result = await page.getServerSideProps({ req });

    expect(fake.calls.length).toBe(before + 1);
    expect(result).toEqual({ props: { userId: 'streamer-1', initialToken: fake.issued.at(-1)!.token } });
    const props = (result as { props: { userId: string; initialToken: string | null } }).props;
    expect(html(<page.default {...props} />)).toContain(`streamer-1 is live in studio-7 with a token of ${props.initialToken!.length} characters.`);
  });

  it('getServerSideProps sends a signed-out visitor to sign in, and mints nothing', async () => {
    const before = fake.calls.length;
    const req = { headers: {} } as unknown as http.IncomingMessage;

    expect(await page.getServerSideProps({ req })).toEqual({ redirect: { destination: '/signin', permanent: false } });
    expect(fake.calls.length).toBe(before);
  });
});
