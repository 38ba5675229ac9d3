'use client';
import { useBroadcastToken } from 'react-room-token';

export function JoinedRoom() {
  const { token, roomId, userId } = useBroadcastToken();
  return (
    <p id="joined" data-token={token}>
      {userId} joined {roomId}
    </p>
  );
}
