import { useContext } from 'react';
import { BroadcastTokenContext, type BroadcastToken } from './BroadcastTokenContext';

/**
 * The token of the nearest BroadcastJoinGate, for the components that join the room.
 * Throws when used outside a gate.
 *
 * @example
 * function Stage() {
 *   const { token, roomId, refresh } = useBroadcastToken();
 *   return <BroadcastRoom room={roomId} token={token} onTokenExpired={refresh} />;
 * }
 */
export function useBroadcastToken(): BroadcastToken {
  const value = useContext(BroadcastTokenContext);
  if (!value) throw new Error(`useBroadcastToken must be used inside <BroadcastJoinGate>${process.env.NODE_ENV !== 'production' ? ': the gate provides the token' : ''}`);
  return value;
}
