import type { ReactNode } from 'react';
import { BroadcastJoinGate, RoomTokenProvider, batchRequests, type TokenSourceOptions } from '../src';
import {
  API_KEY,
  HandWrittenGate,
  Shown,
  countdown,
  freshRoot,
  h,
  handFetch,
  ratioOf,
  settle,
  startFake,
  withTimeout,
  type GroupResult,
} from './support';

const GATES = 100;
const MAX_BATCH = 16;
/** Batching as an app turns it on (off by default since issue 24): made once, at module level. */
const BATCHED = batchRequests({ maxSize: MAX_BATCH });

type Tree = (fake: { createUrl: string }, onShown: () => void) => ReactNode;

/** Mounts a tree of `GATES` token consumers against a fresh fake; counts Create calls once all show a token. */
async function createCallsFor(tree: Tree): Promise<number> {
  const fake = await startFake();
  const { root, dispose } = freshRoot();
  try {
    const shown = countdown(GATES);
    root.render(tree(fake, shown.tick));
    await withTimeout(shown.done, 20_000, `${GATES} gates`);
    // Anything sent after the last child showed counts too.
    await settle();
    return fake.creates();
  } finally {
    dispose();
    await fake.close();
  }
}

const gates = (rooms: (i: number) => string, onShown: () => void) =>
  Array.from({ length: GATES }, (_, i) =>
    h(BroadcastJoinGate, { key: i, roomId: rooms(i), userId: 'u1', children: (token: string) => h(Shown, { token, onShown }) }),
  );

const underProvider = (batch: TokenSourceOptions['batch'], rooms: (i: number) => string): Tree => (fake, onShown) =>
  h(RoomTokenProvider, { endpoint: fake.createUrl, headers: { authorization: `Bearer ${API_KEY}` }, batch, children: gates(rooms, onShown) });

/** Figure 1: Create calls for 100 gates mounted together. */
export async function benchRequests(): Promise<GroupResult> {
  const sameRoom = () => 'room-same';
  const eachRoom = (i: number) => `room-${i}`;

  const same = await createCallsFor(underProvider(undefined, sameRoom));
  const sameByHand = await createCallsFor((fake, onShown) => {
    const load = handFetch(fake.createUrl, 'room-same', 'u1');
    return Array.from({ length: GATES }, (_, i) => h(HandWrittenGate, { key: i, load, children: (token: string) => h(Shown, { token, onShown }) }));
  });
  const batched = await createCallsFor(underProvider(BATCHED, eachRoom));
  const unbatched = await createCallsFor(underProvider(undefined, eachRoom));

  const target = Math.ceil(GATES / MAX_BATCH);
  return {
    rows: [
      {
        figure: `Create calls: ${GATES} gates, same room and user`,
        value: String(same),
        baseline: `${sameByHand} (${GATES} hand-written components)`,
        ratio: ratioOf(same, sameByHand),
        target: '1 call',
        met: same === 1,
      },
      {
        figure: `Create calls: ${GATES} gates, ${GATES} rooms, \`batch={batchRequests({ maxSize: ${MAX_BATCH} })}\``,
        value: String(batched),
        baseline: `${unbatched} (same gates without \`batch\`: batching off, the default)`,
        ratio: ratioOf(batched, unbatched),
        target: `⌈${GATES}/${MAX_BATCH}⌉ = ${target} calls`,
        met: batched <= target,
      },
    ],
    notes: [
      `Requests: each scenario mounts ${GATES} gates in one \`root.render\` under a \`RoomTokenProvider\` with \`endpoint\` set to the fake's Create URL, waits until all ${GATES} children show a token, lets two timer turns pass, and counts the POSTs the fake received.`,
    ],
  };
}
