// Tested copy of the block id=readme-server (docs tests compare the two; only import paths differ).
// server.ts: your backend's token route, on the port vite.config.ts forwards /api to
import { createServer } from 'node:http';
import { createRequestListener } from '@remix-run/node-fetch-server';
import { createRoomTokenHandler, limitPermissions } from '../../../../src/server';
import { getSession } from '../../../server/recipes/session'; // your app's own: { userId, isStreamer, permissions } or null

const roomTokens = createRoomTokenHandler({
  apiKey: process.env.ROOM_TOKEN_API_KEY, // a secret of the server, never in the page
  baseUrl: process.env.ROOM_TOKEN_BASE_URL, // unset: DEV_BASE_URL, the documented development host
  async authorize(asked, { headers }) {
    const session = await getSession(headers);
    if (!session) return false; // 403: not signed in
    return {
      roomId: asked.roomId, // check here that this user may enter this room, if your app restricts rooms
      userId: session.userId, // from the session, never from the browser
      permissions: limitPermissions(asked.permissions, session.permissions),
      metadata: session.isStreamer && asked.metadata?.mcuStream === 'true' ? { mcuStream: 'true' } : undefined,
    };
  },
});

export const server = createServer(
  createRequestListener((request) =>
    new URL(request.url).pathname === '/api/room-token' ? roomTokens(request) : new Response('Not found', { status: 404 }),
  ),
).listen(Number(process.env.PORT ?? 8787), '127.0.0.1');
