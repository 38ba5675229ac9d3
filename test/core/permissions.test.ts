import { describe, expect, it } from 'vitest';
import { PERMISSIONS, expandPermissions, isPermission } from '../../src/core';

describe('the permission catalogue', () => {
  it('holds exactly the twelve documented names, in documented order and case', () => {
    expect(PERMISSIONS.map((p) => p.name)).toEqual([
      'PermissionChat',
      'PermissionChatBlock',
      'PermissionChatUnblock',
      'PermissionChatMute',
      'PermissionChatUnmute',
      'PermissionChatMessageDelete',
      'PermissionChatKick',
      'permissionChatSlowmodeBypass',
      'PermissionRoom',
      'PermissionRoomBlock',
      'PermissionRoomUnblock',
      'PermissionRoomKick',
    ]);
  });

  it('puts the eight chat names in the chat group and the four room names in the room group', () => {
    const group = (g: string) => PERMISSIONS.filter((p) => p.group === g).map((p) => p.name);

    expect(group('chat')).toHaveLength(8);
    expect(group('chat').every((name) => /^[Pp]ermissionChat/.test(name))).toBe(true);
    expect(group('room')).toEqual(['PermissionRoom', 'PermissionRoomBlock', 'PermissionRoomUnblock', 'PermissionRoomKick']);
  });

  it('has each group permission imply every other name in its group, and nothing imply a group permission', () => {
    for (const p of PERMISSIONS) {
      const groupPermission = p.group === 'chat' ? 'PermissionChat' : 'PermissionRoom';
      expect(p.impliedBy).toBe(p.name === groupPermission ? undefined : groupPermission);
    }
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(PERMISSIONS)).toBe(true);
    expect(PERMISSIONS.every((p) => Object.isFrozen(p))).toBe(true);
  });
});

describe('isPermission', () => {
  it('accepts every catalogue name', () => {
    expect(PERMISSIONS.every((p) => isPermission(p.name))).toBe(true);
  });

  it.each(['permissionChat', 'PermissionChatSlowmodeBypass', 'PERMISSIONROOM', 'PermissionRoomKick ', 'PermissionDance', '', 1, null, undefined, {}])(
    'rejects %j',
    (value) => {
      expect(isPermission(value)).toBe(false);
    },
  );
});

describe('expandPermissions', () => {
  it('adds every permission a group permission implies', () => {
    expect(expandPermissions(['PermissionRoom'])).toEqual([
      'PermissionRoom',
      'PermissionRoomBlock',
      'PermissionRoomUnblock',
      'PermissionRoomKick',
    ]);
    expect(expandPermissions(['PermissionChat'])).toHaveLength(8);
    expect(expandPermissions(['PermissionChat'])).toContain('permissionChatSlowmodeBypass');
  });

  it('lists each name once, whatever the input repeats or already implies', () => {
    expect(expandPermissions(['PermissionRoomKick', 'PermissionRoom', 'PermissionRoomKick'])).toEqual([
      'PermissionRoom',
      'PermissionRoomBlock',
      'PermissionRoomUnblock',
      'PermissionRoomKick',
    ]);
  });

  it('keeps single permissions as they are and adds nothing to them', () => {
    expect(expandPermissions(['PermissionRoomKick', 'PermissionChatMute'])).toEqual(['PermissionChatMute', 'PermissionRoomKick']);
    expect(expandPermissions([])).toEqual([]);
  });

  it('does not change the list it is given', () => {
    const list = ['PermissionChat'] as const;

    expandPermissions(list);

    expect(list).toEqual(['PermissionChat']);
  });
});
