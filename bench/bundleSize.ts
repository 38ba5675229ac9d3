import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
// esbuild comes with tsup, tsx and size-limit's preset; loaded as they load it.
const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');

/** What an app's bundler leaves out of the package's bytes: React and the optional peers. */
const EXTERNAL = ['react', 'react-dom', 'react/jsx-runtime', 'react-native', 'swr', 'swr/*', '@opentelemetry/api'];

/** The bytes of a bundle, minified and compressed as a CDN serves it (brotli, quality 11). */
export interface BundleBytes {
  minified: number;
  brotli: number;
}

/**
 * Bundles `names` imported from `entry` (a path from the project root, source not `dist/`) as
 * an app's production build would: esbuild, ESM, browser, minified, `process.env.NODE_ENV`
 * defined (so development-only code drops out), React external; then brotli at quality 11.
 * Re-exporting the names keeps exactly them and what they use.
 */
export async function bundleBytes(entry: string, names: readonly string[], nodeEnv: 'production' | 'development' = 'production'): Promise<BundleBytes> {
  const result = await esbuild.build({
    stdin: { contents: `export { ${names.join(', ')} } from ${JSON.stringify(`./${entry}`)};`, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    external: EXTERNAL,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: code.length, brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length };
}
