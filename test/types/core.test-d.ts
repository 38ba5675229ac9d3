import { describe, expectTypeOf, it } from 'vitest';
import {
  PERMISSIONS,
  RoomTokenError,
  createRoomMemberTokens,
  expandPermissions,
  isPermission,
  type Permission,
  type RoomTokenErrorCode,
  type TokenRequest,
} from '../../src/core';

describe('TokenRequest', () => {
  it('takes exactly spelled permission names', () => {
    const ok: TokenRequest = { roomId: 'r', userId: 'u', permissions: ['PermissionChat', 'permissionChatSlowmodeBypass'] };
    expectTypeOf(ok.permissions).toEqualTypeOf<Permission[] | undefined>();
  });

  it('does not compile with a misspelled permission', () => {
    // @ts-expect-error: 'PermissionChatMutee' is not a Permission
    const typo: TokenRequest = { roomId: 'r', userId: 'u', permissions: ['PermissionChatMutee'] };
    expectTypeOf(typo).toEqualTypeOf<TokenRequest>();
  });

  it('does not compile with a wrongly cased permission', () => {
    // @ts-expect-error: the upstream spells it 'permissionChatSlowmodeBypass'
    const cased: TokenRequest = { roomId: 'r', userId: 'u', permissions: ['PermissionChatSlowmodeBypass'] };
    expectTypeOf(cased).toEqualTypeOf<TokenRequest>();
  });

  it('does not compile with a boolean metadata value', () => {
    // @ts-expect-error: metadata values are strings ("true")
    const meta: TokenRequest = { roomId: 'r', userId: 'u', metadata: { mcuStream: true } };
    expectTypeOf(meta).toEqualTypeOf<TokenRequest>();
  });

  it('needs roomId and userId, and rejects unknown fields', () => {
    // @ts-expect-error: userId is missing
    const noUser: TokenRequest = { roomId: 'r' };
    // @ts-expect-error: snake_case is the wire format, not the API
    const snake: TokenRequest = { roomId: 'r', userId: 'u', room_id: 'r' };
    expectTypeOf([noUser, snake]).toEqualTypeOf<TokenRequest[]>();
  });
});

describe('createRoomMemberTokens', () => {
  it('returns Promise<string[]>', () => {
    expectTypeOf(createRoomMemberTokens).returns.toEqualTypeOf<Promise<string[]>>();
    expectTypeOf(createRoomMemberTokens).parameter(0).toEqualTypeOf<readonly TokenRequest[]>();
  });

  it('does not compile with a misspelled permission inline', () => {
    // @ts-expect-error: 'PermissionRoomKik' is not a Permission
    void createRoomMemberTokens([{ roomId: 'r', userId: 'u', permissions: ['PermissionRoomKik'] }], { baseUrl: 'http://x' });
  });

  it('does not compile with an unknown option', () => {
    // @ts-expect-error: the option is `timeoutMs`
    void createRoomMemberTokens([{ roomId: 'r', userId: 'u' }], { timeout: 5 });
  });
});

describe('RoomTokenError', () => {
  it('has a Connect code, an optional status and retryable', () => {
    expectTypeOf<RoomTokenError['code']>().toEqualTypeOf<RoomTokenErrorCode>();
    expectTypeOf<RoomTokenError['status']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<RoomTokenError['retryable']>().toEqualTypeOf<boolean>();
    expectTypeOf<RoomTokenError>().toExtend<Error>();
  });

  it('does not take a code outside the Connect set', () => {
    // @ts-expect-error: 'timeout' is not a Connect code
    void new RoomTokenError('timeout', 'x');
    expectTypeOf<'unavailable'>().toExtend<RoomTokenErrorCode>();
    expectTypeOf<'Unavailable'>().not.toExtend<RoomTokenErrorCode>();
  });
});

describe('permissions', () => {
  it('types the catalogue, the guard and the expansion', () => {
    expectTypeOf(PERMISSIONS[0]!.name).toEqualTypeOf<Permission>();
    expectTypeOf(PERMISSIONS[0]!.group).toEqualTypeOf<'chat' | 'room'>();
    expectTypeOf(expandPermissions).returns.toEqualTypeOf<Permission[]>();
    const value: unknown = 'PermissionChat';
    if (isPermission(value)) expectTypeOf(value).toEqualTypeOf<Permission>();
    expectTypeOf<'permissionChatSlowmodeBypass'>().toExtend<Permission>();
    expectTypeOf<'PermissionChatSlowmodeBypass'>().not.toExtend<Permission>();
  });
});
