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

/**
 * One entry of the permission catalogue.
 *
 * @example
 * const mute = PERMISSIONS.find((p) => p.name === 'PermissionChatMute'); // { group: 'chat', impliedBy: 'PermissionChat' }
 */
export interface PermissionInfo {
  /** The exact wire name. */
  readonly name: Permission;
  /** `'chat'` (codes 100–199) or `'room'` (codes 200–299). */
  readonly group: 'chat' | 'room';
  /** The group permission that grants this one, if any. */
  readonly impliedBy?: Permission;
}

const CHAT = 'PermissionChat';
const ROOM = 'PermissionRoom';

/**
 * Every permission the upstream documents, in its documented order, with the group
 * permission that implies it.
 *
 * @example
 * const chatOnly = PERMISSIONS.filter((p) => p.group === 'chat').map((p) => p.name);
 */
export const PERMISSIONS: readonly PermissionInfo[] = Object.freeze(
  // Built from the parts of the names: the catalogue ships in every bundle.
  [
    CHAT,
    ...['Block', 'Unblock', 'Mute', 'Unmute', 'MessageDelete', 'Kick'].map((s) => CHAT + s),
    'permissionChatSlowmodeBypass',
    ROOM,
    ...['Block', 'Unblock', 'Kick'].map((s) => ROOM + s),
  ].map((name) => {
    const root = name.startsWith(ROOM) ? ROOM : CHAT;
    const info = { name, group: root === ROOM ? 'room' : 'chat' } as { -readonly [K in keyof PermissionInfo]: PermissionInfo[K] };
    if (name !== root) info.impliedBy = root;
    return Object.freeze(info);
  }),
);

const names: ReadonlySet<string> = new Set(PERMISSIONS.map((p) => p.name));

/**
 * Tells whether a value is a permission name, in its exact case.
 *
 * @example
 * isPermission('PermissionChatMute'); // true
 * isPermission('permissionchatmute'); // false: the upstream would silently ignore it
 */
export function isPermission(value: unknown): value is Permission {
  return names.has(value as string);
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
