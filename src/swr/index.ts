// The SWR binding: React code only (a client module). roomTokenKey stays out of it, so that
// server code (a server component, a loader) can call it.
export { useRoomMemberTokenSWR } from './useRoomMemberTokenSWR';
export type { RoomMemberTokenSWRResponse } from './useRoomMemberTokenSWR';
