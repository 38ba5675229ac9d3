// The tests' stand-in for the app that docs/react.md's provider example wraps: two tiles that
// ask for two distinct tokens in the same render (batched into one call when batching is on).
import { useRoomMemberToken } from '../../../../src';

function Tile({ roomId }: { roomId: string }) {
  const { token, error } = useRoomMemberToken({ roomId, userId: 'ada' });
  if (error) return <p>{roomId}: {error.code}</p>;
  return <p>{token ? `${roomId}: a token of ${token.length} characters` : `${roomId}: waiting`}</p>;
}

export default function App() {
  return (
    <>
      <Tile roomId="tile-1" />
      <Tile roomId="tile-2" />
    </>
  );
}
