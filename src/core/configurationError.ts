import { RoomTokenError } from './RoomTokenError';

/**
 * The error for options that cannot be meant (no token source, a NaN delay, …): thrown at
 * render, or at the call, before anything is sent.
 * @internal
 */
export const configurationError = (message: string) => new RoomTokenError('invalid_argument', `react-room-token: ${message}`);
