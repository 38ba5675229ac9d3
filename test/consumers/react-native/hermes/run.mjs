// Bundles hermes/entry.js the way a React Native app's bundle holds the package — resolved with
// the `react-native` export condition, compiled with React Native's Babel preset — and runs it
// in the Hermes VM of hermes-engine-cli, with promise jobs in a microtask queue drained after
// each task, as React Native runs Hermes. Prints the Hermes version and the VM's output; exits
// non-zero unless the VM printed `hermes: ok`.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformAsync } from '@babel/core';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const hermes = join(dirname(require.resolve('hermes-engine-cli/package.json')), 'linux64-bin/hermes');
const babelOptions = {
  babelrc: false,
  configFile: false,
  presets: [[require.resolve('@react-native/babel-preset'), { enableBabelRuntime: false, disableImportExportTransform: true }]],
};

const REACT_NATIVE_STAND_IN = `
  export const View = 'View';
  export const Text = 'Text';
  export const Pressable = 'Pressable';
  export const AccessibilityInfo = { setAccessibilityFocus() {} };
  export const findNodeHandle = () => null;
  export const AppState = { addEventListener: () => ({ remove() {} }) };
`;

/** React Native's own sources are Flow: strip it as Metro does, with React Native's preset. */
const reactNativeSources = {
  name: 'react-native-sources',
  setup(b) {
    // React Native's own JavaScript needs its native side, which the VM has not (the Jest
    // consumer test renders the views): the package's react-native build gets stand-ins for
    // what it takes from `react-native`; URL.js asks the native Blob module for blob: URLs.
    b.onResolve({ filter: /^react-native$|\/NativeBlobModule$/ }, (args) => ({ path: args.path, namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: args.path === 'react-native' ? REACT_NATIVE_STAND_IN : 'export default null;', loader: 'js' }));
    b.onLoad({ filter: /[\\/]node_modules[\\/]react-native[\\/]Libraries[\\/].*\.js$/ }, async (args) => {
      const out = await transformAsync(readFileSync(args.path, 'utf8'), { ...babelOptions, filename: args.path });
      return { contents: out.code, loader: 'js' };
    });
  },
};

const bundled = await build({
  entryPoints: [join(here, 'entry.js')],
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'neutral',
  // Metro's resolution: the `react-native` condition first; `main` (abort-controller's
  // `browser` file reads `window`, which the VM has not).
  conditions: ['react-native', 'require'],
  mainFields: ['main'],
  target: 'es2020',
  // node: built-ins are loaded only by the fake's listen(), which the VM never calls.
  external: ['node:*'],
  plugins: [reactNativeSources],
  metafile: true,
  logLevel: 'error',
});
// The package as Metro resolves it: its react-native build.
if (!Object.keys(bundled.metafile.inputs).some((input) => input.endsWith('react-room-token/dist/native/index.cjs'))) {
  throw new Error('the bundle does not hold react-room-token/dist/native/index.cjs: the react-native condition was not used');
}
const compiled = await transformAsync(bundled.outputFiles[0].text, { ...babelOptions, filename: 'bundle.js', compact: false });
const file = join(here, 'bundle.js');
writeFileSync(file, `${readFileSync(join(here, 'prelude.js'), 'utf8')}\n${compiled.code}`);

const version = /Hermes release version: (\S+)/.exec(spawnSync(hermes, ['-version'], { encoding: 'utf8' }).stdout)?.[1] ?? 'unknown';
const run = spawnSync(hermes, ['-w', '-Xmicrotask-queue', file], { encoding: 'utf8', timeout: 120_000 });
const output = `${run.stdout}${run.stderr}`.trim();
console.log(`Hermes ${version}: exit ${run.status}\n${output}`);
if (run.status !== 0 || !/^hermes: ok/m.test(output)) process.exit(1);
