import { sharedContext } from './sharedContext';

/**
 * What {@link useBroadcastToken} returns inside a BroadcastJoinGate.
 *
 * @example
 * const { token, roomId, userId, refresh }: BroadcastToken = useBroadcastToken();
 */
export interface BroadcastToken {
  /** The broadcaster token for this room and user. */
  token: string;
  roomId: string;
  userId: string;
  /** Fetches a new token; the gate's children stay mounted while it runs, and if it fails. */
  refresh: () => Promise<string | undefined>;
}

/** @internal One for every copy of the package (ESM and CommonJS side by side). */
export const BroadcastTokenContext = sharedContext<BroadcastToken>('BroadcastTokenContext');
