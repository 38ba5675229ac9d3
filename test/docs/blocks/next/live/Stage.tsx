'use client';
// The tests' stand-in for the client component the docs' Next.js pages render in the gate: it
// shows who is live where, and the token's length (never the token).
import { useBroadcastToken } from '../../../../../src';

export function Stage() {
  const { token, roomId, userId } = useBroadcastToken();
  return (
    <p>
      {userId} is live in {roomId} with a token of {token.length} characters.
    </p>
  );
}
