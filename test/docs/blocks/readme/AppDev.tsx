// Tested copy of the block id=readme-app-dev (docs tests compare the two; only import paths differ).
// src/App.tsx: dev mode in the dev server, your backend in a build
import { BroadcastJoinGate, RoomTokenProvider, devMode, useBroadcastToken } from '../../../../src';

function Stage() {
  const { token, roomId, userId } = useBroadcastToken();
  return (
    <p>
      {userId} joined {roomId} with a token of {token.length} characters.
    </p>
  );
}

// import.meta.env.DEV is false in a production build: the dev code and the key are dropped together.
const source = import.meta.env.DEV
  ? { dev: devMode({ apiKey: import.meta.env.VITE_ROOM_TEST_KEY, baseUrl: import.meta.env.VITE_ROOM_BASE_URL }) }
  : { endpoint: '/api/room-token' };

export default function App() {
  return (
    <RoomTokenProvider {...source}>
      <BroadcastJoinGate roomId="studio-7" userId="ada" permissions={['PermissionChat']}>
        <Stage />
      </BroadcastJoinGate>
    </RoomTokenProvider>
  );
}
