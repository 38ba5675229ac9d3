// The tests' stand-in for an app's own session lookup, which the recipes import: a session
// cookie naming one of a few known users. Permissions are plain strings, as an app reads
// them from a database or a JWT: the recipes must compile with that.

export interface Session {
  userId: string;
  isStreamer: boolean;
  permissions: string[];
}

export const sessions: ReadonlyMap<string, Session> = new Map([
  ['viewer-cookie', { userId: 'viewer-1', isStreamer: false, permissions: [] }],
  ['moderator-cookie', { userId: 'moderator-1', isStreamer: false, permissions: ['PermissionChatMute', 'PermissionRoomKick'] }],
  ['streamer-cookie', { userId: 'streamer-1', isStreamer: true, permissions: ['PermissionChat', 'PermissionRoom'] }],
]);

export async function getSession(headers: Headers): Promise<Session | null> {
  const id = /(?:^|;\s*)session=([^;]+)/.exec(headers.get('cookie') ?? '')?.[1];
  return (id !== undefined && sessions.get(id)) || null;
}
