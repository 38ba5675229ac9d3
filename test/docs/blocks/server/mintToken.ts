// Tested copy of the block id=server-create-tokens (docs tests compare the two; only import paths differ).
// jobs/mintToken.ts: one Create call from a script or a job, without React or a handler
import { createRoomMemberTokens, RoomTokenError } from '../../../../src/server';

export async function mintBroadcasterToken(roomId: string, userId: string): Promise<string | undefined> {
  try {
    const [token] = await createRoomMemberTokens(
      [{ roomId, userId, metadata: { mcuStream: 'true' }, permissions: ['PermissionChat'] }],
      { apiKey: process.env.ROOM_TOKEN_API_KEY, baseUrl: process.env.ROOM_TOKEN_BASE_URL, timeoutMs: 5000 }, // baseUrl unset: DEV_BASE_URL
    );
    return token;
  } catch (error) {
    if (error instanceof RoomTokenError && error.retryable) return undefined; // an outage: try again later
    throw error;
  }
}
