// Tested copy of the block id=next-pages-live (docs tests compare the two; only import paths differ).
// pages/live.tsx: the token minted per request in getServerSideProps
import type { IncomingMessage } from 'node:http';
import { BroadcastJoinGate, type Permission } from '../../../../../src';
import { roomTokens } from '../../../../server/recipes/nextRoomTokens';
import { getSession } from '../../../../server/recipes/session';
import { Stage } from '../live/Stage'; // it calls useBroadcastToken()

const roomId = 'studio-7';
const permissions: Permission[] = ['PermissionChat'];

export async function getServerSideProps({ req }: { req: IncomingMessage }) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  const session = await getSession(headers);
  if (!session) return { redirect: { destination: '/signin', permanent: false } };
  // The very request the gate makes (it always asks for mcuStream), under the route's policy.
  const initialToken = await roomTokens
    .mint({ roomId, userId: session.userId, permissions, metadata: { mcuStream: 'true' } }, { headers })
    .catch(() => null); // denied, or the upstream is down: the browser asks instead
  return { props: { userId: session.userId, initialToken } };
}

export default function LivePage({ userId, initialToken }: { userId: string; initialToken: string | null }) {
  return (
    <BroadcastJoinGate endpoint="/api/room-token" initialToken={initialToken ?? undefined} roomId={roomId} userId={userId} permissions={permissions}>
      <Stage />
    </BroadcastJoinGate>
  );
}
