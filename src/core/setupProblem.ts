import { isProductionBuild } from './devMode';
import type { RoomTokenError } from './RoomTokenError';

// Set-up mistakes (not outages, not denials): told in the console, once per distinct message.
const setupProblems = new WeakSet<RoomTokenError>();
const told = new Set<string>();

/**
 * Marks an error as a set-up mistake the developer must fix (a wrong key, a URL that does
 * not reach a token service), so that the client names it in the console when a person sees
 * it. Returns the error.
 * @internal
 */
export function setupProblem(error: RoomTokenError): RoomTokenError {
  setupProblems.add(error);
  return error;
}

/**
 * Names a set-up mistake in the console, once per distinct message: a `console.warn` in
 * development builds; in a production build only what `always` marks (a dev mode refused
 * there), as one `console.error`. Messages never hold a key: they are the errors' own.
 * @internal
 */
export function tellSetupProblem(error: RoomTokenError, always = false): void {
  if (!setupProblems.has(error) && !always) return;
  const production = isProductionBuild();
  if ((production && !always) || told.has(error.message)) return;
  told.add(error.message);
  // Every line says whose it is, also for messages that are the call's own.
  const line = error.message.startsWith('react-room-token') ? error.message : `react-room-token: ${error.message}`;
  if (production) console.error(line);
  else console.warn(line);
}
