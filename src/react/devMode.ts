import { RoomTokenError } from '../core/RoomTokenError';

/**
 * Whether this is a production build. Bundlers replace the literal `process.env.NODE_ENV`,
 * so it is read as written, inside `try` for runtimes with no `process` at all.
 */
export function isProductionBuild(): boolean {
  try {
    return process.env.NODE_ENV === 'production';
  } catch {
    return false;
  }
}

/** The error dev mode gives in a production build that did not accept the risk. */
export function devModeRefused(): RoomTokenError {
  return new RoomTokenError(
    'failed_precondition',
    'react-room-token: dev mode is refused in a production build (it ships the API key to every visitor); use `endpoint`, or set dev.dangerouslyAllowInProduction: true',
  );
}

let warned = false;

/** Warns once per page that dev mode exposes its key. Never prints the key. */
export function warnDevModeOnce(): void {
  if (warned) return;
  warned = true;
  console.warn(
    'react-room-token: dev mode sends the API key from the browser, where anyone can read it. Use a test key only, and `endpoint` in production.',
  );
}
