import type { RoomTokenClient } from '../core/createRoomTokenClient';
import type { TokenSourceOptions } from '../core/TokenSourceOptions';
import { sharedContext } from './sharedContext';

/** What a RoomTokenProvider gives its descendants: its client, and its own options. @internal */
export interface RoomTokenContextValue {
  client: RoomTokenClient;
  options: TokenSourceOptions;
}

/** @internal One for every copy of the package (ESM and CommonJS side by side). */
export const RoomTokenContext = sharedContext<RoomTokenContextValue>('RoomTokenContext');
