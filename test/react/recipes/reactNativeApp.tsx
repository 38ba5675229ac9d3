// docs/react-native.md's example (id=react-native-app), type-checked by `npm run typecheck` (test/react/reactNativeReadme.test.ts keeps the two the same).
// App.tsx
import { Text } from 'react-native';
import { BroadcastJoinGate, RoomTokenProvider } from '../../../src';

// Your backend's token route (docs/server.md), e.g. https://api.example.com/api/room-token.
const ENDPOINT = process.env.EXPO_PUBLIC_ROOM_TOKEN_ENDPOINT!;

export default function Live({ roomId, userId, session }: { roomId: string; userId: string; session: string }) {
  return (
    <RoomTokenProvider endpoint={ENDPOINT} headers={{ authorization: `Bearer ${session}` }} refreshInterval={10 * 60_000}>
      <BroadcastJoinGate roomId={roomId} userId={userId}>
        {(token) => <Text>On air with a token of {token.length} characters</Text>}
      </BroadcastJoinGate>
    </RoomTokenProvider>
  );
}
