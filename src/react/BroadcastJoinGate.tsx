import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { Permission } from '../core/permissions';
import type { RoomTokenError } from '../core/RoomTokenError';
import { BroadcastTokenContext } from './BroadcastTokenContext';
import { DefaultError, DefaultFallback } from './defaultViews';
import { useRoomMemberToken, type RoomMemberTokenOptions } from './useRoomMemberToken';

/**
 * Props of {@link BroadcastJoinGate}: the room and user, the fallbacks, the children, and any
 * token source option overriding the provider's.
 *
 * @example
 * const props: BroadcastJoinGateProps = { roomId, userId, permissions: ['PermissionChat'], children: <Stage /> };
 */
export interface BroadcastJoinGateProps extends RoomMemberTokenOptions {
  /** The room to broadcast in. */
  roomId: string;
  /** The broadcaster's user id (your backend may force it from the session). */
  userId: string;
  /** Passed as given; group permissions such as `PermissionChat` are understood upstream. */
  permissions?: Permission[];
  /** Extra metadata; `mcuStream` is always sent as `"true"`, whatever this says. */
  metadata?: Record<string, string>;
  /** Shown while the first token is on its way. @defaultValue a `role="status"` message */
  fallback?: ReactNode;
  /**
   * Shown when there is no token and the last try failed; a function gets the error and a
   * `retry`. @defaultValue a `role="alert"` message for people, with Retry where trying again can help
   */
  errorFallback?: ReactNode | ((props: { error: RoomTokenError; retry: () => void }) => ReactNode);
  /** What joins the room: rendered once there is a token, and kept mounted as it rotates. */
  children: ReactNode | ((token: string) => ReactNode);
}

/**
 * Holds the children that join a broadcast room until a broadcaster token (`mcuStream:
 * "true"`) is there: a fallback meanwhile, an error view on failure, then the children, kept
 * mounted while the token rotates. Descendants read the token with `useBroadcastToken()`.
 *
 * @example
 * <BroadcastJoinGate endpoint="/api/room-token" roomId={roomId} userId={userId}>
 *   {(token) => <BroadcastRoom token={token} />}
 * </BroadcastJoinGate>
 */
export function BroadcastJoinGate({
  roomId,
  userId,
  permissions,
  metadata,
  fallback,
  errorFallback,
  children,
  ...options
}: BroadcastJoinGateProps): ReactNode {
  const { token, error, isValidating, refresh } = useRoomMemberToken(
    { roomId, userId, permissions, metadata: { ...metadata, mcuStream: 'true' } },
    options,
  );
  const status: 'loading' | 'ready' | 'error' = token ? 'ready' : error && !isValidating ? 'error' : 'loading';
  const retry = useCallback(() => void refresh(), [refresh]);
  // A Retry pressed in the default error view: the default views that follow take the focus.
  const [retried, setRetried] = useState(false);
  if (retried && status === 'ready') setRetried(false);
  const retryWithFocus = useCallback(() => {
    setRetried(true);
    retry();
  }, [retry]);
  const broadcast = useMemo(() => (token ? { token, roomId, userId, refresh } : null), [token, roomId, userId, refresh]);
  // A render prop runs again only for a new token (or a new function), not whenever the gate
  // re-renders for an option change.
  const joined = useMemo((): ReactNode => (typeof children !== 'function' ? children : token ? children(token) : null), [children, token]);

  if (status === 'ready') return <BroadcastTokenContext.Provider value={broadcast}>{joined}</BroadcastTokenContext.Provider>;
  if (status === 'error') {
    if (typeof errorFallback === 'function') return errorFallback({ error: error!, retry });
    return errorFallback !== undefined ? errorFallback : <DefaultError error={error!} retry={retryWithFocus} focus={retried} />;
  }
  return fallback !== undefined ? fallback : <DefaultFallback focus={retried} />;
}
