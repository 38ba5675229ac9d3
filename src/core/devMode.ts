import { DEV } from './DEV';
import { RoomTokenError } from './RoomTokenError';
import { setupProblem, tellSetupProblem } from './setupProblem';
import type { ResolvedSource } from './resolveTokenSource';

/**
 * Whether this is a production build. Bundlers replace the literal `process.env.NODE_ENV`,
 * so it is read as written, inside `try` for runtimes with no `process` at all.
 * @internal
 */
export function isProductionBuild(): boolean {
  try {
    return process.env.NODE_ENV === 'production';
  } catch {
    return false;
  }
}

/**
 * Why dev mode cannot be used here, if it cannot: a production build that did not accept the
 * risk, or no key at all (a misspelt environment variable). Nothing is sent in either case.
 * @internal
 */
export function devModeProblem({ kind, options }: ResolvedSource): RoomTokenError | undefined {
  if (kind !== 'dev') return undefined;
  const { apiKey, dangerouslyAllowInProduction } = options.dev!;
  const problem =
    typeof apiKey !== 'string' || !apiKey.trim()
      ? `dev.apiKey is missing or empty${DEV ? ' (is its environment variable set, and spelt right?)' : ''}`
      : !dangerouslyAllowInProduction && isProductionBuild()
        ? `dev mode is refused in a production build${DEV ? ' (it ships the API key to every visitor): use `endpoint`, or set' : ': see'} dev.dangerouslyAllowInProduction`
        : undefined;
  if (!problem) return undefined;
  const error = setupProblem(new RoomTokenError('failed_precondition', `react-room-token: ${problem}`));
  // Told at once, and in production builds too: nothing will be sent, so nothing else will say it.
  tellSetupProblem(error, true);
  return error;
}

/**
 * A dev key the upstream refused (401/403) is a set-up mistake, not a denial: signing in
 * cannot fix it, so it is not retried, and the message names the option to fix.
 * @internal
 */
export function devKeyRejected(error: unknown, baseUrl: string): unknown {
  if (!(error instanceof RoomTokenError) || (error.status !== 401 && error.status !== 403)) return error;
  return setupProblem(
    new RoomTokenError('failed_precondition', `react-room-token: the upstream refused dev.apiKey (HTTP ${error.status} ${error.code}): use a valid test key for ${baseUrl}`, {
      status: error.status,
      cause: error,
    }),
  );
}

let warned = false;

/** Warns once per page that dev mode exposes its key. Never prints the key. @internal */
export function warnDevModeOnce(): void {
  if (warned) return;
  warned = true;
  console.warn('react-room-token: dev mode sends its API key from the browser, where anyone can read it: use a test key only.');
}
