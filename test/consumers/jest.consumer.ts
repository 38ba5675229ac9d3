// The Jest 30 consumer (CommonJS, as Jest is by default): its tests render the gate and the
// hook with Testing Library against the package's fake on loopback, render the gate with
// renderToString, and check `instanceof RoomTokenError` across entries. They run twice: with
// React 19 and with React 18.3, the ends of the peer range.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installed, run } from './support';

const projects = (process.env.RRT_CONSUMERS ?? 'jest,jest-react-18').split(',').filter((name) => name.startsWith('jest'));

for (const name of projects) {
  test(`${name}: the CommonJS Jest suite passes against the packed package`, async () => {
    const dir = installed(name);
    const versions = await run(process.execPath, ['-p', `['react', 'react-dom', 'swr'].map((p) => p + ' ' + require(p + '/package.json').version).join(', ')`], { cwd: dir });
    const output = await run(process.execPath, ['node_modules/jest/bin/jest.js', '--ci'], { cwd: dir, env: { ...process.env, FORCE_COLOR: '0' } });

    assert.match(output, /Tests:\s+\d+ passed, \d+ total/);
    assert.doesNotMatch(output, /skipped|todo/);
    console.log(`${name} (${versions.trim()}): ${/Tests:.*$/m.exec(output)![0]}`);
  });
}
