// `npm run check:docs`: the API reference under docs/api is generated from the types
// (`npm run docs:api`). Here it is built afresh, with TypeDoc's warnings as errors, into a
// temporary folder and compared file by file with the committed copy, so that it cannot
// drift from the code: a change to a public type or its JSDoc needs `npm run docs:api`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const COMMITTED = 'docs/api';
const fresh = mkdtempSync(join(tmpdir(), 'rrt-api-docs-'));

/** Every file under a folder, as paths relative to it. */
const filesOf = (dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).replace(/\\/g, '/'))
    .sort();

try {
  const built = spawnSync(process.execPath, ['node_modules/typedoc/bin/typedoc', '--out', fresh], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  if (built.status !== 0) {
    process.stderr.write(built.stdout + built.stderr);
    throw new Error('TypeDoc failed (warnings count as errors, see above)');
  }
  const want = filesOf(fresh);
  let have = [];
  try {
    have = filesOf(COMMITTED);
  } catch {
    // No committed copy: every file is missing.
  }
  const missing = want.filter((file) => !have.includes(file));
  const extra = have.filter((file) => !want.includes(file));
  const changed = want.filter((file) => have.includes(file) && readFileSync(join(fresh, file), 'utf8') !== readFileSync(join(COMMITTED, file), 'utf8'));
  if (missing.length + extra.length + changed.length > 0) {
    const list = (label, files) => (files.length ? [`  ${label}: ${files.slice(0, 10).join(', ')}${files.length > 10 ? `, and ${files.length - 10} more` : ''}`] : []);
    console.error(
      [
        `✗ ${COMMITTED} differs from the types: run \`npm run docs:api\` and commit ${COMMITTED}.`,
        ...list('missing', missing),
        ...list('not generated any more', extra),
        ...list('changed', changed),
      ].join('\n'),
    );
    process.exitCode = 1;
  } else {
    console.log(`✓ ${COMMITTED} is the API reference of the types (${want.length} files)`);
  }
} catch (error) {
  console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
