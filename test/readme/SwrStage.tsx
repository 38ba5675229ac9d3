// Tested copy of docs/swr-suspense.md's block id=swr-live-page (test/readme/readme.test.tsx runs it).
import { SWRConfig } from 'swr';
import { roomTokenKey, useRoomMemberTokenSWR, type TokenRequest } from '../../src/swr';

function Stage({ request }: { request: TokenRequest }) {
  const { data: token, error, isLoading, mutate } = useRoomMemberTokenSWR(request);
  if (error && !token) return <p role="alert">Could not join the broadcast ({error.code}).</p>;
  if (isLoading || !token) return <p role="status">Joining…</p>;
  return (
    <section>
      <p>On air with a token of {token.length} characters.</p>
      <button type="button" onClick={() => void mutate()}>Refresh the token</button>
    </section>
  );
}

// Under your <RoomTokenProvider endpoint="/api/room-token">. `serverToken`: from getServerSideProps,
// a loader or a server component (`roomTokens.mint(request, …)`), or undefined.
export function LivePage({ serverToken }: { serverToken?: string }) {
  const request: TokenRequest = { roomId: 'studio-7', userId: 'ada', metadata: { mcuStream: 'true' } };
  const fallback = serverToken ? { [roomTokenKey(request)]: serverToken } : {};
  return (
    <SWRConfig value={{ fallback, refreshInterval: 5_000 /* the app's: the token hook ignores it */ }}>
      <Stage request={request} />
    </SWRConfig>
  );
}
