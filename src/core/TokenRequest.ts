import { PERMISSIONS, isPermission, type Permission } from './permissions';
import { clip, redactSecret } from './redactSecret';
import { DEV } from './DEV';
import { RoomTokenError } from './RoomTokenError';

/**
 * What one room member token is for: one user in one room, with metadata and permissions.
 *
 * @example
 * const request: TokenRequest = {
 *   roomId: 'c2ed3890-716d-4380-a597-d860ecacada0',
 *   userId: '8ae5a0b9-9206-44ca-950b-5a0b51f82d4e',
 *   metadata: { mcuStream: 'true' },
 *   permissions: ['PermissionChatMute'],
 * };
 */
export interface TokenRequest {
  /** The room to join. Must not be empty. */
  roomId: string;
  /** The member's user id. Must not be empty. */
  userId: string;
  /** String keys to **string** values (`mcuStream: 'true'`, not `true`). */
  metadata?: Record<string, string>;
  /** Permission names, in their exact case. */
  permissions?: Permission[];
}

/**
 * Quotes a value for an error message, short enough to stay readable, with `secret` cut out
 * of it first (cutting first could leave most of the secret in the message).
 */
export function quote(value: unknown, secret?: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // Cycles and BigInts: say what it is rather than fail while failing.
  }
  text ??= typeof value === 'object' ? 'an object' : String(value);
  return clip(redactSecret(text, secret), 60);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || !value || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || !proto;
}

export const invalid = (message: string) => new RoomTokenError('invalid_argument', message);

/** `, got <the value>` in development builds: production messages say where and what, not the value. */
const got = (value: unknown, secret?: string) => (DEV ? `, got ${quote(value, secret)}` : '');

/** How the id fields are spelled: camelCase in JavaScript, snake_case on the wire. */
export const WIRE_IDS = ['room_id', 'user_id'] as const;

/** One id field of a token request: a string that is not blank. */
function idField(fields: Record<string, unknown>, key: string, where: string, secret?: string): string {
  const item = fields[key];
  if (typeof item !== 'string') throw invalid(`${where}.${key} must be a string${got(item, secret)}`);
  if (!item.trim()) throw invalid(`${where}.${key} must not be empty`);
  return item;
}

/**
 * Checks a token request and returns a clean copy holding only the documented fields.
 * Throws a `RoomTokenError` with code `invalid_argument` that says what is wrong, with
 * `secret` cut out of any value it quotes.
 *
 * @example
 * validateTokenRequest({ roomId: 'r1', userId: 'u1', permissions: ['permissionchat'] });
 * // throws: request.permissions[0] "permissionchat" is not a known permission (… did you mean "PermissionChat"?)
 */
export function validateTokenRequest(
  value: unknown,
  where = 'request',
  [room, user]: readonly [string, string] = ['roomId', 'userId'],
  secret?: string,
): TokenRequest {
  if (!isPlainObject(value)) throw invalid(`${where} must be an object${got(value, secret)}`);
  // Every field is read once, into plain data, and only that copy is checked and kept: a
  // getter or a Proxy could answer one thing to the check and another to a second read.
  const fields = Object.fromEntries(Object.entries(value));
  const known = [room, user, 'metadata', 'permissions'];
  for (const key of Object.keys(fields)) {
    // An unknown field would be dropped silently on the way, so say so now.
    if (!known.includes(key) && fields[key] !== undefined) {
      throw invalid(`${where}.${key} is not a known field${DEV ? ` (expected ${known.join(', ')})` : ''}`);
    }
  }
  const request: TokenRequest = { roomId: idField(fields, room, where, secret), userId: idField(fields, user, where, secret) };
  const { metadata, permissions } = fields;
  if (metadata !== undefined) {
    if (!isPlainObject(metadata)) throw invalid(`${where}.metadata must be an object of string values${got(metadata, secret)}`);
    // As for fields, undefined means absent (`{ ...metadata, mcuStream: undefined }` drops it).
    const entries = Object.entries(metadata).filter(([, item]) => item !== undefined);
    for (const [key, item] of entries) {
      // The upstream takes string values only ("true", not true); anything else could be dropped.
      if (typeof item !== 'string') {
        throw invalid(`${where}.metadata.${key} must be a string${got(item, secret)}${DEV && typeof item === 'boolean' ? ` (use "${item}")` : ''}`);
      }
    }
    // fromEntries defines its keys: "__proto__" or "toString" become data, and no setter runs.
    request.metadata = Object.fromEntries(entries) as Record<string, string>;
  }
  if (permissions !== undefined) {
    if (!Array.isArray(permissions)) throw invalid(`${where}.permissions must be an array of permission names${got(permissions, secret)}`);
    // Copied by index, so that holes in a sparse array are read as undefined and fail too.
    const list: unknown[] = Array.from({ length: permissions.length }, (_, i) => permissions[i]);
    list.forEach((item, i) => {
      if (isPermission(item)) return;
      const near = DEV && PERMISSIONS.find((p) => typeof item === 'string' && p.name.toLowerCase() === item.toLowerCase());
      const hint = near ? ` (names are case-sensitive: did you mean ${quote(near.name)}?)` : '';
      throw invalid(`${where}.permissions[${i}]${DEV ? ` ${quote(item, secret)}` : ''} is not a known permission${hint}`);
    });
    request.permissions = list as Permission[];
  }
  return request;
}
