import { useLayoutEffect, type ReactNode } from 'react';
import { BroadcastJoinGate, RoomTokenProvider, useBroadcastToken } from '../src';
import {
  API_KEY,
  countdown,
  profiledCommits,
  HandWrittenGate,
  freshRoot,
  gateAndHandWritten,
  h,
  handFetch,
  median,
  ratioOf,
  settle,
  startFake,
  withTimeout,
  type GroupResult,
  type Row,
  type Tree,
} from './support';


const MOUNTS = 20;
const ROOM = 'room-renders';
const USER = 'user-renders';
const HEADERS = { authorization: `Bearer ${API_KEY}` };
const CHANGES = 10;


/** Commits of the profiled tree from `render` until the child shows a token (and two timer turns more). */
const commitsToChildren = (tree: Tree) => profiledCommits(tree, countdown(1), 'a profiled mount');

/**
 * Child renders after its first token while a parent changes an option that has nothing to
 * do with the token, `CHANGES` times (`timeoutMs`, then `headers`); and Create calls meanwhile.
 */
async function rendersOnUnrelatedChanges(
  app: (props: { timeoutMs: number; headers: Record<string, string> }) => ReactNode,
  creates: () => number,
  shown: Promise<void>,
  renders: () => number,
): Promise<{ renders: number; calls: number }> {
  const { root, dispose } = freshRoot();
  try {
    root.render(app({ timeoutMs: 10_000, headers: HEADERS }));
    await withTimeout(shown, 10_000, 'the first token');
    await settle();
    const [renders0, calls0] = [renders(), creates()];
    for (let i = 1; i <= CHANGES; i++) {
      // Half change a number, half hand in a new headers object (with one more header).
      const change = i <= CHANGES / 2 ? { timeoutMs: 10_000 + i, headers: HEADERS } : { timeoutMs: 10_000, headers: { ...HEADERS, 'x-bench-change': String(i) } };
      root.render(app(change));
      await settle();
    }
    return { renders: renders() - renders0, calls: creates() - calls0 };
  } finally {
    dispose();
    await settle();
  }
}

/** A child that counts its renders and says when it is first on screen. */
function countingChildren() {
  let count = 0;
  let resolve!: () => void;
  const shown = new Promise<void>((r) => (resolve = r));
  function ElementChild(): ReactNode {
    count++;
    const { token } = useBroadcastToken();
    useLayoutEffect(() => resolve(), []);
    return h('p', null, token);
  }
  function TokenChild({ token }: { token: string }): ReactNode {
    count++;
    useLayoutEffect(() => resolve(), []);
    return h('p', null, token);
  }
  // Made once: a parent that re-renders hands the gate the very same children.
  const renderChild = (token: string) => h(TokenChild, { token });
  return { ElementChild, TokenChild, renderChild, shown, renders: () => count };
}

/** Figure 3: the gate's commits up to its children, and children renders on unrelated option changes. */
export async function benchRenders(): Promise<GroupResult> {
  const fake = await startFake();
  try {
    const { gate, byHand } = gateAndHandWritten(fake.createUrl, ROOM, USER);
    const load = handFetch(fake.createUrl, ROOM, USER);

    const commits = { gate: [] as number[], byHand: [] as number[] };
    for (let i = 0; i < MOUNTS; i++) {
      commits.gate.push(await commitsToChildren(gate));
      commits.byHand.push(await commitsToChildren(byHand));
    }

    // Element children: the gate gets the same child element on every parent render.
    const el = countingChildren();
    const gateElement = h(BroadcastJoinGate, { roomId: ROOM, userId: USER, children: h(el.ElementChild) });
    const pkgElement = await rendersOnUnrelatedChanges(
      ({ timeoutMs, headers }) => h(RoomTokenProvider, { endpoint: fake.createUrl, headers, timeoutMs, children: gateElement }),
      fake.creates,
      el.shown,
      el.renders,
    );
    const elBase = countingChildren();
    const baseChild = h(elBase.TokenChild, { token: 'unused' });
    const handElement = await rendersOnUnrelatedChanges(
      ({ timeoutMs }) => h(HandWrittenGate, { load, timeoutMs, children: baseChild }),
      fake.creates,
      elBase.shown,
      elBase.renders,
    );

    // Render-prop children: the same function on every parent render.
    const fn = countingChildren();
    const gateFunction = h(BroadcastJoinGate, { roomId: ROOM, userId: USER, children: fn.renderChild });
    const pkgFunction = await rendersOnUnrelatedChanges(
      ({ timeoutMs, headers }) => h(RoomTokenProvider, { endpoint: fake.createUrl, headers, timeoutMs, children: gateFunction }),
      fake.creates,
      fn.shown,
      fn.renders,
    );
    const fnBase = countingChildren();
    const handFunction = await rendersOnUnrelatedChanges(
      ({ timeoutMs }) => h(HandWrittenGate, { load, timeoutMs, children: fnBase.renderChild }),
      fake.creates,
      fnBase.shown,
      fnBase.renders,
    );

    const spread = (xs: number[]) => (Math.min(...xs) === Math.max(...xs) ? `${xs[0]}` : `${median(xs)} (${Math.min(...xs)}–${Math.max(...xs)})`);
    const reRenderRow = (shape: string, pkg: { renders: number }, base: { renders: number }): Row => ({
      figure: `Child re-renders on ${CHANGES} unrelated provider prop changes (${shape})`,
      value: String(pkg.renders),
      baseline: `${base.renders} (hand-written component, same prop changes)`,
      ratio: ratioOf(pkg.renders, base.renders),
      target: '0',
      met: pkg.renders === 0,
    });
    return {
      rows: [
        {
          figure: 'Gate commits, mount → children',
          value: spread(commits.gate),
          baseline: `${spread(commits.byHand)} (hand-written component)`,
          ratio: ratioOf(median(commits.gate), median(commits.byHand)),
          target: '≤ 2',
          met: Math.max(...commits.gate) <= 2,
        },
        reRenderRow('element children', pkgElement, handElement),
        reRenderRow('render-prop children', pkgFunction, handFunction),
      ],
      notes: [
        `Renders: commits are \`React.Profiler\` \`onRender\` calls around the gate (react-dom's profiling build), from \`render\` until the child shows a token plus two timer turns, over ${MOUNTS} mounts each (median, range if they differ). Re-renders: a \`RoomTokenProvider\` with \`endpoint\` around a gate made once (so its parent hands it the same children), then ${CHANGES} re-renders of the provider with a new \`timeoutMs\` (${CHANGES / 2}) or a new \`headers\` object with one more header (${CHANGES / 2}), two timer turns after each; the baseline's parent changes an unused \`timeoutMs\` prop of the hand-written component. Create calls during the prop changes: ${pkgElement.calls + pkgFunction.calls} for the package, ${handElement.calls + handFunction.calls} for the baseline.`,
      ],
    };
  } finally {
    await fake.close();
  }
}
