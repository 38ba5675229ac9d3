/**
 * Everything `react-room-token/testing` exports (docs/api is generated from here by `npm run docs:api`).
 * @module react-room-token/testing
 */
export * from '../../src/testing';
