import { PERMISSIONS, isPermission, type Permission } from './permissions';
import { clip, redactSecret } from './redactSecret';
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
 * Quotes a value of the app's own set-up (a URL) for an error message, short enough to stay
 * readable, with `secret` cut out of it first. Never for what a caller sent: see
 * {@link describeValue}.
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

/**
 * Names a bad value by its type and size (`a string of 12 characters`, `an object with 3
 * keys`): a message never serializes what the caller sent, which costs time in proportion
 * to its depth and could carry anything into a log.
 * @internal
 */
export function describeValue(value: unknown): string {
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  if (value === null) return 'null';
  if (typeof value === 'string') return `a string of ${count(value.length, 'character')}`;
  if (Array.isArray(value)) return `an array of ${count(value.length, 'item')}`;
  if (typeof value !== 'object') return `${/^[aeiou]/.test(typeof value) ? 'an' : 'a'} ${typeof value}`;
  try {
    return `an object with ${count(Object.keys(value).length, 'key')}`;
  } catch {
    return 'an object';
  }
}

/**
 * The plain ASCII names a metadata key may have (design.md): letters, digits, `_`, `-` and
 * `.`, 1 to 64 characters. Names outside it (lookalike letters, invisible characters) are
 * refused, and a name is quoted in a message only when it fits.
 */
const PLAIN_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** A field or key name for a message: as it is when it is a plain name, else by its size. */
const nameOf = (name: string) => (PLAIN_NAME.test(name) ? name : `[a name of ${name.length} characters]`);

/**
 * Control characters and characters that show as nothing (zero-width spaces and joiners,
 * direction marks, word joiners, variation selectors, the BOM, Hangul fillers, tags): an id
 * holding one looks like another id. Written out, as not every engine has `\p{…}`.
 */
// eslint-disable-next-line no-control-regex, no-misleading-character-class -- control and combining characters are what it finds
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u2028-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFFB]|\uDB40[\uDC00-\uDDEF]/;

/** The one metadata key the upstream acts on, and the values it understands. */
const MCU_STREAM = 'mcuStream';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || !value || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || !proto;
}

export const invalid = (message: string) => new RoomTokenError('invalid_argument', message);

/** What can be wrong with a field, each told in words by {@link explain}. */
type Problem = 'object' | 'field' | 'string' | 'empty' | 'invisible' | 'key' | 'value' | 'spelling' | 'mcuStream' | 'metadata' | 'permissions' | 'permission';

/**
 * The error for a bad field: where it is and, in development builds, what is wrong and how to
 * fix it (`explain`); production builds say which field (`request.permissions[0] is invalid`).
 * Read as bundlers replace it — the literal `process.env.NODE_ENV` — so that production builds
 * drop every text of `explain`; inside `try`, because the handler and the fake validate too,
 * where an edge runtime may have no `process` (the short text then).
 */
function bad(path: string, problem: Problem, value?: unknown): RoomTokenError {
  let text = 'is invalid';
  try {
    if (process.env.NODE_ENV !== 'production') text = explain(problem, value);
  } catch {
    // No `process`, and no bundler replaced it.
  }
  return invalid(`${path} ${text}`);
}

/** A problem in words, with the value described by type and size (`, got a string of 3 characters`). */
function explain(problem: Problem, value: unknown): string {
  const got = `, got ${describeValue(value)}`;
  switch (problem) {
    case 'object':
      return `must be an object${got}`;
    case 'field':
      return `is not a known field (expected ${String(value)})`;
    case 'string':
      return `must be a string${got}`;
    case 'empty':
      return 'must not be empty';
    case 'invisible':
      return 'must not hold control or invisible (zero-width) characters';
    case 'key':
      return 'is not a plain ASCII key (letters, digits, "_", "-" and ".", 1 to 64 characters)';
    case 'value':
      return `must be a string${got}${typeof value === 'boolean' ? ` (use "${value}")` : ''}`;
    case 'spelling':
      return `looks like "${MCU_STREAM}" but is spelled otherwise (case or separators): spell it "${MCU_STREAM}"`;
    case 'mcuStream':
      return `must be "true" or "false"${got}`;
    case 'metadata':
      return `must be an object of string values${got}`;
    case 'permissions':
      return `must be an array of permission names${got}`;
    case 'permission': {
      const near = PERMISSIONS.find((p) => typeof value === 'string' && p.name.toLowerCase() === value.toLowerCase());
      return `is not a known permission${near ? ` (names are case-sensitive: did you mean ${quote(near.name)}?)` : got}`;
    }
  }
}

