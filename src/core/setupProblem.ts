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
 * Names a set-up mistake in the console with `console.warn`, once per distinct message, in
 * development builds only: production builds drop this code. (Dev mode refused in a
 * production build says so itself: see `devMode`.) Messages never hold a key: they are the
 * errors' own.
 * @internal
 */
export function tellSetupProblem(error: RoomTokenError): void {
  try {
    if (process.env.NODE_ENV !== 'production') {
      if (!setupProblems.has(error) || told.has(error.message)) return;
      told.add(error.message);
      // Every line says whose it is, also for messages that are the call's own.
      console.warn(error.message.startsWith('react-room-token') ? error.message : `react-room-token: ${error.message}`);
    }
  } catch {
    // No `process`, and no bundler replaced it: nothing to tell.
  }
}
