// Tested copy of docs/nextjs.md's block id=next-lib-room-tokens (only the import paths differ).
// lib/roomTokens.ts: one handler and one policy, for the route handler and the pages
import { createRoomTokenHandler, limitPermissions } from '../../../src/server';
import { getSession } from './session'; // your app's own: { userId, isStreamer, permissions } or null

export const roomTokens = createRoomTokenHandler({
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
