import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { useLayoutEffect, type ReactNode } from 'react';
import { BroadcastJoinGate, RoomTokenProvider } from '../src';
import { HandWrittenGate, countdown, freshRoot, h, macrotask, ratioOf, settle, withTimeout, type GroupResult } from './support';

const WARMUP = 1000;
const CYCLES = 5000;
const MOUNTED = 1000;
const PER_CYCLE_LIMIT = 100;
// Any timer a cycle armed holds its closures until it fires: wait before each reading, so only
// what stays for good counts.
const QUIET_MS = 3500;
// The token source answers at once: no network, so only the components' own memory shows.
const fetchToken = (request: { roomId: string }) => Promise.resolve(`token-for-${request.roomId}`);
const load = () => Promise.resolve('token-for-the-baseline');

/** A child that says when it is on screen and when it has gone. */
function Probe({ token, onShown, onGone }: { token: string; onShown: () => void; onGone?: () => void }): ReactNode {
  useLayoutEffect(() => {
    onShown();
    return onGone;
  }, [onShown, onGone]);
  return h('p', null, token);
}

type Subject = (roomId: string, child: (token: string) => ReactNode) => ReactNode;

const gate: Subject = (roomId, child) => h(BroadcastJoinGate, { key: roomId, roomId, userId: 'user-memory', children: child });
const byHand: Subject = (roomId, child) => h(HandWrittenGate, { key: roomId, load, children: child });

/** Bytes used by objects after a quiet spell and full GCs, code spaces left out. */
async function heapAfterGc(): Promise<{ objects: number; code: number }> {
  await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  for (let i = 0; i < 4; i++) {
    globalThis.gc!();
    await macrotask();
  }
  const heap = { objects: 0, code: 0 };
  for (const space of getHeapSpaceStatistics()) {
    if (space.space_name.startsWith('code')) heap.code += space.space_used_size;
    else heap.objects += space.space_used_size;
  }
  return heap;
}

// The provider stays mounted, as in an app; only the gates come and go.
const wrap = (node: ReactNode) => h(RoomTokenProvider, { fetchToken, children: node });

/** Heap kept per mount/unmount cycle, each cycle for a room never seen before, after `WARMUP` cycles. */
async function keptPerCycle(subject: Subject): Promise<{ perCycle: number; code: number }> {
  const { root, dispose } = freshRoot();
  let room = 0;
  async function cycle(): Promise<void> {
    let onShown!: () => void;
    let onGone!: () => void;
    const shown = new Promise<void>((resolve) => (onShown = resolve));
    const gone = new Promise<void>((resolve) => (onGone = resolve));
    root.render(wrap(subject(`room-${++room}`, (token) => h(Probe, { token, onShown, onGone }))));
    await withTimeout(shown, 10_000, 'a memory-cycle mount');
    root.render(wrap(null));
    await withTimeout(gone, 10_000, 'a memory-cycle unmount');
    // The package releases a request on a timer once its last consumer has gone.
    await settle();
  }
  try {
    for (let i = 0; i < WARMUP; i++) await cycle();
    const before = await heapAfterGc();
    for (let i = 0; i < CYCLES; i++) await cycle();
    const after = await heapAfterGc();
    return { perCycle: (after.objects - before.objects) / CYCLES, code: after.code - before.code };
  } finally {
    dispose();
  }
}

/** Heap held per mounted component: `MOUNTED` of them for distinct rooms, each showing its token. */
async function heldPerMounted(subject: Subject): Promise<number> {
  const { root, dispose } = freshRoot();
  try {
    root.render(wrap(null));
    await settle();
    const before = await heapAfterGc();
    const shown = countdown(MOUNTED);
    const onShown = shown.tick;
    root.render(wrap(Array.from({ length: MOUNTED }, (_, i) => subject(`mounted-${i}`, (token) => h(Probe, { token, onShown })))));
    await withTimeout(shown.done, 30_000, `${MOUNTED} mounted components`);
    const after = await heapAfterGc();
    return (after.objects - before.objects) / MOUNTED;
  } finally {
    dispose();
    await settle();
  }
}

/** Memory figures: heap kept per distinct-room cycle, and heap held per mounted gate. */
export async function benchMemory(): Promise<GroupResult> {
  if (typeof globalThis.gc !== 'function') {
    return { rows: [], notes: ['Memory: skipped — run with `node --expose-gc` (as `npm run bench` does).'] };
  }
  // V8 drops the bytecode of functions unused for a while during GC, which would show as
  // negative growth.
  setFlagsFromString('--no-flush-bytecode');
  const baseCycle = await keptPerCycle(byHand);
  const pkgCycle = await keptPerCycle(gate);
  const baseHeld = await heldPerMounted(byHand);
  const pkgHeld = await heldPerMounted(gate);
  const heldRatio = ratioOf(pkgHeld, baseHeld);
  const cycles = CYCLES.toLocaleString('en');
  return {
    rows: [
      {
        figure: `Heap kept per mount/unmount cycle, each for a new room (${cycles} cycles)`,
        value: `${pkgCycle.perCycle.toFixed(0)} B`,
        baseline: `${baseCycle.perCycle.toFixed(0)} B (hand-written component)`,
        ratio: baseCycle.perCycle > 16 ? ratioOf(pkgCycle.perCycle, baseCycle.perCycle) : undefined,
        target: `≤ ${PER_CYCLE_LIMIT} B`,
        met: pkgCycle.perCycle <= PER_CYCLE_LIMIT,
      },
      {
        figure: `Heap held per mounted gate (${MOUNTED.toLocaleString('en')} mounted, each for its own room)`,
        value: `${(pkgHeld / 1024).toFixed(2)} kB`,
        baseline: `${(baseHeld / 1024).toFixed(2)} kB (hand-written component)`,
        ratio: heldRatio,
        target: '≤ 2×',
        met: heldRatio !== undefined && heldRatio <= 2,
      },
    ],
    notes: [
      `Memory: one root with a \`RoomTokenProvider\` (\`fetchToken\` resolving at once, so no network) that stays mounted. Kept per cycle: a gate for a room never seen before mounts, shows its child, unmounts, and two timer turns pass; after ${WARMUP.toLocaleString('en')} warm-up cycles a reading, then ${cycles} cycles and another. Held per mounted gate: ${MOUNTED.toLocaleString('en')} gates for distinct rooms mounted at once until every child shows its token, against the provider alone. Each reading waits ${QUIET_MS / 1000} s so that any timer has fired, calls \`gc()\` four times and sums V8's heap spaces without the code spaces (bytecode flushing off). The baseline is a hand-written component under the same provider, measured first; its per-cycle figure is the noise floor of the method (JIT metadata, React's own bookkeeping). Compiled code grew by ${(pkgCycle.code / 1024).toFixed(1)} kB for the package and ${(baseCycle.code / 1024).toFixed(1)} kB for the baseline over the cycles (not counted).`,
    ],
  };
}
