// Shared by all three entry points: no React, no Node built-ins. Only the public names.
//
// Development-only text: written as the literal `process.env.NODE_ENV !== 'production'` at
// each use, so that an app's bundler replaces it and a production build drops the text (as
// React's own code does) — and inside `try { if (…) text = long } catch {}`, because core is
// loaded by /server and /testing too, which run where there may be no `process` and no bundler
// (an edge runtime: the short text there). esbuild and terser fold that form; a `typeof process`
// guard would not do: a browser has no `process` even in a development build. The React
// binding, bundled by apps only, writes the bare literal.
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
