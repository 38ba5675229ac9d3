// Tested copy of the block id=react-hook (docs tests compare the two; only import paths differ).
// src/ChatSeat.tsx
import { useRoomMemberToken } from '../../../../src';
import { Chat } from './Chat'; // your chat SDK's component

export function ChatSeat({ roomId, userId }: { roomId: string; userId: string }) {
  const { token, error, isLoading, refresh } = useRoomMemberToken(
    { roomId, userId, permissions: ['PermissionChatMute', 'PermissionChatKick'] },
    { endpoint: '/api/room-token' },
  );
  // Tell people by error.code; error.message is technical text for your reports (onError).
  if (error && !token) return <p role="alert">{error.code === 'permission_denied' ? 'You may not moderate this chat.' : 'The chat is not available right now.'}</p>;
  if (isLoading || !token) return <p role="status">Joining…</p>;
  return <Chat token={token} onTokenExpired={refresh} />;
}
