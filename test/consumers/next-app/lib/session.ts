import type { Permission } from 'react-room-token';

export interface Session {
  userId: string;
  isStreamer: boolean;
  permissions: Permission[];
}

/** The app's session, as the docs' recipe expects it (read from the request headers): here everyone is ada, a streamer. */
export async function getSession(_headers: Headers): Promise<Session | null> {
  return { userId: 'ada', isStreamer: true, permissions: ['PermissionChat'] };
}
