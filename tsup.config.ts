import { defineConfig } from 'tsup';

const shared = {
  format: ['esm', 'cjs'] as ('esm' | 'cjs')[],
  // tsup injects `baseUrl`, which TypeScript 6 deprecates (toolchain.md).
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  sourcemap: false,
  target: 'es2022',
  external: ['react', 'react-dom', 'swr', 'msw'],
  splitting: false,
  // Keep `node:` so that bundlers and Deno/Bun see built-ins for what they are.
  removeNodeProtocol: false,
};

export default defineConfig([
  {
    ...shared,
    entry: { index: 'src/index.ts' },
    clean: true,
    // The React entry is client-only. A source directive would be dropped by esbuild; the banner
    // survives as long as tsup's rollup tree-shaking pass (which strips directives) stays off.
    banner: { js: '"use client";' },
  },
  {
    ...shared,
    entry: { server: 'src/server.ts', testing: 'src/testing.ts' },
  },
]);
