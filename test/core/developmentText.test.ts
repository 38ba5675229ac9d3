// Development-only text, as apps get it: the package's code bundled the way an app's bundler
// bundles it (esbuild, `process.env.NODE_ENV` replaced), then run where there is no `process`
// at all — a browser page. A development build must explain (a browser has no `process` even
// then); a production build must say less and carry none of the long text; and code that no
// bundler touched must still run without `process` (an edge runtime), with the short text.
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
// The token client, as the React binding uses it (createRoomMemberTokens, the full call the
// handler and dev mode use, is not on that path).
const CLIENT = new URL('../../src/core/createRoomTokenClient.ts', import.meta.url).pathname;

/** The token client bundled as an app's bundler would (`nodeEnv`), or untouched (`undefined`): an IIFE exposing it as `core`. */
async function bundle(nodeEnv: 'development' | 'production' | undefined): Promise<string> {
  const result = await esbuild.build({
    stdin: { contents: `export { createRoomTokenClient } from ${JSON.stringify(CLIENT)};`, resolveDir: '.', loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'core',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    define: nodeEnv ? { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) } : {},
  });
  return result.outputFiles![0]!.text;
}

/**
 * The message of a request with a wrongly cased permission, refused by a token client in a page
 * with no `process` (the request is made inside that page, with its own objects).
 */
async function refusalIn(code: string): Promise<string> {
  const context: Record<string, unknown> = { URL, Headers, AbortController, setTimeout, clearTimeout, queueMicrotask, console };
  runInNewContext(code, context);
  expect('process' in context).toBe(false);
  const ask = runInNewContext(`() => core.createRoomTokenClient({ fetchToken: async () => 'never sent' })
    .get({ roomId: 'r1', userId: 'u1', permissions: ['permissionchat'] })
    .then(() => 'minted', (error) => error.message)`, context) as () => Promise<string>;
  return ask();
}

describe('development-only text, bundled as apps bundle it, in a page with no `process`', () => {
  it('a development build explains: the permission names are case-sensitive, with the likely name', async () => {
    const message = await refusalIn(await bundle('development'));
    expect(message).toBe('request.permissions[0] is not a known permission (names are case-sensitive: did you mean "PermissionChat"?)');
  });

  it('a production build names the field only, and carries none of the long texts', async () => {
    const code = await bundle('production');
    expect(await refusalIn(code)).toBe('request.permissions[0] is invalid');
    for (const text of ['names are case-sensitive', 'must be an object of string values', 'give exactly one of', 'did not finish within', 'is it routed to your backend']) {
      expect(code).not.toContain(text);
    }
  });

  it('code no bundler touched runs without `process` (an edge runtime), with the short text', async () => {
    expect(await refusalIn(await bundle(undefined))).toBe('request.permissions[0] is invalid');
  });
});
