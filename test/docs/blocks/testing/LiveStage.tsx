// Tested copy of the block id=testing-component (docs tests compare the two; only import paths differ).
// src/LiveStage.tsx: a component of your app
import { BroadcastJoinGate, useBroadcastToken } from '../../../../src';

function OnAir() {
  const { token, roomId } = useBroadcastToken();
  return <p>On air in {roomId} with a token of {token.length} characters.</p>;
}

export function LiveStage({ roomId, userId }: { roomId: string; userId: string }) {
  return (
    <BroadcastJoinGate
      roomId={roomId}
      userId={userId}
      errorFallback={({ error, retry }) => (
        <div role="alert">
          <p>{error.code === 'permission_denied' ? 'Only hosts can go live here.' : 'The broadcast service is not available right now.'}</p>
          {error.retryable && <button onClick={retry}>Try again</button>}
        </div>
      )}
    >
      <OnAir />
    </BroadcastJoinGate>
  );
}
