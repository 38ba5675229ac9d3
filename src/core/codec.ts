import { RoomTokenError } from './RoomTokenError';
import type { Permission } from './permissions';
import { checkId, checkMetadata, checkPermissions, isPlainObject, quote, validateTokenRequest, type TokenRequest } from './TokenRequest';

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

/** The Create call's response body. */
export interface CreateResponseBody {
  tokens: string[];
}

const WIRE_FIELDS: ReadonlySet<string> = new Set(['user_id', 'room_id', 'metadata', 'permissions']);

/**
 * Validates camelCase token requests and turns them into the documented snake_case body.
 * Throws `invalid_argument` before anything could be sent.
 *
 * @example
 * encodeCreateRequest([{ roomId: 'r1', userId: 'u1' }]);
 * // { arguments: [{ user_id: 'u1', room_id: 'r1', metadata: {}, permissions: [] }] }
 */
export function encodeCreateRequest(requests: readonly TokenRequest[]): CreateRequestBody {
  if (!Array.isArray(requests) || requests.length === 0) {
    throw new RoomTokenError('invalid_argument', 'at least one token request is needed');
  }
  return {
    arguments: requests.map((raw, i) => {
      const request = validateTokenRequest(raw, requests.length === 1 ? 'request' : `requests[${i}]`);
      return {
        user_id: request.userId,
        room_id: request.roomId,
        metadata: request.metadata ?? {},
        permissions: request.permissions ?? [],
      };
    }),
  };
}

/**
 * Reads a Create request body (as a backend or the fake receives it) into camelCase token
 * requests. Throws `invalid_argument` for anything the upstream does not document.
 *
 * @example
 * decodeCreateRequest(await request.json()); // TokenRequest[]
 */
export function decodeCreateRequest(body: unknown, maxArguments = Infinity): TokenRequest[] {
  if (!isPlainObject(body)) throw new RoomTokenError('invalid_argument', 'the body must be a JSON object');
  const extra = Object.keys(body).find((key) => key !== 'arguments');
  if (extra !== undefined) throw new RoomTokenError('invalid_argument', `${quote(extra)} is not a known field`);
  const list = body.arguments;
  if (!Array.isArray(list) || list.length === 0) {
    throw new RoomTokenError('invalid_argument', '"arguments" must be a non-empty array');
  }
  if (list.length > maxArguments) {
    throw new RoomTokenError('invalid_argument', `at most ${maxArguments} arguments are accepted, got ${list.length}`);
  }
  return list.map((arg: unknown, i) => {
    const where = `arguments[${i}]`;
    if (!isPlainObject(arg)) throw new RoomTokenError('invalid_argument', `${where} must be an object`);
    for (const key of Object.keys(arg)) {
      if (!WIRE_FIELDS.has(key)) throw new RoomTokenError('invalid_argument', `${where}.${quote(key)} is not a known field`);
    }
    const request: TokenRequest = {
      roomId: checkId(arg.room_id, `${where}.room_id`),
      userId: checkId(arg.user_id, `${where}.user_id`),
    };
    if (arg.metadata !== undefined) request.metadata = checkMetadata(arg.metadata, `${where}.metadata`);
    if (arg.permissions !== undefined) request.permissions = checkPermissions(arg.permissions, `${where}.permissions`);
    return request;
  });
}

/**
 * Reads a Create response body: `{"tokens": [string, …]}` with one non-empty token per
 * request. Anything else is `internal`, never an `undefined` token.
 *
 * @example
 * const [token] = decodeCreateResponse(await response.json(), 1);
 */
export function decodeCreateResponse(body: unknown, expected: number): string[] {
  const tokens = isPlainObject(body) ? body.tokens : undefined;
  if (!Array.isArray(tokens) || !tokens.every((t): t is string => typeof t === 'string' && t !== '')) {
    throw new RoomTokenError('internal', 'the token service answered without a list of tokens');
  }
  if (tokens.length !== expected) {
    throw new RoomTokenError('internal', `the token service answered ${tokens.length} tokens for ${expected} requests`);
  }
  return tokens;
}
