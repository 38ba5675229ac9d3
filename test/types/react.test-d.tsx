import type { ReactNode } from 'react';
import { describe, expectTypeOf, it } from 'vitest';
import {
  BroadcastJoinGate,
  createRoomTokenClient,
  RoomTokenError,
  RoomTokenProvider,
  type RoomTokenClient,
  type RoomTokenErrorCode,
  useBroadcastToken,
  useRoomMemberToken,
  type BroadcastJoinGateProps,
  type TokenSourceOptions,
} from '../../src';

describe('React types', () => {
  it('RoomTokenProvider takes only a client made by createRoomTokenClient, not a hand-written look-alike', () => {
    const made = <RoomTokenProvider client={createRoomTokenClient()}>x</RoomTokenProvider>;
    expectTypeOf(made).toExtend<ReactNode>();
    const lookAlike = { options: {}, get: async () => 't', refresh: async () => 't' };
    expectTypeOf(lookAlike).not.toExtend<RoomTokenClient>();
    // @ts-expect-error: a hand-written object is not a client
    const refused = <RoomTokenProvider client={lookAlike}>x</RoomTokenProvider>;
    expectTypeOf(refused).toExtend<ReactNode>();
  });

  it('RoomTokenErrorCode is the union of Connect codes', () => {
    expectTypeOf<'unavailable'>().toExtend<RoomTokenErrorCode>();
    expectTypeOf<'not_a_code'>().not.toExtend<RoomTokenErrorCode>();
  });

  it('useBroadcastToken().token is a string, never undefined', () => {
    expectTypeOf(useBroadcastToken).returns.toHaveProperty('token').toEqualTypeOf<string>();
    expectTypeOf(useBroadcastToken).returns.toHaveProperty('refresh').toEqualTypeOf<() => Promise<string | undefined>>();
  });

  it('a children function receives a string', () => {
    const gate = (
      <BroadcastJoinGate endpoint="/api/token" roomId="r" userId="u">
        {(token) => {
          expectTypeOf(token).toEqualTypeOf<string>();
          return null;
        }}
      </BroadcastJoinGate>
    );
    expectTypeOf(gate).toExtend<ReactNode>();
  });

  it('an errorFallback function receives a RoomTokenError and a retry', () => {
    type ErrorFallback = BroadcastJoinGateProps['errorFallback'];
    expectTypeOf<(props: { error: RoomTokenError; retry: () => void }) => ReactNode>().toExtend<ErrorFallback>();
  });

  it('a misspelled permission does not compile, on the gate or the hook', () => {
    // @ts-expect-error: 'PermissionRoomKik' is not a Permission
    const gate = <BroadcastJoinGate endpoint="/t" roomId="r" userId="u" permissions={['PermissionRoomKik']}>x</BroadcastJoinGate>;
    expectTypeOf(gate).toExtend<ReactNode>();
    // @ts-expect-error: wrongly cased
    expectTypeOf(useRoomMemberToken).toBeCallableWith({ roomId: 'r', userId: 'u', permissions: ['permissionChat'] });
  });

  it('metadata values must be strings on the gate', () => {
    // @ts-expect-error: "true", not true
    const gate = <BroadcastJoinGate endpoint="/t" roomId="r" userId="u" metadata={{ mcuStream: true }}>x</BroadcastJoinGate>;
    expectTypeOf(gate).toExtend<ReactNode>();
  });

  it('the hook returns a typed state, and takes null for "not yet"', () => {
    const state = useRoomMemberToken(null, { endpoint: '/t' });
    expectTypeOf(state.token).toEqualTypeOf<string | undefined>();
    expectTypeOf(state.error).toEqualTypeOf<RoomTokenError | undefined>();
    expectTypeOf(state.isLoading).toEqualTypeOf<boolean>();
  });

  it('dev mode needs an apiKey', () => {
    // @ts-expect-error: apiKey is required
    const options: TokenSourceOptions = { dev: { baseUrl: 'http://127.0.0.1:4010' } };
    expectTypeOf(options).toEqualTypeOf<TokenSourceOptions>();
  });
});
