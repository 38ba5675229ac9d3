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

const FIELDS: ReadonlySet<string> = new Set(['roomId', 'userId', 'metadata', 'permissions']);
const lowerCased: ReadonlyMap<string, Permission> = new Map(PERMISSIONS.map((p) => [p.name.toLowerCase(), p.name]));

/** Quotes a caller's value for an error message, short enough to stay readable. */
export function quote(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function invalid(message: string): RoomTokenError {
  return new RoomTokenError('invalid_argument', message);
}

/** Checks an id field: a string with something other than white space in it. */
export function checkId(value: unknown, where: string): string {
  if (typeof value !== 'string') throw invalid(`${where} must be a string, got ${quote(value)}`);
  if (value.trim() === '') throw invalid(`${where} must not be empty`);
  return value;
}

/** Checks metadata: a plain object whose values are all strings. */
export function checkMetadata(value: unknown, where: string): Record<string, string> {
  if (!isPlainObject(value)) throw invalid(`${where} must be an object of string values, got ${quote(value)}`);
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    // The upstream takes string values only ("true", not true); anything else could be dropped.
    if (typeof item !== 'string') {
      throw invalid(`${where}.${key} must be a string, got ${quote(item)}${typeof item === 'boolean' ? ` (use "${item}")` : ''}`);
    }
    out[key] = item;
  }
  return out;
}

/** Checks a permission list: an array of exactly spelled permission names. */
export function checkPermissions(value: unknown, where: string): Permission[] {
  if (!Array.isArray(value)) throw invalid(`${where} must be an array of permission names, got ${quote(value)}`);
  return value.map((item: unknown, i) => {
    if (isPermission(item)) return item;
    const near = typeof item === 'string' ? lowerCased.get(item.toLowerCase()) : undefined;
    const hint = near ? ` (names are case-sensitive: did you mean ${quote(near)}?)` : '';
    throw invalid(`${where}[${i}] ${quote(item)} is not a known permission${hint}`);
  });
}

/**
 * Checks a token request and returns a clean copy holding only the documented fields.
 * Throws a `RoomTokenError` with code `invalid_argument` that says what is wrong.
 *
 * @example
 * validateTokenRequest({ roomId: 'r1', userId: 'u1', permissions: ['permissionchat'] });
 * // throws: permissions[0] "permissionchat" is not a known permission (… did you mean "PermissionChat"?)
 */
export function validateTokenRequest(value: unknown, where = 'request'): TokenRequest {
  if (!isPlainObject(value)) throw invalid(`${where} must be an object, got ${quote(value)}`);
  for (const key of Object.keys(value)) {
    // An unknown field would be dropped silently on the way, so say so now.
    if (!FIELDS.has(key) && value[key] !== undefined) {
      throw invalid(`${where}.${key} is not a known field (expected roomId, userId, metadata, permissions)`);
    }
  }
  const request: TokenRequest = {
    roomId: checkId(value.roomId, `${where}.roomId`),
    userId: checkId(value.userId, `${where}.userId`),
  };
  if (value.metadata !== undefined) request.metadata = checkMetadata(value.metadata, `${where}.metadata`);
  if (value.permissions !== undefined) request.permissions = checkPermissions(value.permissions, `${where}.permissions`);
  return request;
}
