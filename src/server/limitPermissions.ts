import { PERMISSIONS, expandPermissions, type Permission } from '../core/permissions';

/**
 * Keeps only the permissions a member is allowed, respecting "implied by" both ways: a
 * group asked for yields the allowed members of that group, and a member asked for is kept
 * when its group is allowed. The result is as short as it can be, in catalogue order.
 *
 * @example
 * limitPermissions(['PermissionChat'], ['PermissionChatMute']); // ['PermissionChatMute']
 * limitPermissions(['PermissionChatMute'], ['PermissionChat']); // ['PermissionChatMute']
 * limitPermissions(['PermissionRoom'], []); // []
 */
export function limitPermissions(
  requested: readonly Permission[] | undefined,
  allowed: readonly Permission[],
): Permission[] {
  const granted = new Set(expandPermissions(allowed));
  const kept = new Set(expandPermissions(requested ?? []).filter((name) => granted.has(name)));
  // A group that survives whole already implies its members: list the group alone.
  return PERMISSIONS.filter((p) => kept.has(p.name) && !(p.impliedBy !== undefined && kept.has(p.impliedBy))).map(
    (p) => p.name,
  );
}
