// The React Native consumer (issue 20): the packed package as a React Native 0.85 app loads it
// (the `react-native` export condition). Jest with React Native's preset and Testing Library
// renders the gate's default views against the package's fake on loopback, with React
// Native's fetch and AbortController; then the client, bundled the Metro way, runs in the
// Hermes VM of hermes-engine-cli.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { docBlock } from '../docs/docBlocks';
import { installed, run } from './support';

test('react-native: the Jest suite (React Native preset, Testing Library) passes against the packed package, the docs example included', async () => {
  const dir = installed('react-native');
  // tests/readme.test.js renders it.
  await writeFile(join(dir, 'App.tsx'), `${docBlock('react-native-app')}\n`);
  const output = await run(process.execPath, ['node_modules/jest/bin/jest.js', '--ci'], { cwd: dir, env: { ...process.env, FORCE_COLOR: '0' } });

  assert.match(output, /Tests:\s+\d+ passed, \d+ total/);
  assert.doesNotMatch(output, /skipped|todo/);
  console.log(`react-native (jest): ${/Tests:.*$/m.exec(output)![0]}`);
});

test('react-native: in the Hermes VM, the client loads with no fetch, AbortController or TextDecoder, resolves a token and times out a hung call', async () => {
  const output = await run(process.execPath, ['hermes/run.mjs'], { cwd: installed('react-native') });

  assert.match(output, /^hermes: ok: a token of \d+ characters, then deadline_exceeded/m);
  console.log(output.trim());
});
