// The Jest 30 consumer (CommonJS, as Jest is by default): its tests render the gate and the
// hook with Testing Library against the package's fake on loopback, render the gate with
// renderToString, and check `instanceof RoomTokenError` across entries. They run twice: with
// React 19 and with React 18.3, the ends of the peer range. docs/testing.md's Jest example
// runs with them as pasted: its babel.config.js, the app's component and its TSX test.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { docBlock } from '../docs/docBlocks';
import { installed, run } from './support';

/** docs/testing.md's Jest files, written into a project as a person would paste them. */
async function pasteTheDocsExample(dir: string): Promise<void> {
  await writeFile(join(dir, 'babel.config.js'), `${docBlock('testing-jest-babel')}\n`);
  await mkdir(join(dir, 'tests/docs'), { recursive: true });
  await writeFile(join(dir, 'tests/docs/LiveStage.tsx'), `${docBlock('testing-component')}\n`);
  await writeFile(join(dir, 'tests/docs/LiveStage.test.tsx'), `${docBlock('testing-jest')}\n`);
  // The project's own config adds only a longer timeout for a loaded machine to the docs' one.
  await writeFile(join(dir, 'docs.jest.config.js'), `${docBlock('testing-jest-config')}\n`);
  const load = createRequire(join(dir, 'package.json'));
  const documented = load('./docs.jest.config.js') as Record<string, unknown>;
  const own = load('./jest.config.js') as Record<string, unknown>;
  assert.deepEqual({ ...own, testTimeout: undefined }, { ...documented, testTimeout: undefined }, "the project's jest.config.js is the docs' (and a timeout)");
}

const projects = (process.env.RRT_CONSUMERS ?? 'jest,jest-react-18').split(',').filter((name) => name.startsWith('jest'));

for (const name of projects) {
  test(`${name}: the CommonJS Jest suite passes against the packed package`, async () => {
    const dir = installed(name);
    await pasteTheDocsExample(dir);
    const versions = await run(process.execPath, ['-p', `['react', 'react-dom', 'swr'].map((p) => p + ' ' + require(p + '/package.json').version).join(', ')`], { cwd: dir });
    const output = await run(process.execPath, ['node_modules/jest/bin/jest.js', '--ci'], { cwd: dir, env: { ...process.env, FORCE_COLOR: '0' } });

    assert.match(output, /Tests:\s+\d+ passed, \d+ total/);
    assert.doesNotMatch(output, /skipped|todo/);
    assert.match(output, /PASS tests\/docs\/LiveStage\.test\.tsx/, "docs/testing.md's Jest example ran and passed");
    console.log(`${name} (${versions.trim()}): ${/Tests:.*$/m.exec(output)![0]}`);
  });
}
