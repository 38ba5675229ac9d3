// README recipes are tested as they are documented: each has a tested copy in ./recipes
// that must match its code block, less the copy's first line and with the package's paths.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, vi } from 'vitest';
import { createFakeTokenService, type FakeTokenService } from '../../src/testing';
import { API_KEY } from './support';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The first (or the `nth`, from 0) ```ts block under a `### <heading>` line of README.md. */
export function documentedBlock(heading: string, nth = 0): string {
  const doc = readFileSync(here('../../README.md'), 'utf8');
  const start = doc.indexOf(`\n### ${heading}\n`);
  expect(start, `a "### ${heading}" section in README.md`).toBeGreaterThan(-1);
  let open = start;
  for (let i = 0; i <= nth; i++) open = doc.indexOf('```ts\n', open) + '```ts\n'.length;
  return doc.slice(open, doc.indexOf('\n```', open));
}

/** A tested copy (path relative to this folder) as the README shows it: without its first line, with the package's import paths. */
export function asDocumented(file: string, imports: Record<string, string>): string {
  let text = readFileSync(here(file), 'utf8').split('\n').slice(1).join('\n').trimEnd();
  for (const [local, published] of Object.entries(imports)) text = text.split(`from '${local}'`).join(`from '${published}'`);
  return text;
}

/**
 * Starts the fake upstream (accepting only `API_KEY`) and loads a recipe module as an app
 * would, its environment set: `ROOM_TOKEN_API_KEY` and `ROOM_TOKEN_BASE_URL` (the fake's URL).
 */
export async function loadRecipe<T>(load: () => Promise<T>): Promise<{ fake: FakeTokenService; module: T; close(): Promise<void> }> {
  const fake = createFakeTokenService({ apiKey: API_KEY });
  const upstream = await fake.listen();
  vi.stubEnv('ROOM_TOKEN_API_KEY', API_KEY);
  vi.stubEnv('ROOM_TOKEN_BASE_URL', upstream.url);
  try {
    return { fake, module: await load(), close: upstream.close };
  } finally {
    vi.unstubAllEnvs();
  }
}
