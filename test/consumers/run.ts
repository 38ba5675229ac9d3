// The consumer matrix: packs the built package once, installs it into each consumer project
// (a copy in a temporary folder: `npm ci` from the project's own lock file, then the tarball
// with `npm install --no-save`), then runs the *.consumer.ts tests with node's test runner.
// `npm run test:consumers` (after `npm run build`); `-- next jest` runs only those.
// Quiet on success: an install's or the pack's output is printed only when it fails.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, run } from './support';

const HERE = join(ROOT, 'test/consumers');

/** Each project: the folders copied into it, in order (a later one's files win), and its test. */
const CONSUMERS: { name: string; from: string[]; test: string }[] = [
  { name: 'next-app', from: ['next-app'], test: 'next.consumer.ts' },
  { name: 'jest', from: ['jest'], test: 'jest.consumer.ts' },
  // The Jest project's tests, with a manifest and lock of its own: React 18.3.
  { name: 'jest-react-18', from: ['jest', 'jest-react-18'], test: 'jest.consumer.ts' },
  { name: 'vite-app', from: ['vite-app'], test: 'vite.consumer.ts' },
  // React Native 0.85: Jest with its preset and Testing Library, and the Hermes VM.
  { name: 'react-native', from: ['react-native'], test: 'react-native.consumer.ts' },
];

const wanted = process.argv.slice(2);
const chosen = CONSUMERS.filter((consumer) => wanted.length === 0 || wanted.some((word) => consumer.name.startsWith(word)));
if (chosen.length === 0) throw new Error(`no consumer matches ${wanted.join(', ')}: ${CONSUMERS.map((c) => c.name).join(', ')}`);

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(0)} s`;
const npm = (args: string[], cwd: string) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd });

const work = await mkdtemp(join(tmpdir(), 'rrt-consumers-'));
let passed = false;
try {
  const began = performance.now();
  // Built just before (npm test's package checks, or test:consumers): not again by prepack.
  await npm(['pack', '--pack-destination', work, '--silent', '--ignore-scripts'], ROOT);
  const tarball = join(work, (await readdir(work)).find((file) => file.endsWith('.tgz'))!);

  // Installs overlap: they wait on the registry and the disk more than on the cores.
  await Promise.all(
    chosen.map(async ({ name, from }) => {
      const dir = join(work, name);
      for (const folder of from) await cp(join(HERE, folder), dir, { recursive: true, filter: (source) => !/[\\/]node_modules$/.test(source) });
      await npm(['ci'], dir);
      await npm(['install', '--no-save', tarball], dir);
    }),
  );
  console.log(`consumers: packed once and installed ${chosen.map((c) => c.name).join(', ')} in ${seconds(began)}`);

  const tests = [...new Set(chosen.map((consumer) => join(HERE, consumer.test)))];
  const code = await new Promise<number | null>((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...tests], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, RRT_CONSUMERS_DIR: work, RRT_CONSUMERS: chosen.map((c) => c.name).join(',') },
    });
    child.once('close', done);
  });
  passed = code === 0;
  console.log(`consumers: ${passed ? 'passed' : 'FAILED'} in ${seconds(began)}`);
} finally {
  if (passed) await rm(work, { recursive: true, force: true });
  else console.error(`consumers: the installed projects are kept in ${work}`);
}
process.exitCode = passed ? 0 : 1;
