import { describe, expect, it } from 'vitest';
import { PERMISSIONS, expandPermissions, limitPermissions, type Permission } from '../../src/server';
import fc from 'fast-check';

describe('limitPermissions', () => {
  it('narrows a group asked for to the members allowed', () => {
    expect(limitPermissions(['PermissionChat'], ['PermissionChatMute'])).toEqual(['PermissionChatMute']);
  });

  it('keeps a member asked for when its group is allowed', () => {
    expect(limitPermissions(['PermissionChatMute'], ['PermissionChat'])).toEqual(['PermissionChatMute']);
  });

  it('keeps a group asked for when the group is allowed, without listing its members', () => {
    expect(limitPermissions(['PermissionChat'], ['PermissionChat'])).toEqual(['PermissionChat']);
  });

  it('drops what is not allowed at all', () => {
    expect(limitPermissions(['PermissionRoom', 'PermissionRoomKick'], ['PermissionChat'])).toEqual([]);
  });

  it('takes a missing list as asking for nothing', () => {
    expect(limitPermissions(undefined, ['PermissionChat'])).toEqual([]);
  });

  it('treats the lower-case slow-mode permission like any member of chat', () => {
    expect(limitPermissions(['PermissionChat'], ['permissionChatSlowmodeBypass', 'PermissionRoomKick'])).toEqual([
      'permissionChatSlowmodeBypass',
    ]);
  });

  it('ignores names that are not permissions, even when cast', () => {
    const bogus = ['permissionchat', 'PermissionFly'] as unknown as Permission[];
    expect(limitPermissions(bogus, ['PermissionChat'])).toEqual([]);
    expect(limitPermissions(['PermissionChat'], bogus)).toEqual([]);
  });

  it('grants exactly what was both asked and allowed, for any two lists', () => {
    const names = PERMISSIONS.map((p) => p.name);
    const list = fc.array(fc.constantFrom(...names), { maxLength: 6 });
    fc.assert(
      fc.property(list, list, (requested, allowed) => {
        const result = limitPermissions(requested, allowed);
        const granted = new Set(expandPermissions(allowed));
        const asked = new Set(expandPermissions(requested));
        expect(expandPermissions(result)).toEqual(names.filter((n) => granted.has(n) && asked.has(n)));
        expect(new Set(result).size).toBe(result.length);
      }),
      { numRuns: 300 },
    );
  });
});
