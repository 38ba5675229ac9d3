import type { RequestBatcher } from './batchRequests';
import type { DevTokenSource } from './devMode';

/**
 * The marks of the opt-ins' objects, shared by every copy of the package, in a module of
 * their own: the client checks an option's value by its mark without loading the opt-in's
 * code, so that code stays off the default import path.
 * @internal
 */
export const DEV_SOURCE: unique symbol = Symbol.for('react-room-token.devMode') as never;
/** @internal See {@link DEV_SOURCE}. */
export const BATCHER: unique symbol = Symbol.for('react-room-token.batchRequests') as never;

/** Tells whether a value is a source made by `devMode` (by any copy of the package). @internal */
export const isDevTokenSource = (value: unknown): value is DevTokenSource => (value as { [DEV_SOURCE]?: unknown } | null)?.[DEV_SOURCE] === true;

/** Tells whether a value is a batcher made by `batchRequests` (by any copy of the package). @internal */
export const isRequestBatcher = (value: unknown): value is RequestBatcher => (value as { [BATCHER]?: unknown } | null)?.[BATCHER] === true;
