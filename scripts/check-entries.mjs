// After `npm run build`, on the built files as users load them:
// 1. the server and testing entries load no React or SWR, and none but testing/msw loads msw
//    (CJS and ESM, at run time and in the text of every file they reach);
// 2. "use client" opens exactly the files of React code, no entry file, and none that the
//    main entry takes core helpers from;
// 3. every export of every entry runs, with `require` and with `import`, and core is one copy
//    (scripts/exercise-exports.mjs);
// 3b. the ESM and CommonJS builds loaded side by side are one package (instanceof, contexts);
// 4. the server and testing entries load where there is no `process` at all (a page loading
//    the ES modules as they are, an isolate): design.md's "read it inside try";
// 5. public types show public things (the error codes written out);
// 6. the main, server and testing entries load with no TextDecoder, fetch or AbortController
//    (React Native, issue 20);
// 7. the server entry works without its optional peer @opentelemetry/api, and loads it lazily.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (file) => join(root, 'dist', file);
const failures = [];
const fail = (message) => failures.push(message);

const ENTRIES = ['index', 'server', 'testing', 'testing/msw', 'swr'];
const FORMATS = ['js', 'cjs'];
const missing = ENTRIES.flatMap((entry) => FORMATS.map((ext) => `${entry}.${ext}`)).filter((file) => !existsSync(dist(file)));
if (missing.length > 0) {
  console.error(`check-entries: dist/${missing.join(', dist/')} missing; run \`npm run build\` first.`);
  process.exit(1);
}

/** What each entry must never load. */
const FORBIDDEN = {
  server: ['react', 'react-dom', 'swr', 'msw'],
  testing: ['react', 'react-dom', 'swr', 'msw'],
  'testing/msw': ['react', 'react-dom', 'swr'],
};

// Runs a script in a fresh node process; returns its stdout, or records why it failed.
function runFresh(args, what) {
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    const output = (result.stderr || result.stdout).trim();
    fail(`${what} failed:\n  ${output.split('\n').slice(0, 30).join('\n  ')}`);
    return undefined;
  }
  return result.stdout;
}

const packagePath = (names) => new RegExp(`[\\\\/]node_modules[\\\\/](${names.join('|')})[\\\\/]`);

