import { DEV } from './DEV';
import { RoomTokenError } from './RoomTokenError';
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
  return problem ? new RoomTokenError('failed_precondition', `react-room-token: ${problem}`) : undefined;
}

let warned = false;

/** Warns once per page that dev mode exposes its key. Never prints the key. @internal */
export function warnDevModeOnce(): void {
  if (warned) return;
  warned = true;
  console.warn('react-room-token: dev mode sends its API key from the browser, where anyone can read it: use a test key only.');
}
