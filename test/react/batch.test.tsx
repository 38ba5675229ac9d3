// @vitest-environment jsdom
import { useState } from 'react';
import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { batchRequests, BroadcastJoinGate, RoomTokenProvider, type TokenSourceOptions } from '../../src';
import type { FakeCall } from '../../src/testing';
import { startFake } from './helpers';

// Batching is an opt-in: one batcher for the file, as an app makes one at module level.
const batch = batchRequests();
const rooms = (n: number) => Array.from({ length: n }, (_, i) => `room-${i}`);
const argumentsOf = (call: FakeCall) => (call.body as { arguments: { room_id: string }[] }).arguments;

function Tiles({ ids, options }: { ids: string[]; options?: TokenSourceOptions }) {
  return (
    <>
      {ids.map((roomId) => (
        <BroadcastJoinGate key={roomId} {...options} roomId={roomId} userId="u1" errorFallback={({ error }) => <p>{`${roomId} failed: ${error.code}`}</p>}>
          {(token) => <p data-testid={roomId}>{token}</p>}
        </BroadcastJoinGate>
      ))}
    </>
  );
}

async function expectEachTileHasItsOwnToken(ids: string[], issued: readonly { token: string; request: { roomId: string } }[]) {
  for (const roomId of ids) {
    const tile = await screen.findByTestId(roomId, {}, { timeout: 10_000 });
    expect(tile.textContent).toBe(issued.find((t) => t.request.roomId === roomId)!.token);
  }
}

