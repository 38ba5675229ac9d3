// Prints each built entry's size as an app would ship it: bundled with its imports,
// minified, brotli-compressed; react, swr and msw excluded (peers). Run after `npm run build`.
import { build } from 'esbuild';
import { brotliCompressSync } from 'node:zlib';

const external = ['react', 'react/*', 'react-dom', 'swr', 'swr/*', 'msw', 'msw/*', 'node:*'];
for (const entry of ['index', 'server', 'testing']) {
  const result = await build({
    entryPoints: [`dist/${entry}.js`],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    external,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const brotli = brotliCompressSync(code).length;
  console.log(`${entry.padEnd(8)} ${(code.length / 1024).toFixed(2).padStart(6)} kB minified  ${(brotli / 1024).toFixed(2).padStart(5)} kB brotli`);
}
