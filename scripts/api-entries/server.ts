/**
 * Everything `react-room-token/server` exports (docs/api is generated from here by `npm run docs:api`).
 * @module react-room-token/server
 */
export * from '../../src/server';