// 1a. CJS: require the entry in a fresh process and look at everything it loaded.
for (const [entry, names] of Object.entries(FORBIDDEN)) {
  const script = `require(${JSON.stringify(dist(`${entry}.cjs`))});
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const out = runFresh(['-e', script], `require('dist/${entry}.cjs')`);
  if (out === undefined) continue;
  const loaded = JSON.parse(out).filter((path) => packagePath(names).test(path));
  if (loaded.length > 0) fail(`require('dist/${entry}.cjs') loaded ${names.join('/')}:\n  ${loaded.join('\n  ')}`);
}

// 1b. ESM: import the entry in a fresh process whose resolver refuses what it must not load.
for (const [entry, names] of Object.entries(FORBIDDEN)) {
  const refuseHook = `
    export async function resolve(specifier, context, next) {
      const result = await next(specifier, context);
      if (${packagePath(names)}.test(result.url)) throw new Error('loaded ' + result.url + ' (imported as ' + specifier + ')');
      return result;
    }`;
  const script = `
    import { register } from 'node:module';
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(refuseHook)}));
    await import(${JSON.stringify(pathToFileURL(dist(`${entry}.js`)).href)});`;
  runFresh(['--input-type=module', '-e', script], `import('dist/${entry}.js') with ${names.join('/')} refused`);
}

// The built files an entry reaches through its relative imports (chunks), itself included.
const RELATIVE = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(["'])(\.\.?\/[^"']+)\1/g;
function reachedFrom(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, , specifier] of readFileSync(file, 'utf8').matchAll(RELATIVE)) reachedFrom(join(dirname(file), specifier), seen);
  return seen;
}
const importOf = (names) => new RegExp(`(?:\\bfrom\\s*|\\bimport\\s*\\(?\\s*|\\brequire\\s*\\(\\s*)(["'])(${names.join('|')})(?:\\/[^"']*)?\\1`);
const name = (file) => `dist/${relative(dist(''), file)}`;

// 1c. Not even a lazy import of them in the text of any file those entries reach.
for (const [entry, names] of Object.entries(FORBIDDEN)) {
  for (const ext of FORMATS) {
    for (const file of reachedFrom(dist(`${entry}.${ext}`))) {
      const match = importOf(names).exec(readFileSync(file, 'utf8'));
      if (match) fail(`${name(file)}, reached from dist/${entry}.${ext}, imports ${match[2]}: ${match[0]}`);
    }
  }
}

// 2. "use client" opens exactly the files that load React or SWR: never an entry file (the
// main and swr entries' core helpers, and roomTokenKey, must stay callable in a server
// component), and none that the server and testing entries reach.
const USE_CLIENT = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(["'])use client\1/;
const LOADS_REACT = importOf(['react', 'react-dom', 'swr']);
for (const [client, ext] of ['index', 'swr'].flatMap((entry) => FORMATS.map((format) => [entry, format]))) {
  const reached = [...reachedFrom(dist(`${client}.${ext}`))];
  const clientFiles = reached.filter((file) => USE_CLIENT.test(readFileSync(file, 'utf8')));
  if (clientFiles.length === 0) fail(`no file that dist/${client}.${ext} reaches starts with "use client": the React binding must`);
  for (const file of reached) {
    const code = readFileSync(file, 'utf8');
    if (LOADS_REACT.test(code) && !USE_CLIENT.test(code)) fail(`${name(file)} loads React or SWR but does not start with "use client"`);
    if (!LOADS_REACT.test(code) && USE_CLIENT.test(code)) fail(`${name(file)} starts with "use client" but holds no React code`);
  }
  for (const entry of ENTRIES) {
    if (USE_CLIENT.test(readFileSync(dist(`${entry}.${ext}`), 'utf8'))) fail(`dist/${entry}.${ext} starts with "use client"; only the React binding's chunk may`);
  }
}

// 2b. The core helpers that the main and swr entries re-export (those /server exports too),
// and /swr's roomTokenKey, come from files without "use client", so that a server component
// can call them.
const coreNames = new Set([...Object.keys(await import(pathToFileURL(dist('server.js')).href)), 'roomTokenKey']);
const IMPORT_BLOCK = /\bimport\s*\{([^}]*)\}\s*from\s*(["'])(\.\.?\/[^"']+)\2/g;
for (const entry of ['index', 'swr']) {
  for (const [, names, , specifier] of readFileSync(dist(`${entry}.js`), 'utf8').matchAll(IMPORT_BLOCK)) {
    const file = join(dist(''), specifier);
    if (!USE_CLIENT.test(readFileSync(file, 'utf8'))) continue;
    const local = names.split(',').map((name) => name.trim().split(/\s+as\s+/).pop()).filter((name) => coreNames.has(name));
    if (local.length > 0) fail(`dist/${entry}.js takes core helpers ${local.join(', ')} from ${name(file)}, which starts with "use client"`);
  }
}

// 3. Every export of every entry runs, in each format, in a fresh process.
const ran = [];
for (const format of ['cjs', 'esm']) {
  const out = runFresh([join(root, 'scripts/exercise-exports.mjs'), '--format', format], `every export, loaded with ${format === 'cjs' ? 'require' : 'import'}`);
  if (out !== undefined) ran.push(out.trim());
}

// 3b. The ESM and the CommonJS build loaded side by side work as one package: instanceof
//     RoomTokenError across copies, and a hook of one copy under a provider of the other.
runFresh([join(root, 'scripts/exercise-dual-copies.mjs')], 'the ESM and CommonJS builds side by side');

// 4. With no `process` global: the entries load, and their core runs (a bad request is refused
//    with its typed error, a handler is built, the fake answers).
const noProcess = `
  delete globalThis.process;
  const server = await import(${JSON.stringify(pathToFileURL(dist('server.js')).href)});
  const testing = await import(${JSON.stringify(pathToFileURL(dist('testing.js')).href)});
  const refused = await server.createRoomMemberTokens([{ roomId: '', userId: 'u' }]).catch((error) => error);
  if (!(refused instanceof server.RoomTokenError) || refused.code !== 'invalid_argument') throw new Error('no typed refusal: ' + refused);
  server.createRoomTokenHandler({ apiKey: 'k', authorize: (request) => request });
  const answer = await testing.createFakeTokenService().handle(new Request('http://fake.test/'));
  if (answer.status !== 404) throw new Error('the fake did not answer: ' + answer.status);`;
if (runFresh(['--input-type=module', '-e', noProcess], 'the server and testing entries with no `process` global') !== undefined) {
  ran.push('Server and testing run with no `process`.');
}

// 5. Public types show public things: the error codes written out, no internal constant in a hover.
const declarations = readdirSync(dist('.')).filter((file) => /\.d\.c?ts$/.test(file));
const codeType = declarations.map((file) => /type RoomTokenErrorCode = ([^;]+);/.exec(readFileSync(dist(file), 'utf8'))?.[1]).find(Boolean);
if (!codeType || !/^'canceled' \| /.test(codeType)) fail(`RoomTokenErrorCode is not a written-out union of codes in the .d.ts files (found ${codeType ?? 'none'})`);
for (const file of declarations) if (readFileSync(dist(file), 'utf8').includes('STATUS_BY_CODE')) fail(`dist/${file} names the internal STATUS_BY_CODE`);

// 6. Where React Native may have nothing of these (Hermes before 0.85 has no TextDecoder; no
//    fetch or AbortController before its polyfills run): the entries an app loads there still
//    load, with `import` and with `require`. (testing/msw is left out: msw itself needs them.)
const bare = `for (const name of ['TextDecoder', 'fetch', 'AbortController', 'AbortSignal']) delete globalThis[name];`;
const loadBare = ['index', 'server', 'testing'].flatMap((entry) => [
  `await import(${JSON.stringify(pathToFileURL(dist(`${entry}.js`)).href)});`,
  `createRequire(import.meta.url)(${JSON.stringify(dist(`${entry}.cjs`))});`,
]);
const noDecoder = `import { createRequire } from 'node:module'; ${bare} ${loadBare.join(' ')}`;
if (runFresh(['--input-type=module', '-e', noDecoder], 'the entries with no TextDecoder, fetch or AbortController') !== undefined) {
  ran.push('Main, server and testing load with no TextDecoder, fetch or AbortController.');
}

// 7. @opentelemetry/api is an optional peer: with it unresolvable, each format of the server
//    entry loads, mints over HTTP and with `mint`, and reports the call; with it installed, it
//    is loaded on the first call, not when the entry loads.
const OTEL = '@opentelemetry/api';
const mintWith = (server, testing) => `
  const events = [];
  const fake = ${testing}.createFakeTokenService({ apiKey: 'k' });
  const upstream = await fake.listen();
  const handler = ${server}.createRoomTokenHandler({ apiKey: 'k', authorize: (request) => request, baseUrl: upstream.url, onEvent: (event) => events.push(event.type) });
  const answer = await handler(new Request('http://app.test/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ arguments: [{ user_id: 'u', room_id: 'r' }] }) }));
  const token = await handler.mint({ roomId: 'r', userId: 'u' }, { headers: new Headers() });
  await upstream.close();
  if (answer.status !== 200 || token !== fake.issued[1].token || events.join() !== 'minted,minted') throw new Error('no token: ' + answer.status + ' ' + events);`;
const withoutOtelCjs = `
  const Module = require('node:module');
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    if (request === ${JSON.stringify(OTEL)}) throw Object.assign(new Error('Cannot find module ' + request), { code: 'MODULE_NOT_FOUND' });
    return resolve.call(this, request, ...rest);
  };
  (async () => {
    const server = require(${JSON.stringify(dist('server.cjs'))});
    const testing = require(${JSON.stringify(dist('testing.cjs'))});
    ${mintWith('server', 'testing')}
    if (Object.keys(require.cache).some((path) => path.includes(${JSON.stringify(OTEL)}))) throw new Error('loaded ' + ${JSON.stringify(OTEL)});
  })().catch((error) => { console.error(error); process.exit(1); });`;
const refuseOtel = `
  export async function resolve(specifier, context, next) {
    if (specifier === ${JSON.stringify(OTEL)}) throw Object.assign(new Error('Cannot find package ' + specifier), { code: 'ERR_MODULE_NOT_FOUND' });
    return next(specifier, context);
  }`;
const withoutOtelEsm = `
  import { register } from 'node:module';
  register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(refuseOtel)}));
  const server = await import(${JSON.stringify(pathToFileURL(dist('server.js')).href)});
  const testing = await import(${JSON.stringify(pathToFileURL(dist('testing.js')).href)});
  ${mintWith('server', 'testing')}`;
const lazyOtelCjs = `
  (async () => {
    const server = require(${JSON.stringify(dist('server.cjs'))});
    const testing = require(${JSON.stringify(dist('testing.cjs'))});
    const loaded = () => Object.keys(require.cache).some((path) => path.includes(${JSON.stringify(OTEL)}));
    if (loaded()) throw new Error('${OTEL} loaded with the entry, before any call');
    ${mintWith('server', 'testing')}
    if (!loaded()) throw new Error('${OTEL} not loaded by a call');
  })().catch((error) => { console.error(error); process.exit(1); });`;
const otelRuns = [
  runFresh(['-e', withoutOtelCjs], `require('dist/server.cjs') with ${OTEL} unresolvable`),
  runFresh(['--input-type=module', '-e', withoutOtelEsm], `import('dist/server.js') with ${OTEL} unresolvable`),
  runFresh(['-e', lazyOtelCjs], `require('dist/server.cjs') loading ${OTEL} on the first call`),
];
if (otelRuns.every((out) => out !== undefined)) ran.push(`The server entry mints without ${OTEL} (CJS and ESM) and loads it on its first call.`);

if (failures.length > 0) {
  console.error(`check-entries: ${failures.length} problem(s):\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(
  `check-entries: server and testing load no React, SWR or msw; "use client" opens only React code; ${ran.join(' ')}`,
);
