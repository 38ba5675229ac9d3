// Tested copy of the block id=next-rsc-page (docs tests compare the two; only import paths differ).
// app/watch/page.tsx: a server component
import { BroadcastJoinGate, expandPermissions } from '../../../../../src';
import { Stage } from '../live/Stage'; // 'use client'; it calls useBroadcastToken()

export default function WatchPage() {
  const permissions = expandPermissions(['PermissionChat']); // runs on the server
  return (
    <BroadcastJoinGate endpoint="/api/room-token" roomId="studio-7" userId="ada" permissions={permissions}>
      <Stage />
    </BroadcastJoinGate>
  );
}
