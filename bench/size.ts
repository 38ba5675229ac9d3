import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as pkg from '../src';
import { bundleBytes, type BundleBytes } from './bundleSize';
import type { GroupResult, Row } from './support';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
// What issue 24 asks of the default path: 4.0 kB brotli.
const CLIENT_TARGET = 4000;
/** The default import path of issue 24: what a typical app imports. */
const DEFAULT_PATH = ['RoomTokenProvider', 'useRoomMemberToken', 'BroadcastJoinGate', 'useBroadcastToken'];
/** The opt-ins issue 24 moves off the default path; size-limit's config may name more. */
const KNOWN_OPT_INS = [['devMode'], ['batchRequests']];
const FLOOR = { entry: 'bench/floor.tsx', names: ['FloorGate', 'useFloorToken'] };

interface SizeLimitRow {
  name: string;
  path: string;
  import?: string;
}

/** The names a size-limit `import` brings in: `{ a, b as c }` → a, b. */
const namesOf = (spec: string) =>
  spec
    .replace(/[{}]/g, '')
    .split(',')
    .map((part) => part.trim().split(/\s+as\s+/)[0]!)
    .filter((name) => name && name !== '*');

/** size-limit's checks, from `.size-limit.mjs` (production bundles) or, before it, `.size-limit.json`. */
async function sizeLimitRows(): Promise<SizeLimitRow[]> {
  const mjs = new URL('../.size-limit.mjs', import.meta.url);
  if (existsSync(mjs)) return ((await import(mjs.href)) as { default: SizeLimitRow[] }).default;
  return JSON.parse(readFileSync(new URL('../.size-limit.json', import.meta.url), 'utf8')) as SizeLimitRow[];
}

/**
 * Each opt-in as the names it adds to the default path: devMode and batchRequests, then every
 * size-limit row on the main entry that imports more than the default path.
 */
async function optIns(): Promise<{ label: string; extra: string[] }[]> {
  const list = KNOWN_OPT_INS.map((extra) => ({ label: `default path + ${extra.join(', ')}`, extra }));
  for (const row of await sizeLimitRows()) {
    if (row.path !== 'dist/index.js' || !row.import) continue;
    const extra = namesOf(row.import).filter((name) => !DEFAULT_PATH.includes(name));
    const key = [...extra].sort().join();
    if (extra.length && !list.some((known) => [...known.extra].sort().join() === key)) list.push({ label: `default path + ${extra.join(', ')}`, extra });
  }
  return list;
}

const bytes = (n: number) => `${n.toLocaleString('en')} B`;
const kB = (n: number) => `${(n / 1000).toFixed(2)} kB`;

/**
 * The size table: the default path, development against production, each opt-in's marginal
 * cost and the floor, bundled from source as an app's production build would (bundleSize.ts).
 */
async function sizeTable(): Promise<{ row: Row; section: string }> {
  const main = 'src/index.ts';
  const prod = await bundleBytes(main, DEFAULT_PATH);
  const dev = await bundleBytes(main, DEFAULT_PATH, 'development');
  const floor = await bundleBytes(FLOOR.entry, FLOOR.names);
  const line = (what: string, names: string, b: BundleBytes | undefined, marginal: string, target = '—') =>
    `| ${what} | ${names} | ${b ? bytes(b.minified) : '—'} | ${b ? bytes(b.brotli) : '—'} | ${marginal} | ${target} |`;
  const lines = [
    '| Bundle | Exports | Minified | Brotli (q11) | Marginal cost (brotli) | Target |',
    '| --- | --- | --- | --- | --- | --- |',
    line('Default path, production', DEFAULT_PATH.join(', '), prod, '—', `≤ ${bytes(CLIENT_TARGET)} (${prod.brotli <= CLIENT_TARGET ? 'met' : '**not met**'})`),
    line('Default path, development', DEFAULT_PATH.join(', '), dev, `${dev.brotli - prod.brotli >= 0 ? '+' : ''}${bytes(dev.brotli - prod.brotli)} over production (what production builds drop)`),
  ];
  for (const { label, extra } of await optIns()) {
    const missing = extra.filter((name) => !(name in pkg));
    if (missing.length) {
      lines.push(line(label, extra.join(', '), undefined, `not exported yet (${missing.join(', ')})`));
      continue;
    }
    const withIt = await bundleBytes(main, [...DEFAULT_PATH, ...extra]);
    lines.push(line(label, extra.join(', '), withIt, `+${bytes(withIt.brotli - prod.brotli)} over the default path`));
  }
  lines.push(line('Floor (bench/floor.tsx)', FLOOR.names.join(', '), floor, '—'));
  return {
    row: {
      figure: `Size of the default path: ${DEFAULT_PATH.join(' + ')} (esbuild from src, production, minified + brotli 11, react external)`,
      value: kB(prod.brotli),
      baseline: `${kB(floor.brotli)} (the floor, bench/floor.tsx, bundled the same way)`,
      ratio: prod.brotli / floor.brotli,
      target: `≤ ${kB(CLIENT_TARGET)}`,
      met: prod.brotli <= CLIENT_TARGET,
    },
    section: `## Size: the default path, each opt-in, the floor\n\n${lines.join('\n')}`,
  };
}

/** size-limit's figures for each entry on a fresh build; it exits non-zero past a limit and still prints them. */
async function sizeLimit(): Promise<{ name: string; size: number; sizeLimit?: number }[]> {
  await run('npm', ['run', 'build', '--silent'], { cwd: root });
  const { stdout } = await run('npx', ['size-limit', '--json'], { cwd: root }).catch((error: { stdout?: string }) => {
    if (!error.stdout) throw error;
    return { stdout: error.stdout };
  });
  return JSON.parse(stdout) as { name: string; size: number; sizeLimit?: number }[];
}

/** The size table (bundled from source) and each entry's size as size-limit measures it on a fresh build. */
export async function benchSize(): Promise<GroupResult> {
  const table = await sizeTable();
  const checks = await sizeLimit();
  return {
    rows: [
      table.row,
      ...checks.map(({ name, size, sizeLimit: limit }) => ({
        figure: `Size of the ${name} (size-limit on dist/, minified + brotli)`,
        value: kB(size),
        baseline: limit ? `CI budget ${kB(limit)} (a regression guard)` : '—',
        ratio: undefined,
        target: '— (reported)',
        met: undefined,
      })),
    ],
    notes: [
      `Size table: \`esbuild\` bundles \`export { … } from './src/index.ts'\` (the names given; from source, as \`/work/shared/tools/size-attribution.mjs\` does) as an app's production build would — bundle, ESM, browser, minify, \`process.env.NODE_ENV\` defined as \`"production"\` (\`"development"\` for the development row), react, react-dom, react/jsx-runtime, swr and the other optional peers external — and the output is compressed with brotli at quality 11 (\`node:zlib\`). An opt-in's marginal cost is the brotli bytes of the default path plus its export(s) minus those of the default path alone; the opt-ins are \`devMode\` and \`batchRequests\` and every size-limit row (\`.size-limit.mjs\`) on \`dist/index.js\` that imports more than the default path (an export the source does not have yet is reported as such). The floor is \`bench/floor.tsx\` (the per-request benchmark's hand-written gate) bundled the same way; the default path's ratio is package ÷ floor, its target is issue 24's 4.0 kB.`,
      'Size (size-limit rows): `npm run build`, then size-limit (esbuild, minified, brotli; React excluded) on each entry of `dist/` with the imports `.size-limit.json` names; its limits are CI regression guards.',
    ],
    sections: [table.section],
  };
}
