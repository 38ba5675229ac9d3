import { createContext } from 'react';
import type { TokenSourceOptions } from './TokenSourceOptions';
import type { TokenStore } from './createTokenStore';

/** What a RoomTokenProvider gives its descendants. */
export interface RoomTokenContextValue {
  options: TokenSourceOptions;
  store: TokenStore;
}

/** @internal */
export const RoomTokenContext = createContext<RoomTokenContextValue | null>(null);
RoomTokenContext.displayName = 'RoomTokenContext';
