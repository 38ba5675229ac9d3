export * from './core/index';
export { createRoomTokenHandler } from './server/createRoomTokenHandler';
export type { RoomTokenHandler, RoomTokenHandlerOptions, MintContext } from './server/createRoomTokenHandler';
export type { AuthorizeTokenRequest, AuthorizeContext } from './server/AuthorizeTokenRequest';
export type { RoomTokenRateLimit, RoomTokenRateLimiter } from './server/RateLimitOptions';
export { limitPermissions } from './server/limitPermissions';
export type { RoomTokenEvent, RoomTokenEventType } from './server/RoomTokenEvent';
