import { RoomTokenError } from './RoomTokenError';
import type { Permission } from './permissions';
import { invalid, isPlainObject, quote, validateTokenRequest, WIRE_IDS, type TokenRequest } from './TokenRequest';

/** One element of the Create call's `arguments`, exactly as the upstream documents it. */
export interface WireArgument {
  user_id: string;
  room_id: string;
  metadata: Record<string, string>;
  permissions: Permission[];
}

/** The Create call's request body. */
export interface CreateRequestBody {
  arguments: WireArgument[];
}

/**
 * Validates camelCase token requests and turns them into the documented snake_case body.
 * Throws `invalid_argument` before anything could be sent.
 *
 * @example
 * encodeCreateRequest([{ roomId: 'r1', userId: 'u1' }]);
 * // { arguments: [{ user_id: 'u1', room_id: 'r1', metadata: {}, permissions: [] }] }
 */
export function encodeCreateRequest(requests: readonly TokenRequest[]): CreateRequestBody {
  if (!Array.isArray(requests) || !requests.length) throw invalid('at least one token request is needed');
  return { arguments: requests.map((raw, i) => toWireArgument(validateTokenRequest(raw, requests.length > 1 ? `requests[${i}]` : undefined))) };
}

/** One valid token request as the upstream spells it. */
export function toWireArgument({ roomId, userId, metadata = {}, permissions = [] }: TokenRequest): WireArgument {
  return { user_id: userId, room_id: roomId, metadata, permissions };
}

/**
 * Reads a Create request body (as a backend or the fake receives it) into camelCase token
 * requests. Throws `invalid_argument` for anything the upstream does not document.
 *
 * @example
 * decodeCreateRequest(await request.json()); // TokenRequest[]
 */
export function decodeCreateRequest(body: unknown, maxArguments = Infinity): TokenRequest[] {
  if (!isPlainObject(body)) throw invalid('the body must be a JSON object');
  const extra = Object.keys(body).find((key) => key !== 'arguments');
  if (extra !== undefined) throw invalid(`${quote(extra)} is not a known field`);
  const list = body.arguments;
  if (!Array.isArray(list) || !list.length) throw invalid('"arguments" must be a non-empty array');
  if (list.length > maxArguments) throw invalid(`at most ${maxArguments} arguments are accepted, got ${list.length}`);
  return list.map((arg: unknown, i) => validateTokenRequest(arg, `arguments[${i}]`, WIRE_IDS));
}

/**
 * Reads a Create response body: `{"tokens": [string, …]}` with one non-empty token per
 * request. Anything else is `internal`, never an `undefined` token.
 *
 * @example
 * const [token] = decodeCreateResponse(await response.json(), 1);
 */
export function decodeCreateResponse(body: unknown, expected: number, status?: number): string[] {
  const tokens = isPlainObject(body) ? body.tokens : undefined;
  if (Array.isArray(tokens) && tokens.length === expected && tokens.every((t) => t && typeof t === 'string')) return tokens;
  throw new RoomTokenError('internal', `the token service did not answer ${expected} token(s)`, { status });
}
