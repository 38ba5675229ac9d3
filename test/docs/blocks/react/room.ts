// The tests' stand-in for a room SDK's connection, as the docs' token client example uses it.
export interface RoomConnection {
  /** Calls `listener` when the room says the token expired. */
  onTokenExpired(listener: () => Promise<void>): void;
  /** Hands the room a new token. */
  updateToken(token: string): void;
}
