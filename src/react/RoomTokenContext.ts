import { createContext } from 'react';
import type { RoomTokenClient } from '../core/createRoomTokenClient';
import type { TokenSourceOptions } from '../core/TokenSourceOptions';

/** What a RoomTokenProvider gives its descendants: its client, and its own options. @internal */
export interface RoomTokenContextValue {
  client: RoomTokenClient;
  options: TokenSourceOptions;
  /** The provider's server-minted tokens, by request key (`requestKeyOf`). */
  initialTokens?: ReadonlyMap<string, string>;
}

/** @internal */
export const RoomTokenContext = createContext<RoomTokenContextValue | null>(null);
RoomTokenContext.displayName = 'RoomTokenContext';
