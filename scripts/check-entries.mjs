// After `npm run build`: proves the server and testing entries load no React or SWR, in CJS
// and in ESM, and that only the React entry carries the "use client" directive.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (file) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));
const failures = [];
const fail = (message) => failures.push(message);

const files = ['index.js', 'index.cjs', 'server.js', 'server.cjs', 'testing.js', 'testing.cjs'];
const missing = files.filter((file) => !existsSync(dist(file)));
if (missing.length > 0) {
  console.error(`check-entries: dist/${missing.join(', dist/')} missing; run \`npm run build\` first.`);
  process.exit(1);
}

// Runs a script in a fresh node process; returns its stdout, or records why it failed.
function runFresh(args, what) {
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    const output = (result.stderr || result.stdout).trim();
    // The error line says it all; the rest is Node's stack through the loader.
    fail(`${what} failed: ${/^\w*Error\b.*$/m.exec(output)?.[0] ?? output}`);
    return undefined;
  }
  return result.stdout;
}

const FORBIDDEN_PATH = /[\\/]node_modules[\\/](react|react-dom|swr)[\\/]/;

// 1. CJS: require the entry in a fresh process and look at everything it loaded.
for (const entry of ['server', 'testing']) {
  const script = `
    const entry = require(${JSON.stringify(dist(`${entry}.cjs`))});
    if (typeof entry.createRoomMemberTokens !== 'function') throw new Error('createRoomMemberTokens is not exported');
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const out = runFresh(['-e', script], `require('dist/${entry}.cjs')`);
  if (out === undefined) continue;
  const loaded = JSON.parse(out).filter((path) => FORBIDDEN_PATH.test(path));
  if (loaded.length > 0) fail(`require('dist/${entry}.cjs') loaded React/SWR:\n  ${loaded.join('\n  ')}`);
}

// 2. ESM: import the entry in a fresh process whose resolver refuses React and SWR.
const refuseHook = `
  export async function resolve(specifier, context, next) {
    const result = await next(specifier, context);
    if (${FORBIDDEN_PATH}.test(result.url)) throw new Error('loaded ' + result.url + ' (imported as ' + specifier + ')');
    return result;
  }`;
for (const entry of ['server', 'testing']) {
  const script = `
    import { register } from 'node:module';
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(refuseHook)}));
    const entry = await import(${JSON.stringify(new URL(`../dist/${entry}.js`, import.meta.url).href)});
    if (typeof entry.createRoomMemberTokens !== 'function') throw new Error('createRoomMemberTokens is not exported');`;
  runFresh(['--input-type=module', '-e', script], `import('dist/${entry}.js') with React and SWR refused`);
}

// 3. The text of the built server and testing files names neither React nor SWR in an import.
const IMPORT_OF_FORBIDDEN = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(["'])(react|react-dom|swr)(?:\/[^"']*)?\1/;
for (const file of ['server.js', 'server.cjs', 'testing.js', 'testing.cjs']) {
  const match = IMPORT_OF_FORBIDDEN.exec(readFileSync(dist(file), 'utf8'));
  if (match) fail(`dist/${file} imports ${match[2]}: ${match[0]}`);
}

// 4. "use client" opens the React entry only.
const USE_CLIENT = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(["'])use client\1/;
for (const file of ['index.js', 'index.cjs']) {
  if (!/^(["'])use client\1/.test(readFileSync(dist(file), 'utf8'))) fail(`dist/${file} does not start with "use client"`);
}
for (const file of ['server.js', 'server.cjs', 'testing.js', 'testing.cjs']) {
  if (USE_CLIENT.test(readFileSync(dist(file), 'utf8'))) fail(`dist/${file} starts with "use client"; only the React entry may`);
}

if (failures.length > 0) {
  console.error(`check-entries: ${failures.length} problem(s):\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log('check-entries: server and testing load no React or SWR (CJS and ESM); only index carries "use client".');
