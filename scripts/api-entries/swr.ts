/**
 * Everything `react-room-token/swr` exports (docs/api is generated from here by `npm run docs:api`).
 * @module react-room-token/swr
 */
export * from '../../src/swr';
