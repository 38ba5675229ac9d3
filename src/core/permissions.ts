/**
 * A permission name, spelled exactly as the upstream API spells it — including the one
 * name that starts with a lower-case `p`, `permissionChatSlowmodeBypass`.
 *
 * @example
 * const moderator: Permission[] = ['PermissionChatMute', 'PermissionRoomKick'];
 */
export type Permission =
  | 'PermissionChat'
  | 'PermissionChatBlock'
  | 'PermissionChatUnblock'
  | 'PermissionChatMute'
  | 'PermissionChatUnmute'
  | 'PermissionChatMessageDelete'
  | 'PermissionChatKick'
  | 'permissionChatSlowmodeBypass'
  | 'PermissionRoom'
  | 'PermissionRoomBlock'
  | 'PermissionRoomUnblock'
  | 'PermissionRoomKick';

/** One entry of the permission catalogue. */
export interface PermissionInfo {
  /** The exact wire name. */
  readonly name: Permission;
  /** `'chat'` (codes 100–199) or `'room'` (codes 200–299). */
  readonly group: 'chat' | 'room';
  /** The group permission that grants this one, if any. */
  readonly impliedBy?: Permission;
  /** What holding it allows, as the upstream documentation says. */
  readonly description: string;
}

/**
 * Every permission the upstream documents, in its documented order, with the group
 * permission that implies it.
 *
 * @example
 * const chatOnly = PERMISSIONS.filter((p) => p.group === 'chat').map((p) => p.name);
 */
export const PERMISSIONS: readonly PermissionInfo[] = Object.freeze(
  ([
    { name: 'PermissionChat', group: 'chat', description: 'Every chat capability below.' },
    { name: 'PermissionChatBlock', group: 'chat', impliedBy: 'PermissionChat', description: 'Block a member from using chat.' },
    { name: 'PermissionChatUnblock', group: 'chat', impliedBy: 'PermissionChat', description: 'Remove a chat block from a member.' },
    { name: 'PermissionChatMute', group: 'chat', impliedBy: 'PermissionChat', description: 'Mute a member (they cannot send messages).' },
    { name: 'PermissionChatUnmute', group: 'chat', impliedBy: 'PermissionChat', description: 'Unmute a member.' },
    { name: 'PermissionChatMessageDelete', group: 'chat', impliedBy: 'PermissionChat', description: 'Delete messages in chat.' },
    { name: 'PermissionChatKick', group: 'chat', impliedBy: 'PermissionChat', description: 'Kick a member out of the chat.' },
    { name: 'permissionChatSlowmodeBypass', group: 'chat', impliedBy: 'PermissionChat', description: 'Bypass slow mode when sending messages.' },
    { name: 'PermissionRoom', group: 'room', description: 'Every room management capability below.' },
    { name: 'PermissionRoomBlock', group: 'room', impliedBy: 'PermissionRoom', description: 'Block a member from the room (deny access).' },
    { name: 'PermissionRoomUnblock', group: 'room', impliedBy: 'PermissionRoom', description: 'Remove a room-level block from a member.' },
    { name: 'PermissionRoomKick', group: 'room', impliedBy: 'PermissionRoom', description: 'Kick a member from the room (one-time removal).' },
  ] satisfies PermissionInfo[]).map((p) => Object.freeze(p)),
);

const byName: ReadonlyMap<string, PermissionInfo> = new Map(PERMISSIONS.map((p) => [p.name, p]));

/**
 * Tells whether a value is a permission name, in its exact case.
 *
 * @example
 * isPermission('PermissionChatMute'); // true
 * isPermission('permissionchatmute'); // false: the upstream would silently ignore it
 */
export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && byName.has(value);
}

/**
 * Returns the list plus every permission its group permissions imply, without duplicates,
 * in catalogue order.
 *
 * @example
 * expandPermissions(['PermissionRoom']);
 * // ['PermissionRoom', 'PermissionRoomBlock', 'PermissionRoomUnblock', 'PermissionRoomKick']
 */
export function expandPermissions(list: readonly Permission[]): Permission[] {
  const given = new Set<Permission>(list);
  return PERMISSIONS.filter((p) => given.has(p.name) || (p.impliedBy !== undefined && given.has(p.impliedBy))).map(
    (p) => p.name,
  );
}
