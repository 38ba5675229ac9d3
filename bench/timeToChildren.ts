import { BroadcastJoinGate, RoomTokenProvider } from '../src';
import {
  API_KEY,
  profiledCommits,
  HandWrittenGate,
  Shown,
  countdown,
  fmtMs,
  h,
  handFetch,
  median,
  percentile,
  ratioOf,
  mounter,
  type GroupResult,
  type Row,
  type Trees,
} from './support';


const USER = 'user-time-to-children';
const HEADERS = { authorization: `Bearer ${API_KEY}` };
/** Rooms mounted at once, and how many measured mounts (after warm-up mounts) each gets. */
const SIZES = [
  { rooms: 1, warmup: 30, mounts: 200 },
  { rooms: 10, warmup: 5, mounts: 40 },
  { rooms: 100, warmup: 2, mounts: 12 },
  { rooms: 1000, warmup: 1, mounts: 4 },
];

/** N gates for N distinct rooms under one provider (as an app would), children as a function of the token. */
const gates: Trees = (createUrl, rooms, onShown) =>
  h(RoomTokenProvider, {
    endpoint: createUrl,
    headers: HEADERS,
    children: rooms.map((roomId) => h(BroadcastJoinGate, { key: roomId, roomId, userId: USER, children: (token: string) => h(Shown, { token, onShown }) })),
  });

/** The same N rooms with a robust hand-written component each (one fetch each). */
const byHand: Trees = (createUrl, rooms, onShown) =>
  rooms.map((roomId) =>
    h(HandWrittenGate, { key: roomId, load: handFetch(createUrl, roomId, USER), children: (token: string) => h(Shown, { token, onShown }) }),
  );

/** Time to children, Create calls and commits for N rooms, the package against the hand-written baseline. */
export async function benchTimeToChildren(): Promise<GroupResult> {
  const { createUrl, rooms, mountOnce, close } = await mounter();
  const rows: Row[] = [];
  const details: string[] = [];
  try {
    /** Commits of the whole tree from `render` until all N children show, plus two timer turns. */
    const commitsOnce = (trees: Trees, n: number) => {
      const named = rooms(n);
      return profiledCommits((onShown) => trees(createUrl, named, onShown), countdown(n), `a profiled mount of ${n} rooms`);
    };

    for (const { rooms: n, warmup, mounts } of SIZES) {
      const times = { gates: [] as number[], byHand: [] as number[] };
      const calls = { gates: 0, byHand: 0 };
      for (let i = 0; i < warmup + mounts; i++) {
        // Interleaved, each going first every other time, so drift hits both alike.
        const order = i % 2 === 0 ? (['gates', 'byHand'] as const) : (['byHand', 'gates'] as const);
        for (const which of order) {
          const run = await mountOnce(which === 'gates' ? gates : byHand, n);
          if (i < warmup) continue;
          times[which].push(run.ms);
          calls[which] += run.calls;
        }
      }
      const commits = { gates: await commitsOnce(gates, n), byHand: await commitsOnce(byHand, n) };
      const ratio = ratioOf(median(times.gates), median(times.byHand));
      rows.push({
        figure: `Time to children, ${n} room${n > 1 ? 's' : ''} mounted at once (median, mount → every child shows its token)`,
        value: `${fmtMs(median(times.gates))} (p90 ${fmtMs(percentile(times.gates, 90))}); ${calls.gates / mounts} Create call(s), ${commits.gates} commits`,
        baseline: `${fmtMs(median(times.byHand))} (p90 ${fmtMs(percentile(times.byHand, 90))}); ${calls.byHand / mounts} call(s), ${commits.byHand} commits — robust hand-written fetch (timeout, status and shape checks) + useState + useEffect per room`,
        ratio,
        target: n === 1 ? '≤ 1.1×' : '— (reported)',
        met: n === 1 ? ratio !== undefined && ratio <= 1.1 : undefined,
      });
      details.push(`${n} room(s): ${mounts} measured mounts each after ${warmup} warm-up`);
    }
    return {
      rows,
      notes: [
        `Time to children: each mount puts N gates for N distinct rooms (never seen before) under one \`RoomTokenProvider\` with \`endpoint\` set to the fake's Create URL in a fresh root, and is timed from \`root.render\` to the layout effect of the last child that shows a token; the baseline mounts N hand-written components, each with its own \`fetch\` (same body and headers, a 10 s timeout, a status check and a check that the answer holds one non-empty token). Package and baseline mounts alternate, each going first every other time; full unmount and two timer turns between mounts. The fake runs in this process on 127.0.0.1. ${details.join('; ')}. Create calls are per mount (the package with its defaults: batching off since issue 24, so one call per room); commits are \`React.Profiler\` \`onRender\` calls around the whole tree from \`render\` until every child shows a token, plus two timer turns (one profiled mount each, react-dom's profiling build).`,
      ],
    };
  } finally {
    await close();
  }
}
