// The server entry must load on any Fetch-API runtime: no React, no SWR, no Node built-ins.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

vi.mock('react', () => {
  throw new Error('the server entry loaded react');
});
vi.mock('react-dom', () => {
  throw new Error('the server entry loaded react-dom');
});
vi.mock('swr', () => {
  throw new Error('the server entry loaded swr');
});

const entryPath = fileURLToPath(new URL('../../src/server.ts', import.meta.url));

/** Every import specifier of every module reachable from `file` through relative imports. */
function importGraph(file: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(file)) return seen;
  // Comments dropped: a JSDoc example's `import … from 'react-room-token'` is not an import.
  const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const specifiers = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map((match) => match[1]!);
  seen.set(file, specifiers);
  for (const specifier of specifiers) {
    if (specifier.startsWith('.')) importGraph(`${resolve(dirname(file), specifier)}.ts`, seen);
  }
  return seen;
}

describe('the server entry', () => {
  it('loads with React and SWR unavailable, and exports the handler, the policy helper and core', async () => {
    const entry = await import('../../src/server');
    expect(Object.keys(entry).sort()).toEqual([
      'CREATE_PATH',
      'DEV_BASE_URL',
      'PERMISSIONS',
      'RoomTokenError',
      'createRoomMemberTokens',
      'createRoomTokenClient',
      'createRoomTokenHandler',
      'expandPermissions',
      'isPermission',
      'limitPermissions',
    ]);
  });

  it('imports only its own modules and the optional OpenTelemetry API: no other package, no Node built-in, nothing from the React or testing side', () => {
    const graph = importGraph(entryPath);
    const files = [...graph.keys()].map((file) => file.slice(file.indexOf('/src/') + 1));
    expect(files.every((file) => file === 'src/server.ts' || /^src\/(core|server)\//.test(file))).toBe(true);
    expect(files).toContain('src/server/createRoomTokenHandler.ts');
    const external = [...graph.values()].flat().filter((specifier) => !specifier.startsWith('.'));
    // Its types, and the app's copy loaded on first use when installed (loadOpenTelemetry.ts).
    expect(new Set(external)).toEqual(new Set(['@opentelemetry/api']));
    expect(graph.get(fileURLToPath(new URL('../../src/server/loadOpenTelemetry.ts', import.meta.url)))).toEqual(['@opentelemetry/api', '@opentelemetry/api']);
  });
});
