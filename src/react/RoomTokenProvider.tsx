import { useState, type ReactNode } from 'react';
import type { ResumeSubscribe } from '../core/browserResume';
import { configurationError } from '../core/configurationError';
import { createRoomTokenClient, isRoomTokenClient, type RoomTokenClient } from '../core/createRoomTokenClient';
import type { TokenSourceOptions } from '../core/TokenSourceOptions';
import { RoomTokenContext, type RoomTokenContextValue } from './RoomTokenContext';

/**
 * Props of {@link RoomTokenProvider}: app-wide token options, an optional client, and the app.
 *
 * @example
 * const props: RoomTokenProviderProps = { endpoint: '/api/room-token', children: <App /> };
 */
export interface RoomTokenProviderProps extends TokenSourceOptions {
  /**
   * The token client the hooks below use. Pass your own (`createRoomTokenClient()`) so that
   * code outside React — a room SDK's reconnect handler — shares calls and tokens with them.
   * @defaultValue a client of this provider's own
   */
  client?: RoomTokenClient;
  /**
   * Where the provider's own client learns that the app came back (see
   * `RoomTokenClientOptions.subscribeResume`); a `client` you pass brings its own.
   * @defaultValue the page becoming visible, restored, or back online; on React Native, `AppState` becoming `active`
   */
  subscribeResume?: ResumeSubscribe;
  children: ReactNode;
}

const sameOptions = (a: TokenSourceOptions, b: TokenSourceOptions) => {
  const keys = Object.keys(a) as (keyof TokenSourceOptions)[];
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
};

/**
 * Gives every `useRoomMemberToken` and `BroadcastJoinGate` below it the same options and the
 * same token client (one call per request however many ask). A hook's or gate's own options
 * win option by option; a source it names replaces the provider's whole. Throws a
 * configuration error (`invalid_argument`) for a `client` not made by `createRoomTokenClient`.
 *
 * @example
 * <RoomTokenProvider endpoint="/api/room-token" credentials="include">
 *   <App />
 * </RoomTokenProvider>
 */
export function RoomTokenProvider({ client, subscribeResume, children, ...options }: RoomTokenProviderProps): ReactNode {
  // A hand-written object could satisfy the type by a cast, and fail later somewhere deep.
  if (client !== undefined && !isRoomTokenClient(client)) throw configurationError('`client` must be made by createRoomTokenClient()');
  const [own] = useState(() => createRoomTokenClient({ subscribeResume }));
  const [value, setValue] = useState<RoomTokenContextValue>(() => ({ client: client ?? own, options }));
  // Consumers re-render only when an option's value changes (an inline object or arrow is a
  // new value each render), never for the provider's other re-renders. A change never mints
  // by itself: tokens belong to the request and source, not to these objects.
  if (value.client !== (client ?? own) || !sameOptions(value.options, options)) setValue({ client: client ?? own, options });
  return <RoomTokenContext.Provider value={value}>{children}</RoomTokenContext.Provider>;
}