describe('batching', () => {
  it('given 20 room tiles mounted together, sends 2 Create calls (16 + 4) and gives each tile its own token', async () => {
    const { endpoint, creates, fake } = await startFake();
    render(
      <RoomTokenProvider {...endpoint} batch={batch}>
        <Tiles ids={rooms(20)} />
      </RoomTokenProvider>,
    );
    await expectEachTileHasItsOwnToken(rooms(20), fake.issued);
    expect(creates().map((call) => argumentsOf(call).length)).toEqual([16, 4]);
    expect(new Set(fake.issued.map((t) => t.token)).size).toBe(20);
  });

  it('given 100 gates for 100 rooms mounted together, sends ⌈100/16⌉ = 7 Create calls', async () => {
    const { endpoint, creates, fake } = await startFake();
    render(
      <RoomTokenProvider {...endpoint} batch={batch}>
        <Tiles ids={rooms(100)} />
      </RoomTokenProvider>,
    );
    await expectEachTileHasItsOwnToken(rooms(100), fake.issued);
    expect(creates().map((call) => argumentsOf(call).length)).toEqual([16, 16, 16, 16, 16, 16, 4]);
    expect(new Set(fake.issued.map((t) => t.token)).size).toBe(100);
  });

  it('honours batchRequests({ maxSize })', async () => {
    const { endpoint, creates, fake } = await startFake();
    render(
      <RoomTokenProvider {...endpoint} batch={batchRequests({ maxSize: 5 })}>
        <Tiles ids={rooms(12)} />
      </RoomTokenProvider>,
    );
    await expectEachTileHasItsOwnToken(rooms(12), fake.issued);
    expect(creates().map((call) => argumentsOf(call).length)).toEqual([5, 5, 2]);
  });

  it('given batch: false, sends one call per token', async () => {
    const { endpoint, creates, fake } = await startFake();
    render(
      <RoomTokenProvider {...endpoint} batch={false}>
        <Tiles ids={rooms(6)} />
      </RoomTokenProvider>,
    );
    await expectEachTileHasItsOwnToken(rooms(6), fake.issued);
    expect(creates().map((call) => argumentsOf(call).length)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('given 100 gates for the same token, sends one call with one argument', async () => {
    const { endpoint, creates } = await startFake();
    render(
      <RoomTokenProvider {...endpoint} batch={batch}>
        <Tiles ids={Array(1).fill('room-same')} />
        {Array.from({ length: 99 }, (_, i) => (
          <BroadcastJoinGate key={i} roomId="room-same" userId="u1">
            <i data-testid="joined" />
          </BroadcastJoinGate>
        ))}
      </RoomTokenProvider>,
    );
    await waitFor(() => expect(screen.getAllByTestId('joined')).toHaveLength(99));
    expect(creates().map((call) => argumentsOf(call).length)).toEqual([1]);
  });

  it('a member that fails validation never joins the batch: it alone shows the error, nothing about it is sent', async () => {
    const { endpoint, creates, fake } = await startFake();
    render(
      <RoomTokenProvider {...endpoint} batch={batch}>
        <Tiles ids={rooms(3)} />
        <BroadcastJoinGate roomId="room-bad" userId="" errorFallback={<p>room-bad refused</p>}>
          <p>never</p>
        </BroadcastJoinGate>
      </RoomTokenProvider>,
    );
    expect(await screen.findByText('room-bad refused')).toBeTruthy();
    await expectEachTileHasItsOwnToken(rooms(3), fake.issued);
    expect(creates().map((call) => argumentsOf(call).map((a) => a.room_id))).toEqual([rooms(3)]);
  });

  it('given the server refuses a batch as invalid_argument, asks again one by one so only the bad member fails', async () => {
    // A backend whose own policy refuses one room: it rejects the whole call that names it.
    const { endpoint, creates, fake } = await startFake({
      fault: (call) => (argumentsOf(call).some((a) => a.room_id === 'room-1') ? { code: 'invalid_argument', message: 'room-1 is closed' } : undefined),
    });
    render(
      <RoomTokenProvider {...endpoint} batch={batch}>
        <Tiles ids={rooms(4)} />
      </RoomTokenProvider>,
    );
    expect(await screen.findByText('room-1 failed: invalid_argument')).toBeTruthy();
    await expectEachTileHasItsOwnToken(['room-0', 'room-2', 'room-3'], fake.issued);
    expect(creates().map((call) => argumentsOf(call).length)).toEqual([4, 1, 1, 1, 1]);
  });

  it('never batches a custom fetchToken source', async () => {
    const seen: string[][] = [];
    render(
      <RoomTokenProvider fetchToken={async (request) => (seen.push([request.roomId]), `token-${request.roomId}`)}>
        <Tiles ids={rooms(3)} />
      </RoomTokenProvider>,
    );
    for (const roomId of rooms(3)) expect((await screen.findByTestId(roomId)).textContent).toBe(`token-${roomId}`);
    expect(seen).toEqual([['room-0'], ['room-1'], ['room-2']]);
  });

  it('a tile that unmounts while its batch is in flight does not cancel the others', async () => {
    const { endpoint, creates, fake } = await startFake({ latencyMs: 80 });
    function Page() {
      const [ids, setIds] = useState(rooms(3));
      return (
        <>
          <Tiles ids={ids} />
          <button onClick={() => setIds(rooms(2))}>drop last</button>
        </>
      );
    }
    render(
      <RoomTokenProvider {...endpoint} batch={batch}>
        <Page />
      </RoomTokenProvider>,
    );
    await waitFor(() => expect(creates()).toHaveLength(1));
    act(() => screen.getByText('drop last').click());
    await expectEachTileHasItsOwnToken(rooms(2), fake.issued);
    expect(creates()).toHaveLength(1);
  });
});

describe('one call per identity, batched', () => {
  it('given a tile that leaves its batch while the call goes on for the others and comes back, joins that call: one Create call', async () => {
    // A slow answer, so that the tile is back long before it: the bound only guards the test.
    const { endpoint, creates, fake } = await startFake({ latencyMs: 1500 });
    function Page() {
      const [ids, setIds] = useState(['a', 'b', 'c']);
      return (
        <RoomTokenProvider {...endpoint} batch={batch}>
          <Tiles ids={ids} />
          <button onClick={() => setIds(['b', 'c'])}>without a</button>
          <button onClick={() => setIds(['a', 'b', 'c'])}>with a</button>
        </RoomTokenProvider>
      );
    }
    render(<Page />);
    await waitFor(() => expect(creates()).toHaveLength(1));
    act(() => screen.getByText('without a').click());
    // A timer set after the client's release timer fires after it: room a's entry is dropped by then.
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    act(() => screen.getByText('with a').click());
    await expectEachTileHasItsOwnToken(['a', 'b', 'c'], fake.issued);
    expect(creates().map((call) => argumentsOf(call).length)).toEqual([3]);
  });
});

describe('what may share a call', () => {
  it('gates with different timeoutMs share one Create call: each bounds its own attempt', async () => {
    const { endpoint, creates, fake } = await startFake();
    render(
      <RoomTokenProvider {...endpoint} batch={batch}>
        <Tiles ids={['a']} options={{ timeoutMs: 5000 }} />
        <Tiles ids={['b']} options={{ timeoutMs: 9000 }} />
      </RoomTokenProvider>,
    );
    await expectEachTileHasItsOwnToken(['a', 'b'], fake.issued);
    expect(creates().map((call) => argumentsOf(call).length)).toEqual([2]);
  });
});
