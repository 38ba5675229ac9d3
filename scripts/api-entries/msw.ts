/**
 * Everything `react-room-token/testing/msw` exports (docs/api is generated from here by `npm run docs:api`).
 * @module react-room-token/testing/msw
 */
export * from '../../src/testing/msw';
