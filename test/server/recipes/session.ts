// The tests' stand-in for an app's own session lookup, which the recipes import: a session
// cookie naming one of a few known users.
import type { Permission } from '../../../src/server';

export interface Session {
  userId: string;
  isStreamer: boolean;
  permissions: Permission[];
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
