// A server component: it calls core helpers from the main entry while rendering on the
// server, and renders the gate (a client component) straight from here.
import { BroadcastJoinGate, expandPermissions, isPermission, PERMISSIONS, RoomTokenError } from 'react-room-token';
import { JoinedRoom } from './JoinedRoom';

// Rendered per request, as a page that reads the session would be.
export const dynamic = 'force-dynamic';

export default function Page() {
  const chat = expandPermissions(['PermissionChat']);
  const rooms = PERMISSIONS.filter((permission) => permission.group === 'room').length;
  const error = new RoomTokenError('unavailable', 'probe');
  return (
    <main>
      <p id="server-helpers">
        {`chat permissions: ${chat.length}; room permissions: ${rooms}; ` +
          `PermissionRoom known: ${isPermission('PermissionRoom')}; unavailable retryable: ${error.retryable}`}
      </p>
      <BroadcastJoinGate
        endpoint="/api/room-token"
        roomId="studio-7"
        userId="ada"
        permissions={['PermissionChat']}
        fallback={<p id="fallback">Joining studio-7…</p>}
      >
        <JoinedRoom />
      </BroadcastJoinGate>
    </main>
  );
}
