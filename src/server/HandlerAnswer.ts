import { httpStatusForCode } from '../core/connectError';
import type { RoomTokenErrorCode } from '../core/RoomTokenError';

/**
 * An error answer the handler decided on, before any `Response` or error exists: what the
 * caller gets, and a line for the server's console when the server itself is at fault.
 * @internal
 */
export interface HandlerAnswer {
  status: number;
  code: RoomTokenErrorCode;
  /** Sent to the caller: a fixed text, or one that quotes only what the caller sent. */
  message: string;
  headers?: Record<string, string>;
  /** Set only for faults of the server (its key, its policy, its setup); never sent. */
  log?: string;
}

/** The one message every `internal` answer carries: details go to the server's console. */
export const GENERIC_INTERNAL_MESSAGE = 'the server could not issue a token';

/** @internal */
export function errorAnswer(code: RoomTokenErrorCode, message: string, status = httpStatusForCode(code)): HandlerAnswer {
  return { status, code, message };
}

/** @internal */
export function internalAnswer(log: string, status = 500): HandlerAnswer {
  return { status, code: 'internal', message: GENERIC_INTERNAL_MESSAGE, log };
}

/** Names an unknown thrown value for a log line, without its stack or cause. @internal */
export function describeThrown(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return `a thrown ${value === null ? 'null' : typeof value}`;
}
