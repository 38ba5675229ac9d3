// First: puts a DOM on globalThis and picks React's build before anything loads React or SWR.
import { closeDom, withoutDom } from './setupDom';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchBackend } from './backend';
import { benchMemory } from './memory';
import { benchPerRequest } from './perRequest';
import { benchRateLimit } from './rateLimit';
import { benchRenders } from './renders';
import { benchRequests } from './requests';
import { benchServerMinted } from './serverMinted';
import { benchSize } from './size';
import { benchTimeToChildren } from './timeToChildren';
import { machine, type GroupResult, type Row } from './support';

const GROUPS: Record<string, () => Promise<GroupResult>> = {
  requests: benchRequests,
  timeToChildren: benchTimeToChildren,
  perRequest: benchPerRequest,
  serverMinted: benchServerMinted,
  renders: benchRenders,
  // Servers run in a plain Node global scope, not in one that has a DOM.
  backend: () => withoutDom(benchBackend),
  rateLimit: () => withoutDom(benchRateLimit),
  memory: benchMemory,
  size: benchSize,
};

const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

const cell = (text: string) => text.replace(/\|/g, '\\|');
const ratioText = (ratio: number | undefined) => (ratio === undefined ? '—' : `${ratio.toFixed(2)}×`);

function table(rows: Row[]): string {
  const lines = [
    '| Figure | Package | Baseline (same run) | Ratio | Target | Met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${[r.figure, r.value, r.baseline, ratioText(r.ratio), r.target, r.met === undefined ? '—' : r.met ? 'met' : '**not met**'].map(cell).join(' | ')} |`),
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  // `npm run bench -- renders memory` runs only those groups, and leaves RESULTS.md alone.
  const only = process.argv.slice(2);
  const unknown = only.filter((name) => !(name in GROUPS));
  if (unknown.length > 0) throw new Error(`unknown group ${unknown.join(', ')}; groups: ${Object.keys(GROUPS).join(', ')}`);
  const started = Date.now();
  const loadBefore = loadavg();
  const rows: Row[] = [];
  const notes: string[] = [];
  const sections: string[] = [];
  for (const [name, run] of Object.entries(GROUPS)) {
    if (only.length > 0 && !only.includes(name)) continue;
    const t0 = Date.now();
    console.log(`bench: ${name}…`);
    try {
      const result = await run();
      rows.push(...result.rows);
      notes.push(...result.notes);
      sections.push(...(result.sections ?? []));
    } catch (error) {
      // A benchmark reports; it does not fail the run. A broken group shows as such.
      const message = error instanceof Error ? error.message : String(error);
      rows.push({ figure: `${name}: did not complete`, value: message, baseline: '—', ratio: undefined, target: '—', met: false });
    }
    console.log(`bench: ${name} took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }

  const output = table(rows);
  console.log(`\n${output}\n`);
  for (const section of sections) console.log(`${section}\n`);
  if (only.length > 0) {
    for (const note of notes) console.log(`- ${note}`);
    return;
  }
  const report = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString()} (took ${((Date.now() - started) / 1000).toFixed(0)} s). Each figure is measured against a baseline in the same run; "Ratio" is package ÷ baseline. Benchmarks report, they do not fail.`,
    '',
    ...machine().map((line) => `- ${line}`),
    // Other work on a 2-core machine moves timings: say how busy it was.
    `- Load average (1, 5, 15 min) at start: ${loadBefore.map((n) => n.toFixed(2)).join(', ')}; at end: ${loadavg().map((n) => n.toFixed(2)).join(', ')}`,
    '',
    output,
    '',
    ...sections.flatMap((section) => [section, '']),
    '## How each figure was measured',
    '',
    ...notes.flatMap((note) => [`- ${note}`]),
    '',
  ].join('\n');
  writeFileSync(RESULTS, report);
  console.log(`bench: wrote ${RESULTS}`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    closeDom();
    // Keep-alive sockets and timers left by libraries must not keep a finished run waiting.
    setTimeout(() => process.exit(), 100).unref();
  });
