export * from './core/index';
// Opt-ins kept off the default import path: bundlers drop them when unused.
export { devMode } from './core/devMode';
export type { DevModeOptions, DevTokenSource } from './core/devMode';
export { batchRequests } from './core/batchRequests';
export type { BatchRequestsOptions, RequestBatcher } from './core/batchRequests';
export * from './react/index';
