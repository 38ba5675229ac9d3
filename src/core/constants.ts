/**
 * The upstream's documented development host.
 *
 * @example
 * createRoomMemberTokens([request], { baseUrl: DEV_BASE_URL, apiKey: testKey });
 */
export const DEV_BASE_URL = 'https://room.dev.zu.casa';

/**
 * The Connect path of the upstream Create call, appended to a `baseUrl`.
 *
 * @example
 * const url = `${DEV_BASE_URL}${CREATE_PATH}`;
 */
export const CREATE_PATH = '/room.tokens.private.v1.Service/Create';

/** @internal The default time for a call, in ms: the client's attempts, `createRoomMemberTokens` and the server's limiter wait share it. */
export const DEFAULT_TIMEOUT_MS = 10_000;
