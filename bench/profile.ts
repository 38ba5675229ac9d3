// Where the time of a request goes, the package against the floor: the per-request benchmark's
// mounts (batching off) under V8's CPU profiler, one profile a side.
//   node --import tsx bench/profile.ts [rooms=100] [mounts=30]
// Writes {package,floor}.cpuprofile to the system's temp folder (open them in Chrome DevTools'
// Performance panel) and prints, per side, CPU ms per request by who is responsible (the
// innermost frame from src/ or bench/; React's and undici's own frames when none is on the
// stack; the in-process fake apart, as both sides pay it) and the package's functions by
// inclusive time.
import { closeDom } from './setupDom';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import { floorGates, packageGates } from './perRequest';
import { mounter } from './support';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const OUT = join(tmpdir(), 'react-room-token-profiles');
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const rooms = Number(process.argv[2] ?? 100);
const mounts = Number(process.argv[3] ?? 30);

/** A frame's place, short: `src/core/identityOf.ts identityOf`, or the library it is in (tsx's compiled code has no useful line numbers). */
function where({ functionName, url }: ProfileNode['callFrame']): string {
  const file = url.replace(/^file:\/\//, '').replace(ROOT, '');
  const name = functionName || '(anonymous)';
  if (/^(src|bench)\//.test(file)) return `${file} ${name}`;
  const lib = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? (file.startsWith('node:') ? file : file ? 'node internals' : '');
  return lib ? `[${lib}] ${lib.startsWith('react-dom') || lib.startsWith('undici') || lib.startsWith('node:') ? '' : name}`.trim() : name;
}

/** CPU ms (not per request yet) by responsible frame, and by package function inclusive, added up over profiles. */
interface Tally {
  total: number;
  requests: number;
  responsible: Map<string, number>;
  inclusive: Map<string, number>;
}

const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);

/** Adds one profile of `requests` requests to the tally. */
function tally(into: Tally, profile: Profile, requests: number): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  into.requests += requests;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(id)!;
    if (leaf.callFrame.functionName === '(idle)' || leaf.callFrame.functionName === '(program)') return;
    into.total += ms;
    const stack: string[] = [];
    for (let node: ProfileNode | undefined = leaf; node; node = byId.get(parent.get(node.id) ?? -1)) stack.push(where(node.callFrame));
    const ours = stack.filter((place) => /^(src|bench)\//.test(place));
    // The fake answers both sides alike: its time (src/core helpers it calls included) is set apart.
    const fake = ours.find((place) => place.startsWith('src/testing/'));
    const owner = fake ? `the fake: ${fake}` : (ours[0] ?? stack[0]!);
    if (!fake) for (const place of new Set(ours)) if (place.startsWith('src/')) add(into.inclusive, place, ms);
    add(into.responsible, owner, ms);
  });
}

/** The broad kind of a responsible frame, for the side-by-side summary. */
function kindOf(owner: string): string {
  if (owner.startsWith('the fake')) return 'the fake service (same work for both sides)';
  if (owner.startsWith('src/react/')) return 'package: src/react (and React/fetch work it calls)';
  if (owner.startsWith('src/core/')) return 'package: src/core (and fetch/stream work it calls)';
  if (owner.startsWith('bench/floor')) return 'floor: bench/floor.tsx (and React/fetch work it calls)';
  if (owner.startsWith('bench/')) return 'benchmark harness';
  if (owner === '(garbage collector)') return 'garbage collector';
  if (owner.startsWith('[react-dom]') || owner.startsWith('[react]') || owner.startsWith('[scheduler]')) return 'React on its own (render loop, commits)';
  return 'fetch, streams, sockets, timers on their own (undici, node internals)';
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const { mountOnce, close } = await mounter();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  const sides = [
    { name: 'package', trees: packageGates, wall: 0, t: { total: 0, requests: 0, responsible: new Map(), inclusive: new Map() } as Tally },
    { name: 'floor', trees: floorGates, wall: 0, t: { total: 0, requests: 0, responsible: new Map(), inclusive: new Map() } as Tally },
  ];
  // Short profiles, package and floor in turn, so that load from outside falls on both.
  const chunk = 5;
  try {
    for (const side of sides) for (let i = 0; i < 5; i++) await mountOnce(side.trees, rooms); // warm-up: compiling is not per-request cost
    for (let done = 0; done < mounts; done += chunk) {
      for (const side of sides) {
        await session.post('Profiler.start');
        for (let i = 0; i < chunk; i++) side.wall += (await mountOnce(side.trees, rooms)).ms;
        const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
        if (done === 0) writeFileSync(join(OUT, `${side.name}.cpuprofile`), JSON.stringify(profile));
        tally(side.t, profile, rooms * chunk);
      }
    }
  } finally {
    session.disconnect();
    await close();
  }
  const pkg = sides[0]!;
  const per = (t: Tally, ms: number) => ms / t.requests;
  console.log(`${rooms} rooms × ${pkg.t.requests / rooms} mounts a side (profiles in ${OUT})`);
  for (const side of sides) console.log(`${side.name}: wall ${(side.wall / side.t.requests).toFixed(3)} ms per request to children; CPU ${per(side.t, side.t.total).toFixed(3)} ms per request (mount, fetch, the fake, unmount)`);
  const kinds = new Map<string, [number, number]>();
  sides.forEach((side, s) => {
    for (const [owner, ms] of side.t.responsible) {
      const pair = kinds.get(kindOf(owner)) ?? [0, 0];
      pair[s === 0 ? 0 : 1] += per(side.t, ms);
      kinds.set(kindOf(owner), pair);
    }
  });
  console.log('\nCPU ms per request by kind: package | floor | difference');
  for (const [kind, [a, b]] of [...kinds].sort((x, y) => y[1][0] - y[1][1] - (x[1][0] - x[1][1]))) console.log(`  ${a.toFixed(4)} | ${b.toFixed(4)} | ${(a - b >= 0 ? '+' : '') + (a - b).toFixed(4)}  ${kind}`);
  for (const side of sides) {
    console.log(`\n${side.name}: CPU ms per request by responsible frame (top 25):`);
    for (const [place, ms] of [...side.t.responsible].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${per(side.t, ms).toFixed(4)}  ${place}`);
  }
  console.log('\npackage: functions by inclusive CPU ms per request (top 40):');
  for (const [place, ms] of [...pkg.t.inclusive].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${per(pkg.t, ms).toFixed(4)}  ${place}`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    closeDom();
    setTimeout(() => process.exit(), 100).unref();
  });
