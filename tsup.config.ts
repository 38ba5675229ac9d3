import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineConfig } from 'tsup';

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
    if (!entry.isFile() || !/\.c?js$/.test(entry.name)) continue;
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

export default defineConfig({
  // The React and SWR bindings are entries of their own (not exported) so that their code lands
  // in files apart from the entries' re-exports of core (and /swr's roomTokenKey).
  entry: { ...entries, 'internal/react': 'src/react/index.ts', 'internal/swr': 'src/swr/index.ts' },
  format: ['esm', 'cjs'],
  // One copy of core for every entry: esbuild puts what several entries share in chunks that
  // they all import, in ESM and (tsup's CJS splitting) in CJS.
  splitting: true,
  clean: true,
  // tsup injects `baseUrl`, which TypeScript 6 deprecates (toolchain.md).
  dts: { entry: entries, compilerOptions: { ignoreDeprecations: '6.0' } },
  sourcemap: false,
  target: 'es2022',
  external: ['react', 'react-dom', 'msw', 'swr'],
  // Keep `node:` so that bundlers and Deno/Bun see built-ins for what they are.
  removeNodeProtocol: false,
  onSuccess: () => markReactCodeAsClient('dist'),
});
