import { Component, Suspense, type ReactNode } from 'react';
import { RoomTokenError, useSuspenseRoomMemberToken, type TokenRequest } from '../../src';
import { shortToken } from './shortToken';

/** The component that reads the token: it renders only once there is one. */
function Stage({ request }: { request: TokenRequest }): ReactNode {
  const { token, refresh } = useSuspenseRoomMemberToken(request);
  return (
    <section aria-label="Broadcast room" style={{ border: '2px solid #2a7', borderRadius: 8, padding: 16, maxWidth: 560 }}>
      <p>
        Room <code>{request.roomId}</code>, token <code>{shortToken(token)}</code>
      </p>
      <button type="button" onClick={() => void refresh()}>
        Refresh
      </button>
    </section>
  );
}

/** An error boundary with a reset, as react-error-boundary's `resetErrorBoundary` gives. */
class TokenErrorBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert">
        <p>{error instanceof RoomTokenError && error.code === 'permission_denied' ? 'You are not allowed to join this broadcast.' : 'Could not join the broadcast.'}</p>
        <button type="button" onClick={() => this.setState({ error: undefined })}>
          Try again
        </button>
      </div>
    );
  }
}

/** `useSuspenseRoomMemberToken` as an app uses it: an error boundary around a Suspense boundary around the stage. */
export function SuspenseStage({ request }: { request: TokenRequest }): ReactNode {
  return (
    <TokenErrorBoundary>
      <Suspense fallback={<p role="status">Joining the broadcast…</p>}>
        <Stage request={request} />
      </Suspense>
    </TokenErrorBoundary>
  );
}
