'use client';
// The client component the docs' server-minted page (docs/nextjs.md) renders inside the gate: it shows the
// token, says when React has hydrated it, and refreshes the token on a click.
import { useSyncExternalStore } from 'react';
import { useBroadcastToken } from 'react-room-token';

const never = () => () => {};

export function Stage() {
  const { token, roomId, userId, refresh } = useBroadcastToken();
  // False in the server's HTML and during hydration, true once React has hydrated this.
  const hydrated = useSyncExternalStore(never, () => true, () => false);
  return (
    <section id="stage" data-token={token} data-hydrated={hydrated}>
      <p>
        {userId} is live in {roomId}
      </p>
      <button type="button" onClick={() => void refresh()}>
        Refresh the token
      </button>
    </section>
  );
}
