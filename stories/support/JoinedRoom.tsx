import type { ReactNode } from 'react';
import { useBroadcastToken } from '../../src';
import { shortToken } from './shortToken';

/** Stands in for the app's broadcast room: what a person sees once the gate lets them in. */
export function JoinedRoom(): ReactNode {
  const { token, roomId, userId } = useBroadcastToken();
  return (
    <section aria-label="Broadcast room" style={{ border: '2px solid #2a7', borderRadius: 8, padding: 16, maxWidth: 560 }}>
      <h2 style={{ marginTop: 0 }}>On air</h2>
      <p>
        Room <code>{roomId}</code>, broadcasting as <code>{userId}</code>.
      </p>
      <p>
        Token: <code>{shortToken(token)}</code>
      </p>
    </section>
  );
}
