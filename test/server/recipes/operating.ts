// Tested copy of docs/server.md's block id=server-on-event (only the import paths differ).
// lib/roomTokens.ts: one JSON line per handled call, for your log pipeline or metrics agent
import { createRoomTokenHandler, type RoomTokenEvent } from '../../../src/server';
import { getSession } from './session'; // your app's own: { userId, … } or null

function report(event: RoomTokenEvent): void {
  // {"msg":"room token call","type":"minted","status":200,"tokens":1,"durationMs":41.2,"upstreamMs":38.9}
  console.info(JSON.stringify({ msg: 'room token call', ...event }));
}

export const roomTokens = createRoomTokenHandler({
  apiKey: process.env.ROOM_TOKEN_API_KEY,
  baseUrl: process.env.ROOM_TOKEN_BASE_URL,
  async authorize(asked, { headers }) {
    const session = await getSession(headers);
    return session ? { roomId: asked.roomId, userId: session.userId } : false;
  },
  onEvent: report,
});
