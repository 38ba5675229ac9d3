// Tested copy of the block id=react-gate (docs tests compare the two; only import paths differ).
// src/GoLive.tsx
import { BroadcastJoinGate, useBroadcastToken } from '../../../../src';
import { BroadcastRoom } from './BroadcastRoom'; // your room SDK's component

function Stage() {
  const { token, roomId, refresh } = useBroadcastToken(); // a string, never undefined here
  return <BroadcastRoom room={roomId} token={token} onTokenExpired={refresh} />;
}

export function GoLive({ roomId, userId }: { roomId: string; userId: string }) {
  return (
    <BroadcastJoinGate
      endpoint="/api/room-token"
      roomId={roomId}
      userId={userId}
      permissions={['PermissionChat']}
      fallback={<p role="status">Joining {roomId}…</p>}
      errorFallback={({ error, retry }) => (
        <div role="alert">
          {error.code === 'permission_denied' ? 'You are not a host of this room.' : 'Could not join the broadcast.'}
          {error.retryable && <button onClick={retry}>Try again</button>}
        </div>
      )}
    >
      <Stage />
    </BroadcastJoinGate>
  );
}
