import { PERMISSIONS, isPermission, type Permission } from './permissions';
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

/** Quotes a caller's value for an error message, short enough to stay readable. */
export function quote(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // Cycles and BigInts: say what it is rather than fail while failing.
  }
  text ??= typeof value === 'object' ? 'an object' : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || !value || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || !proto;
}

export const invalid = (message: string) => new RoomTokenError('invalid_argument', message);

/** How the id fields are spelled: camelCase in JavaScript, snake_case on the wire. */
export const WIRE_IDS = ['room_id', 'user_id'] as const;

/** One id field of a token request: a string that is not blank. */
function idField(value: Record<string, unknown>, key: string, where: string): string {
  const item = value[key];
  if (typeof item !== 'string') throw invalid(`${where}.${key} must be a string, got ${quote(item)}`);
  if (!item.trim()) throw invalid(`${where}.${key} must not be empty`);
  return item;
}

/**
 * Checks a token request and returns a clean copy holding only the documented fields.
 * Throws a `RoomTokenError` with code `invalid_argument` that says what is wrong.
 *
 * @example
 * validateTokenRequest({ roomId: 'r1', userId: 'u1', permissions: ['permissionchat'] });
 * // throws: request.permissions[0] "permissionchat" is not a known permission (… did you mean "PermissionChat"?)
 */
export function validateTokenRequest(
  value: unknown,
  where = 'request',
  [room, user]: readonly [string, string] = ['roomId', 'userId'],
): TokenRequest {
  if (!isPlainObject(value)) throw invalid(`${where} must be an object, got ${quote(value)}`);
  const fields = [room, user, 'metadata', 'permissions'];
  for (const key of Object.keys(value)) {
    // An unknown field would be dropped silently on the way, so say so now.
    if (!fields.includes(key) && value[key] !== undefined) {
      throw invalid(`${where}.${key} is not a known field (expected ${fields.join(', ')})`);
    }
  }
  const request: TokenRequest = { roomId: idField(value, room, where), userId: idField(value, user, where) };
  const { metadata, permissions } = value;
  if (metadata !== undefined) {
    if (!isPlainObject(metadata)) throw invalid(`${where}.metadata must be an object of string values, got ${quote(metadata)}`);
    const copy: Record<string, string> = {};
    for (const key of Object.keys(metadata)) {
      const item = metadata[key];
      // As for fields, undefined means absent (`{ ...metadata, mcuStream: undefined }` drops it).
      if (item === undefined) continue;
      // The upstream takes string values only ("true", not true); anything else could be dropped.
      if (typeof item !== 'string') {
        throw invalid(`${where}.metadata.${key} must be a string, got ${quote(item)}${typeof item === 'boolean' ? ` (use "${item}")` : ''}`);
      }
      // A key the prototype knows ("__proto__", "toString", …) is defined, not assigned, so
      // that it is data here and no setter runs. Other keys are assigned: defineProperty
      // costs a hundred times more, and this runs twice for each token the handler passes on.
      if (key in copy) Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
      else copy[key] = item;
    }
    request.metadata = copy;
  }
  if (permissions !== undefined) {
    if (!Array.isArray(permissions)) throw invalid(`${where}.permissions must be an array of permission names, got ${quote(permissions)}`);
    // An index loop, not forEach: holes in a sparse array must fail too.
    for (let i = 0; i < permissions.length; i++) {
      const item: unknown = permissions[i];
      if (isPermission(item)) continue;
      const near = PERMISSIONS.find((p) => typeof item === 'string' && p.name.toLowerCase() === item.toLowerCase());
      const hint = near ? ` (names are case-sensitive: did you mean ${quote(near.name)}?)` : '';
      throw invalid(`${where}.permissions[${i}] ${quote(item)} is not a known permission${hint}`);
    }
    request.permissions = [...(permissions as Permission[])];
  }
  return request;
}