/** How the id fields are spelled: camelCase in JavaScript, snake_case on the wire. */
export const WIRE_IDS = ['room_id', 'user_id'] as const;

/** One id field of a token request: a string that is not blank and shows every character it holds. */
function idField(fields: Record<string, unknown>, key: string, where: string): string {
  const item = fields[key];
  const path = `${where}.${key}`;
  if (typeof item !== 'string') throw bad(path, 'string', item);
  if (!item.trim()) throw bad(path, 'empty');
  if (INVISIBLE.test(item)) throw bad(path, 'invisible');
  return item;
}

/** Checks one metadata entry: a plain ASCII key, a string value, and `mcuStream` spelled and valued as the upstream reads it. */
function checkMetadataEntry(key: string, item: unknown, where: string): void {
  if (!PLAIN_NAME.test(key)) {
    throw bad(`${where}.metadata ${nameOf(key)}`, 'key');
  }
  const path = `${where}.metadata.${key}`;
  // The upstream takes string values only ("true", not true); anything else could be dropped.
  if (typeof item !== 'string') throw bad(path, 'value', item);
  // A key the upstream might read as mcuStream, or not: only the exact spelling is sent.
  if (key !== MCU_STREAM && key.replace(/[_.-]/g, '').toLowerCase() === MCU_STREAM.toLowerCase()) {
    throw bad(path, 'spelling');
  }
  if (key === MCU_STREAM && item !== 'true' && item !== 'false') throw bad(path, 'mcuStream', item);
}

/**
 * Checks a token request and returns a clean copy holding only the documented fields.
 * Throws a `RoomTokenError` with code `invalid_argument` that says where and what is wrong;
 * a bad value is described by its type and size, never quoted, and a field name is quoted
 * only when it is a plain ASCII name (the handler cuts its key out of what it logs).
 *
 * Ids must not hold control or invisible characters. Metadata keys are plain ASCII (letters,
 * digits, `_`, `-`, `.`; 1–64 characters); a key that differs from `mcuStream` only by case
 * or separators is refused, and `mcuStream` is `"true"` or `"false"`.
 *
 * @example
 * validateTokenRequest({ roomId: 'r1', userId: 'u1', permissions: ['permissionchat'] });
 * // throws: request.permissions[0] is not a known permission (… did you mean "PermissionChat"?)
 */
export function validateTokenRequest(
  value: unknown,
  where = 'request',
  [room, user]: readonly [string, string] = ['roomId', 'userId'],
): TokenRequest {
  if (!isPlainObject(value)) throw bad(where, 'object', value);
  // Every field is read once, into plain data, and only that copy is checked and kept: a
  // getter or a Proxy could answer one thing to the check and another to a second read.
  const fields = Object.fromEntries(Object.entries(value));
  const known = [room, user, 'metadata', 'permissions'];
  for (const key of Object.keys(fields)) {
    // An unknown field would be dropped silently on the way, so say so now.
    if (!known.includes(key) && fields[key] !== undefined) {
      throw bad(`${where}.${nameOf(key)}`, 'field', known.join(', '));
    }
  }
  const request: TokenRequest = { roomId: idField(fields, room, where), userId: idField(fields, user, where) };
  const { metadata, permissions } = fields;
  if (metadata !== undefined) {
    if (!isPlainObject(metadata)) throw bad(`${where}.metadata`, 'metadata', metadata);
    // As for fields, undefined means absent (`{ ...metadata, mcuStream: undefined }` drops it).
    const entries = Object.entries(metadata).filter(([, item]) => item !== undefined);
    for (const [key, item] of entries) checkMetadataEntry(key, item, where);
    // fromEntries defines its keys: "__proto__" or "toString" become data, and no setter runs.
    request.metadata = Object.fromEntries(entries) as Record<string, string>;
  }
  if (permissions !== undefined) {
    if (!Array.isArray(permissions)) throw bad(`${where}.permissions`, 'permissions', permissions);
    // Copied by index, so that holes in a sparse array are read as undefined and fail too.
    const list: unknown[] = Array.from({ length: permissions.length }, (_, i) => permissions[i]);
    list.forEach((item, i) => {
      if (!isPermission(item)) throw bad(`${where}.permissions[${i}]`, 'permission', item);
    });
    request.permissions = list as Permission[];
  }
  return request;
}
