import { DEV_BASE_URL } from './constants';
import { DEV_SOURCE } from './optInBrands';
import { sendCreateRequest } from './createRoomMemberTokens';
import { RoomTokenError } from './RoomTokenError';
import { setupProblem } from './setupProblem';
import type { CreateInit } from './fetchCreate';
import type { WireArgument } from './codec';

/**
 * Dev mode's options: the browser calls the upstream itself with a test key.
 *
 * @example
 * const options: DevModeOptions = { apiKey: import.meta.env.VITE_ROOM_TEST_KEY, baseUrl: 'http://127.0.0.1:4010' };
 */
export interface DevModeOptions {
  /** A **test** key: anyone who can open the page can read it. */
  apiKey: string;
  /** The upstream's base URL. @defaultValue `DEV_BASE_URL` */
  baseUrl?: string;
  /** Accept shipping the key in a production build. @defaultValue false */
  dangerouslyAllowInProduction?: boolean;
}


/**
 * A dev mode token source, made by {@link devMode}: give it as the `dev` option. Opaque: only
 * `baseUrl` is for reading.
 *
 * @example
 * const dev: DevTokenSource = devMode({ apiKey: import.meta.env.VITE_ROOM_TEST_KEY });
 */
export interface DevTokenSource {
  /** The upstream's base URL the calls go to (part of each request's identity). */
  readonly baseUrl: string;
  /** @internal Why it cannot be used here, if it cannot: nothing is sent then. */
  readonly problem: () => RoomTokenError | undefined;
  /** @internal One Create call for these arguments, with the test key. */
  readonly send: (args: WireArgument[], init: CreateInit) => Promise<string[]>;
  /** @internal */
  readonly [DEV_SOURCE]: true;
}


let warned = false;

/**
 * Dev mode, for a developer with no backend yet: the browser calls the upstream's Create call
 * itself with a **test** key. Give what it returns as `dev` to `RoomTokenProvider`, a hook or a
 * gate. Kept out of the default import path: written behind `import.meta.env.DEV` (or
 * `process.env.NODE_ENV !== 'production'`), a production build drops this code and the key
 * together.
 *
 * Refused in a production build (nothing is sent; the hook's `error`, and one `console.error`,
 * say why: `failed_precondition`) unless `dangerouslyAllowInProduction` is `true`; a missing or
 * empty `apiKey` fails the same way. Warns once per page that the key is exposed. A key the
 * upstream refuses (401/403) is `failed_precondition`, not retried. The key never appears in an
 * error or a log line.
 *
 * @example
 * import { RoomTokenProvider, devMode } from 'react-room-token';
 *
 * const source = import.meta.env.DEV
 *   ? { dev: devMode({ apiKey: import.meta.env.VITE_ROOM_TEST_KEY }) }
 *   : { endpoint: '/api/room-token' };
 *
 * export default function Root() {
 *   return <RoomTokenProvider {...source}><App /></RoomTokenProvider>;
 * }
 */
export function devMode(options: DevModeOptions): DevTokenSource {
  const { apiKey, baseUrl = DEV_BASE_URL, dangerouslyAllowInProduction } = options ?? {};
  return {
    [DEV_SOURCE]: true,
    baseUrl,
    problem: () => devModeProblem(apiKey, dangerouslyAllowInProduction),
    async send(args, { headers, credentials, signal }) {
      if (!warned) {
        warned = true;
        console.warn('react-room-token: dev mode sends its API key from the browser, where anyone can read it: use a test key only.');
      }
      try {
        // The full call: the key is redacted from every message and a token echoing it is refused.
        return await sendCreateRequest({ arguments: args }, { baseUrl, apiKey, headers, credentials, signal, timeoutMs: Infinity });
      } catch (error) {
        throw devKeyRejected(error, baseUrl);
      }
    },
  };
}

/** Whether this is a production build, as bundlers say it (`process.env.NODE_ENV`); false where there is no `process`. */
function isProductionBuild(): boolean {
  try {
    return process.env.NODE_ENV === 'production';
  } catch {
    return false;
  }
}

const told = new Set<string>();

/**
 * Why dev mode cannot be used here, if it cannot: a production build that did not accept the
 * risk, or no key at all (a misspelt environment variable). Told in the console once, in
 * production builds too: nothing will be sent, so nothing else will say it.
 */
function devModeProblem(apiKey: unknown, allowed: boolean | undefined): RoomTokenError | undefined {
  const problem =
    typeof apiKey !== 'string' || !apiKey.trim()
      ? 'dev.apiKey is missing or empty (is its environment variable set, and spelt right?)'
      : !allowed && isProductionBuild()
        ? 'dev mode is refused in a production build (it ships the API key to every visitor): use `endpoint`, or set dangerouslyAllowInProduction'
        : undefined;
  if (!problem) return undefined;
  const message = `react-room-token: ${problem}`;
  if (!told.has(message)) {
    told.add(message);
    if (isProductionBuild()) console.error(message);
    else console.warn(message);
  }
  return new RoomTokenError('failed_precondition', message);
}

/**
 * A dev key the upstream refused (401/403) is a set-up mistake, not a denial: signing in
 * cannot fix it, so it is not retried, and the message names the option to fix.
 */
function devKeyRejected(error: unknown, baseUrl: string): unknown {
  if (!(error instanceof RoomTokenError) || (error.status !== 401 && error.status !== 403)) return error;
  return setupProblem(
    new RoomTokenError('failed_precondition', `react-room-token: the upstream refused dev.apiKey (HTTP ${error.status} ${error.code}): use a valid test key for ${baseUrl}`, {
      status: error.status,
      cause: error,
    }),
  );
}
