import type { Permission } from './permissions';
import { describeValue, invalid, isPlainObject, validateTokenRequest, WIRE_IDS, type TokenRequest } from './TokenRequest';

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
  if (extra !== undefined) throw invalid(`the body has a field other than "arguments" (${describeValue(extra)})`);
  const list = body.arguments;
  if (!Array.isArray(list) || !list.length) throw invalid('"arguments" must be a non-empty array');
  if (list.length > maxArguments) throw invalid(`at most ${maxArguments} arguments are accepted, got ${list.length}`);
  return list.map((arg: unknown, i) => validateTokenRequest(arg, `arguments[${i}]`, WIRE_IDS));
}

/**
 * Parses a body's text as JSON: the value, or `undefined` when the text is not JSON (JSON
 * itself has no `undefined`). Every body the package reads is parsed here.
 * @internal
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Reads a Create response body: `{"tokens": [string, …]}` with one non-empty token per
 * request, or `undefined` for anything else (never an `undefined` token).
 * @internal
 *
 * @example
 * const tokens = decodeCreateResponse(parseJson(text), 1);
 */
export function decodeCreateResponse(body: unknown, expected: number): string[] | undefined {
  const tokens = isPlainObject(body) ? body.tokens : undefined;
  return Array.isArray(tokens) && tokens.length === expected && tokens.every((t) => t && typeof t === 'string') ? tokens : undefined;
}

/**
 * A JSON response: the one way the fake and the handler answer, tokens and errors alike.
 * @internal
 */
export function jsonResponse(body: unknown, status: number, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/**
 * The Create call's success answer, `{"tokens": [...]}` with status 200.
 * @internal
 */
export const tokensResponse = (tokens: readonly string[], headers?: Record<string, string>): Response =>
  jsonResponse({ tokens }, 200, headers);
