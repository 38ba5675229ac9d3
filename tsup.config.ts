import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineConfig, type Options } from 'tsup';

// A built file that loads React (or SWR), in ESM or in CJS.
const LOADS_REACT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["'](?:react|react-dom|swr)(?:\/[^"']*)?["']/;

/**
 * "use client" on exactly the files that hold React code (the React binding's chunk) and on
 * no other: the core chunks, the main entry's re-exports, /server and /testing stay server
 * modules, so a server component can call the core helpers. A source directive would be
 * dropped by esbuild, a banner would open every file (toolchain.md), and tsup turns CJS
 * chunks into `require` calls after its plugins run; so it is added to the files written.
 */
async function markReactCodeAsClient(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    // The react-native build (dist/native) has no server modules to keep apart.
    if (!entry.isFile() || !/\.c?js$/.test(entry.name) || /[\\/]native$/.test(entry.parentPath)) continue;
    const file = join(entry.parentPath, entry.name);
    const code = await readFile(file, 'utf8');
    if (LOADS_REACT.test(code) && !code.startsWith('"use client"')) await writeFile(file, `"use client";\n${code}`);
  }
}

const entries = {
  index: 'src/index.ts',
  server: 'src/server.ts',
  testing: 'src/testing.ts',
  'testing/msw': 'src/testing/msw.ts',
  swr: 'src/swr.ts',
};

/**
 * React Native's platform files, as Metro picks them: `./X` resolves to `X.native.tsx` or
 * `X.native.ts` where there is one (the gate's default views, the resume signal). Only the
 * `react-native` build uses it, so the web build never sees those files.
 */
const preferNativeFiles: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'prefer-native-files',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, ({ path, resolveDir }) => {
      for (const ext of ['.native.tsx', '.native.ts']) {
        const file = join(resolveDir, `${path}${ext}`);
        if (existsSync(file)) return { path: file };
      }
      return undefined;
    });
  },
};

const web: Options = {
  // The React and SWR bindings are entries of their own (not exported) so that their code lands
  // in files apart from the entries' re-exports of core (and /swr's roomTokenKey).
  entry: { ...entries, 'internal/react': 'src/react/index.ts', 'internal/swr': 'src/swr/index.ts' },
  format: ['esm', 'cjs'],
  // One copy of core for every entry: esbuild puts what several entries share in chunks that
  // they all import, in ESM and (tsup's CJS splitting) in CJS.
  splitting: true,
  // `npm run build` empties dist first: cleaning here could remove the react-native build,
  // made at the same time.
  clean: false,
  // tsup injects `baseUrl`, which TypeScript 6 deprecates (toolchain.md).
  dts: { entry: entries, compilerOptions: { ignoreDeprecations: '6.0' } },
  sourcemap: false,
  target: 'es2022',
  external: ['react', 'react-dom', 'msw', 'swr'],
  // Keep `node:` so that bundlers and Deno/Bun see built-ins for what they are.
  removeNodeProtocol: false,
  onSuccess: () => markReactCodeAsClient('dist'),
};

/**
 * The main entry for the `react-native` export condition: one CommonJS file (Jest's React
 * Native preset does not transform node_modules; Metro takes CommonJS as well), with React
 * Native's default views and `AppState` resume. Its types are the main entry's.
 */
const reactNative: Options = {
  entry: { 'native/index': 'src/index.ts' },
  format: ['cjs'],
  clean: false,
  dts: false,
  sourcemap: false,
  target: 'es2022',
  external: ['react', 'react-native'],
  esbuildPlugins: [preferNativeFiles],
};

export default defineConfig([web, reactNative]);
