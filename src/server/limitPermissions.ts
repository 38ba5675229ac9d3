import { PERMISSIONS, expandPermissions, isPermission, type Permission } from '../core/permissions';

/**
 * Keeps only the permissions a member is allowed, respecting "implied by" both ways: a
 * group asked for yields the allowed members of that group, and a member asked for is kept
 * when its group is allowed. The result is as short as it can be, in catalogue order.
 *
 * `allowed` may be what an app has: a `string[]` read from a database or a JWT. Names in it
 * that are not permissions (unknown, or wrongly cased) grant nothing and are ignored. A list
 * written out in the code is checked at compile time: a misspelt name there does not compile.
 *
 * @example
 * limitPermissions(['PermissionChat'], ['PermissionChatMute']); // ['PermissionChatMute']
 * limitPermissions(['PermissionChatMute'], ['PermissionChat']); // ['PermissionChatMute']
 * limitPermissions(['PermissionRoom'], []); // []
 * limitPermissions(asked.permissions, session.permissions as string[]); // unknown names ignored
 */
export function limitPermissions<Name extends string>(
  requested: readonly Permission[] | undefined,
  // A literal name must be a Permission; a plain `string` (from data) is taken as it is.
  allowed: readonly (Name & (string extends Name ? string : Permission))[],
): Permission[] {
  const granted = new Set(expandPermissions((allowed as readonly string[]).filter(isPermission)));
  const kept = new Set(expandPermissions(requested ?? []).filter((name) => granted.has(name)));
  // A group that survives whole already implies its members: list the group alone.
  return PERMISSIONS.filter((p) => kept.has(p.name) && !(p.impliedBy !== undefined && kept.has(p.impliedBy))).map(
    (p) => p.name,
  );
}
