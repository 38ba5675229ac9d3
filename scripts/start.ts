// `npm start`: the fake token service on a fixed loopback port, and the Storybook dev server,
// for trying the package with no backend, no network and no real key. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CREATE_PATH } from '../src/core';
import { createFakeTokenService } from '../src/testing';
import { LOCAL_FAKE_KEY, LOCAL_FAKE_PORT } from '../stories/support/localFakeService';

const fakePort = Number(process.env.FAKE_PORT ?? LOCAL_FAKE_PORT);
const storybookPort = Number(process.env.STORYBOOK_PORT ?? 6006);
const storybookUrl = `http://127.0.0.1:${storybookPort}`;

const fake = createFakeTokenService({ apiKey: LOCAL_FAKE_KEY, latencyMs: 150 });
const server = await fake.listen(fakePort);

const require = createRequire(import.meta.url);
const storybookBin = join(dirname(require.resolve('storybook/package.json')), 'dist/bin/dispatcher.js');
// Storybook says only warnings and errors: its info lines (Vite's optimizer among them) come
// at no fixed time after the server answers, and would land in the middle of the banner below.
const storybook = spawn(
  process.execPath,
  [
    storybookBin,
    'dev',
    '--port',
    String(storybookPort),
    '--exact-port',
    '--host',
    '127.0.0.1',
    '--ci',
    '--no-version-updates',
    '--quiet',
    '--loglevel',
    'warn',
  ],
  { stdio: 'inherit', env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' } },
);

let stopping = false;
async function stop(code: number): Promise<never> {
  stopping = true;
  if (storybook.exitCode === null && storybook.signalCode === null) {
    storybook.kill('SIGTERM');
    await new Promise((done) => storybook.once('exit', done));
  }
  await server.close();
  process.exit(code);
}
// Ctrl-C reaches both processes; a plain SIGTERM reaches only this one, which passes it on.
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
// `kill <pid of npm start>` reaches npm alone, which goes without passing it on: once the
// process that started this one is gone, stop too, rather than hold both ports for ever.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && void stop(0), 500).unref();
storybook.once('exit', (code) => {
  if (stopping) return;
  console.error(`Storybook stopped (exit code ${code ?? 'none'}); stopping the fake service too.`);
  void stop(code || 1);
});

// Say where things are once Storybook answers.
let index: { entries: Record<string, { importPath: string }> } | undefined;
for (let tries = 0; tries < 600 && !stopping && !index; tries++) {
  index = await fetch(`${storybookUrl}/index.json`).then((response) => (response.ok ? response.json() : undefined), () => undefined);
  if (!index) await new Promise((done) => setTimeout(done, 200));
}
// Vite compiles a module when the browser first asks for it, and the first story file takes
// the longest (docgen builds a TypeScript program): asking for the preview and the story files
// here (and the preview page, whose first request starts Vite's dependency optimizer), before
// the banner, means the first story a person opens is ready within seconds.
if (index && !stopping) {
  const modules = ['./iframe.html', './.storybook/preview.tsx', ...new Set(Object.values(index.entries).map((entry) => entry.importPath))];
  await Promise.all(modules.map((path) => fetch(new URL(path.replace(/^\.\//, '/'), storybookUrl)).then((response) => response.arrayBuffer(), () => undefined)));
}
if (!stopping) {
  console.log(`
Storybook:          ${storybookUrl}
Fake token service: ${server.url}${CREATE_PATH}
  It accepts only the API key "${LOCAL_FAKE_KEY}" (a made-up key for this fake, not a secret).
  The story "BroadcastJoinGate / Dev mode against the local fake service" calls it${
    fakePort === LOCAL_FAKE_PORT ? '' : `\n  (set its devBaseUrl control to ${server.url}: it calls port ${LOCAL_FAKE_PORT} unless told)`
  }.

  curl -s ${server.url}${CREATE_PATH} \\
    -H 'content-type: application/json' \\
    -H 'authorization: Bearer ${LOCAL_FAKE_KEY}' \\
    -d '{"arguments":[{"user_id":"u1","room_id":"r1","metadata":{"mcuStream":"true"},"permissions":["PermissionChat"]}]}'

Press Ctrl-C to stop both.`);
}
