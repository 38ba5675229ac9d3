export * from './core/index';
export * from './swr/index';
export { roomTokenKey } from './swr/roomTokenKey';
export type { RoomMemberTokenOptions } from './react/useRoomMemberToken';
