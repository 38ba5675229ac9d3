// Tested copy of the block id=readme-app (docs tests compare the two; only import paths differ).
// src/App.tsx
import { BroadcastJoinGate, RoomTokenProvider, useBroadcastToken } from '../../../../src';

function Stage() {
  const { token, roomId, userId } = useBroadcastToken(); // a string here, never undefined
  return (
    <p>
      {userId} joined {roomId} with a token of {token.length} characters.
    </p>
  );
}

export default function App() {
  return (
    <RoomTokenProvider endpoint="/api/room-token">
      <BroadcastJoinGate roomId="studio-7" userId="ada" permissions={['PermissionChat']}>
        <Stage />
      </BroadcastJoinGate>
    </RoomTokenProvider>
  );
}
