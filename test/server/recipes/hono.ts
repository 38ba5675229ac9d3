// Tested copy of the Hono recipe in docs/express-hono.md (id=hono-app; only the import paths differ).
import { Hono } from 'hono';
import { createRoomTokenHandler, limitPermissions } from '../../../src/server';
import { getSession } from './session'; // your app's own: { userId, isStreamer, permissions } or null

const roomTokenHandler = createRoomTokenHandler({
  apiKey: process.env.ROOM_TOKEN_API_KEY,
  baseUrl: process.env.ROOM_TOKEN_BASE_URL, // unset: the documented development host
  async authorize(asked, { headers }) {
    const session = await getSession(headers);
    if (!session) return false; // 403: not signed in
    return {
      roomId: asked.roomId, // check here that this user may enter this room, if your app restricts rooms
      userId: session.userId, // from the session, never from the browser
      permissions: limitPermissions(asked.permissions, session.permissions),
      // Only streamers broadcast; any other metadata the browser sent is dropped.
      metadata: session.isStreamer && asked.metadata?.mcuStream === 'true' ? { mcuStream: 'true' } : undefined,
    };
  },
});

const app = new Hono();
// `all`, so that other methods get the handler's 405 with `Allow: POST`.
app.all('/api/room-token', (c) => roomTokenHandler(c.req.raw));

export default app; // Bun, Deno, workers; on Node: serve(app) from @hono/node-server
