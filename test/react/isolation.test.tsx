// @vitest-environment jsdom
import { useState, type ReactNode } from 'react';
import { act, render, screen, waitFor } from '@testing-library/react';
import { SWRConfig, type Middleware, type SWRConfiguration } from 'swr';
import { describe, expect, it } from 'vitest';
import { BroadcastJoinGate } from '../../src';
import { useRoomMemberTokenSWR } from '../../src/swr';
import { startFake } from './helpers';

const tick = (ms = 30) => act(() => new Promise((resolve) => setTimeout(resolve, ms)));
const roomOf = (body: unknown) => (body as { arguments: { room_id: string }[] }).arguments[0]!.room_id;

/** Shows the room and the token, as a broadcast room would receive them. */
function Stage({ roomId, token }: { roomId: string; token: string }) {
  return <p data-testid="stage">{`${roomId}:${token}`}</p>;
}

function Switchable({ children }: { children: (roomId: string) => ReactNode }) {
  const [roomId, setRoomId] = useState('A');
  return (
    <>
      {children(roomId)}
      <button onClick={() => setRoomId('B')}>to B</button>
    </>
  );
}

// A "laggy" middleware, as in SWR's docs: it hands back the previous key's data while a new
// key loads.
const laggy: Middleware = (useSWRNext) => (key, fetcher, config) => {
  const [previous, setPrevious] = useState<unknown>();
  const swr = useSWRNext(key, fetcher, config);
  if (swr.data !== undefined && swr.data !== previous) setPrevious(swr.data);
  return Object.assign({}, swr, { data: swr.data === undefined ? previous : swr.data });
};

type Subject = (props: { endpoint: { endpoint: string }; roomId: string; children: (token: string) => ReactNode }) => ReactNode;

/** The hook of the SWR entry in a gate's place: children once there is a token. */
const SWRHookGate: Subject = ({ endpoint, roomId, children }) => {
  const { data } = useRoomMemberTokenSWR({ roomId, userId: 'u1', metadata: { mcuStream: 'true' } }, endpoint);
  return data ? children(data) : <p role="status">Joining…</p>;
};

const SUBJECTS: [string, Subject][] = [
  ['BroadcastJoinGate', ({ endpoint, roomId, children }) => <BroadcastJoinGate {...endpoint} roomId={roomId} userId="u1">{children}</BroadcastJoinGate>],
  ['useRoomMemberTokenSWR', SWRHookGate],
];

describe.each(SUBJECTS)("the app's own SWR settings change nothing for %s", (_, Gate) => {
  it('given refreshInterval: 50 in SWRConfig, the gate mints one token, not one every 50 ms', async () => {
    const { endpoint, creates } = await startFake();
    render(
      <SWRConfig value={{ refreshInterval: 50, dedupingInterval: 0 }}>
        <Gate endpoint={endpoint} roomId="A">
          {(token) => <Stage roomId="A" token={token} />}
        </Gate>
      </SWRConfig>,
    );
    await screen.findByTestId('stage');
    await tick(300);
    expect(creates()).toHaveLength(1);
  });

  for (const [name, config] of [
    ['revalidateOnMount: false', { revalidateOnMount: false }],
    ['isPaused: () => true', { isPaused: () => true }],
    ['suspense: true', { suspense: true }],
    ['a fallback and fallbackData', { fallback: { A: 'not-a-token' }, fallbackData: 'not-a-token' }],
  ] as [string, SWRConfiguration][]) {
    it(`given ${name} in SWRConfig, the gate still asks once and joins`, async () => {
      const { endpoint, creates, fake } = await startFake();
      render(
        <SWRConfig value={config}>
          <Gate endpoint={endpoint} roomId="A">
            {(token) => <Stage roomId="A" token={token} />}
          </Gate>
        </SWRConfig>,
      );
      expect((await screen.findByTestId('stage')).textContent).toBe(`A:${fake.issued[0]!.token}`);
      expect(creates()).toHaveLength(1);
    });
  }

  for (const [name, config] of [
    ['keepPreviousData: true', { keepPreviousData: true }],
    ['a laggy middleware', { use: [laggy] }],
  ] as [string, SWRConfiguration][]) {
    it(`given ${name}, a gate switched from room A to a slow room B never shows A's token under B`, async () => {
      const { endpoint, fake } = await startFake({ latencyMs: (call) => (roomOf(call.body) === 'B' ? 150 : 0) });
      const shown: string[] = [];
      function Record({ roomId, token }: { roomId: string; token: string }) {
        shown.push(`${roomId}:${token}`);
        return <Stage roomId={roomId} token={token} />;
      }
      render(
        <SWRConfig value={config}>
          <Switchable>
            {(roomId) => (
              <Gate endpoint={endpoint} roomId={roomId}>
                {(token) => <Record roomId={roomId} token={token} />}
              </Gate>
            )}
          </Switchable>
        </SWRConfig>,
      );
      await screen.findByTestId('stage');
      act(() => screen.getByText('to B').click());
      const tokenOf = (roomId: string) => fake.issued.find((t) => t.request.roomId === roomId)?.token;
      await waitFor(() => expect(screen.getByTestId('stage').textContent).toBe(`B:${tokenOf('B')}`));
      expect(shown).not.toContain(`B:${tokenOf('A')}`);
      expect(new Set(shown)).toEqual(new Set([`A:${tokenOf('A')}`, `B:${tokenOf('B')}`]));
    });
  }

});
