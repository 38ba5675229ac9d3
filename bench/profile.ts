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
import { floorGates, mounter, packageGates } from './perRequest';

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

/** CPU ms by responsible frame (self) and by package function (inclusive), per request. */
function summarize(profile: Profile, requests: number): { total: number; responsible: [string, number][]; inclusive: [string, number][] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const responsible = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(id)!;
    if (leaf.callFrame.functionName === '(idle)' || leaf.callFrame.functionName === '(program)') return;
    total += ms;
    const stack: string[] = [];
    for (let node: ProfileNode | undefined = leaf; node; node = byId.get(parent.get(node.id) ?? -1)) stack.push(where(node.callFrame));
    const ours = stack.filter((place) => /^(src|bench)\//.test(place));
    // The fake answers both sides alike: its time (src/core helpers it calls included) is set apart.
    const fake = ours.find((place) => place.startsWith('src/testing/'));
    const owner = fake ? `the fake: ${fake}` : (ours[0] ?? stack[0]!);
    if (!fake) for (const place of new Set(ours)) if (place.startsWith('src/')) inclusive.set(place, (inclusive.get(place) ?? 0) + ms);
    responsible.set(owner, (responsible.get(owner) ?? 0) + ms);
  });
  const perRequest = (map: Map<string, number>) => [...map].map(([k, v]): [string, number] => [k, v / requests]).sort((a, b) => b[1] - a[1]);
  return { total: total / requests, responsible: perRequest(responsible), inclusive: perRequest(inclusive) };
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const { mountOnce, close } = await mounter();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  try {
    for (const [name, trees] of [['package', packageGates], ['floor', floorGates]] as const) {
      // Warm-up outside the profile: compiling is not per-request cost.
      for (let i = 0; i < 5; i++) await mountOnce(trees, rooms);
      let wall = 0;
      await session.post('Profiler.start');
      for (let i = 0; i < mounts; i++) wall += (await mountOnce(trees, rooms)).ms;
      const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
      writeFileSync(join(OUT, `${name}.cpuprofile`), JSON.stringify(profile));
      const requests = rooms * mounts;
      const { total, responsible, inclusive } = summarize(profile, requests);
      console.log(`\n## ${name}: ${rooms} rooms × ${mounts} mounts; wall ${(wall / requests).toFixed(3)} ms per request to children, CPU ${total.toFixed(3)} ms per request (mount, fetch, the fake, unmount)`);
      console.log('\nCPU ms per request by responsible frame (top 25):');
      for (const [place, ms] of responsible.slice(0, 25)) console.log(`  ${ms.toFixed(4)}  ${place}`);
      if (name === 'package') {
        console.log('\nPackage functions by inclusive CPU ms per request (top 40):');
        for (const [place, ms] of inclusive.slice(0, 40)) console.log(`  ${ms.toFixed(4)}  ${place}`);
      }
    }
  } finally {
    session.disconnect();
    await close();
  }
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
