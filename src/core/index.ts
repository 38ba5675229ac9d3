// Shared by all three entry points: no React, no Node built-ins. Only the public names.
export { PERMISSIONS, isPermission, expandPermissions } from './permissions';
export type { Permission, PermissionInfo } from './permissions';
export { RoomTokenError } from './RoomTokenError';
export type { RoomTokenErrorCode, RoomTokenErrorOptions } from './RoomTokenError';
export type { TokenRequest } from './TokenRequest';
export { createRoomMemberTokens } from './createRoomMemberTokens';
export type { CreateRoomMemberTokensOptions } from './createRoomMemberTokens';
export { DEV_BASE_URL, CREATE_PATH } from './constants';
export { createRoomTokenClient } from './createRoomTokenClient';
export type { RoomTokenClient, RoomTokenClientOptions } from './createRoomTokenClient';
export type { ResumeSubscribe } from './browserResume';
export type { TokenSourceOptions, RetryOptions } from './TokenSourceOptions';
