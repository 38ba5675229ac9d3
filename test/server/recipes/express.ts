// Tested copy of the Express recipe in docs/express-hono.md (id=express-app; only the import paths differ).
import express from 'express';
import { createRequestListener } from '@remix-run/node-fetch-server';
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

export const app = express();
// Before any body parser: the handler reads the body itself, and limits it while reading.
app.all('/api/room-token', createRequestListener(roomTokenHandler));
app.use(express.json()); // the rest of your app
