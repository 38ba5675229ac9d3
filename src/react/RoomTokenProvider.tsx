import { useMemo, useState, type ReactNode } from 'react';
import { RoomTokenContext } from './RoomTokenContext';
import type { TokenSourceOptions } from './TokenSourceOptions';
import { createTokenStore } from './createTokenStore';

/**
 * Props of {@link RoomTokenProvider}: app-wide token options, and the app.
 *
 * @example
 * const props: RoomTokenProviderProps = { endpoint: '/api/room-token', children: <App /> };
 */
export interface RoomTokenProviderProps extends TokenSourceOptions {
  children: ReactNode;
}

/**
 * Gives every `useRoomMemberToken` and `BroadcastJoinGate` below it the same token source
 * and options, and a token cache of its own (never the app's SWR cache).
 *
 * @example
 * <RoomTokenProvider endpoint="/api/room-token" credentials="include">
 *   <App />
 * </RoomTokenProvider>
 */
export function RoomTokenProvider({ children, ...options }: RoomTokenProviderProps): ReactNode {
  const [store] = useState(createTokenStore);
  const { endpoint, dev, fetchToken, headers, credentials, retry, refreshInterval, timeoutMs, batch } = options;
  // Consumers re-render when an option's value changes (an inline object or arrow is a new
  // value each render), never for the provider's other re-renders. A change never refetches
  // by itself: tokens are keyed by the request and source, not by these objects.
  const value = useMemo(
    () => ({ store, options: { endpoint, dev, fetchToken, headers, credentials, retry, refreshInterval, timeoutMs, batch } }),
    [store, endpoint, dev, fetchToken, headers, credentials, retry, refreshInterval, timeoutMs, batch],
  );
  return <RoomTokenContext.Provider value={value}>{children}</RoomTokenContext.Provider>;
}
