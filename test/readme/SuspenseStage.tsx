// Tested copy of docs/swr-suspense.md's block id=suspense-live-page (test/readme/readme.test.tsx runs it).
import { Suspense } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { useSuspenseRoomMemberToken } from '../../src';

function Stage({ roomId, userId }: { roomId: string; userId: string }) {
  // Renders only once there is a token: no loading or error branch here.
  const { token, refresh } = useSuspenseRoomMemberToken({ roomId, userId, metadata: { mcuStream: 'true' } });
  return (
    <section>
      <p>{userId} is live in {roomId} with a token of {token.length} characters.</p>
      <button type="button" onClick={() => void refresh()}>Refresh the token</button>
    </section>
  );
}

// Under your <RoomTokenProvider endpoint="/api/room-token">.
export function LivePage() {
  return (
    <ErrorBoundary
      fallbackRender={({ error, resetErrorBoundary }) => (
        <div role="alert">
          <p>Could not join the broadcast ({(error as { code?: string }).code}).</p>
          <button type="button" onClick={resetErrorBoundary}>Try again</button>
        </div>
      )}
    >
      <Suspense fallback={<p role="status">Joining…</p>}>
        <Stage roomId="studio-7" userId="ada" />
      </Suspense>
    </ErrorBoundary>
  );
}
