// `node scripts/quiet.mjs <command> [args…]`: runs a command and prints one line when it
// succeeds, or everything it printed (stdout and stderr, in order) when it fails, with its
// exit code. For tools whose full log says nothing on success (tsup, publint, attw).
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
if (!command) throw new Error('usage: node scripts/quiet.mjs <command> [args…]');
const began = performance.now();
const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
const output = [];
child.stdout.on('data', (chunk) => output.push(chunk));
child.stderr.on('data', (chunk) => output.push(chunk));
child.once('error', (error) => output.push(Buffer.from(`${error}\n`)));
child.once('close', (code, signal) => {
  const what = [command, ...args].join(' ');
  if (code === 0) {
    console.log(`✓ ${what} (${((performance.now() - began) / 1000).toFixed(1)} s)`);
    return;
  }
  process.stderr.write(Buffer.concat(output));
  console.error(`✗ ${what} failed (${signal ?? `exit code ${code}`}); its full output is above.`);
  process.exitCode = code || 1;
});
