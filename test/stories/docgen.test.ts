// `npm start` must print no docgen warning. Storybook's Vite build runs the
// react-docgen-typescript plugin on each module it loads, with the options of
// .storybook/main.ts; here the same plugin, with those options, transforms every TSX file
// the Storybook can load, and every warning it would print is collected.
import reactDocgenTypescript from '@joshwooding/vite-plugin-react-docgen-typescript';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import config from '../../.storybook/main';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

type DocgenOptions = Parameters<typeof reactDocgenTypescript>[0];

/** Every TSX module the Storybook can load: its preview, the stories and their helpers, the package. */
async function storybookModules(): Promise<string[]> {
  const files: string[] = [];
  for (const folder of ['.storybook', 'stories', 'src']) {
    for (const entry of await readdir(join(ROOT, folder), { withFileTypes: true, recursive: true })) {
      if (entry.isFile() && entry.name.endsWith('.tsx')) files.push(join(entry.parentPath, entry.name));
    }
  }
  return files.sort();
}

/** The plugin as @storybook/react-vite's preset makes it, set up as in a dev server (`npm start`). */
async function docgenPlugin(options: DocgenOptions) {
  const plugin = reactDocgenTypescript({ ...options, savePropValueAsString: true }) as unknown as {
    configResolved(config: { root: string; command: string }): Promise<void>;
    transform(this: { warn(message: string): void }, code: string, id: string): Promise<{ code: string } | string | null | undefined>;
    buildEnd(): void;
  };
  await plugin.configResolved({ root: ROOT, command: 'serve' });
  return plugin;
}

/** The warnings the docgen plugin gives while a dev server transforms `files`. */
async function docgenWarnings(options: DocgenOptions, files: readonly string[]): Promise<string[]> {
  const plugin = await docgenPlugin(options);
  const warnings: string[] = [];
  try {
    for (const file of files) {
      await plugin.transform.call({ warn: (message) => warnings.push(message) }, await readFile(file, 'utf8'), file);
    }
  } finally {
    plugin.buildEnd();
  }
  return warnings;
}

describe('docgen in Storybook (what `npm start` prints)', { timeout: 120_000 }, () => {
  it('gives no warning for any module the Storybook loads', async () => {
    const files = await storybookModules();
    expect(files).toContain(join(ROOT, '.storybook/preview.tsx'));
    expect(files).toContain(join(ROOT, 'src/react/BroadcastJoinGate.tsx'));

    expect(await docgenWarnings(config.typescript?.reactDocgenTypescriptOptions ?? {}, files)).toEqual([]);
  });

  it('documents the components all the same (the props tables come from here)', async () => {
    const plugin = await docgenPlugin(config.typescript?.reactDocgenTypescriptOptions ?? {});
    const file = join(ROOT, 'src/react/BroadcastJoinGate.tsx');
    const result = await plugin.transform.call({ warn: () => {} }, await readFile(file, 'utf8'), file);
    plugin.buildEnd();

    expect(typeof result === 'object' && result ? result.code : '').toMatch(/BroadcastJoinGate\.__docgenInfo = .*"roomId"/s);
  });

  it('the check can fail: the plugin’s default include (every *.tsx) warns about .storybook/preview.tsx', async () => {
    const { include: _include, ...defaults } = config.typescript?.reactDocgenTypescriptOptions ?? {};

    const warnings = await docgenWarnings(defaults, [join(ROOT, '.storybook/preview.tsx')]);

    expect(warnings.join('\n')).toMatch(/Skipping docgen for ".*preview\.tsx"/);
  });
});
