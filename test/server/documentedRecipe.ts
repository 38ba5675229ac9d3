// The docs' backend recipes are tested as they are documented: each has a tested copy in
// ./recipes that must match its code block (test/docs/documented.ts's expectDocumented).
import { vi } from 'vitest';
import { createFakeTokenService, type FakeTokenService } from '../../src/testing';
import { API_KEY } from './support';

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
