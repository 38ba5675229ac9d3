// The React binding: components, hooks and the provider. Only these are client modules.
export { RoomTokenProvider } from './RoomTokenProvider';
export type { RoomTokenProviderProps } from './RoomTokenProvider';
export { useRoomMemberToken } from './useRoomMemberToken';
export type { RoomMemberTokenOptions, RoomMemberTokenState } from './useRoomMemberToken';
export { useSuspenseRoomMemberToken } from './useSuspenseRoomMemberToken';
export type { SuspenseRoomMemberTokenState } from './useSuspenseRoomMemberToken';
export { BroadcastJoinGate } from './BroadcastJoinGate';
export type { BroadcastJoinGateProps } from './BroadcastJoinGate';
export { useBroadcastToken } from './useBroadcastToken';
export type { BroadcastToken } from './BroadcastTokenContext';
