/**
 * Everything `react-room-token` exports (docs/api is generated from here by `npm run docs:api`).
 * @module react-room-token
 */
export * from '../../src/index';
