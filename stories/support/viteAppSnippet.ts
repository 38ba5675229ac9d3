/**
 * The `vite.config.ts` of an app whose token endpoint is `/api/room-token`: Vite's dev server
 * answers only the app's own files, so it passes `/api` on to the backend. Without it Vite
 * answers the request itself: a 404 for the POST (a GET gets its index.html).
 */
export const VITE_PROXY_CONFIG = `import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development the page and the backend are two servers: Vite passes /api on to the
// backend (here on port 3000), where createRoomTokenHandler from 'react-room-token/server'
// answers /api/room-token. In production, serve both from one origin.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
`;

/** Where the proxy of {@link VITE_PROXY_CONFIG} sends `/api` (a test replaces it with its own backend). */
export const VITE_PROXY_TARGET = 'http://localhost:3000';

/** The line that starts each file of a snippet of several files: `// ── src/App.tsx ──`. */
const FILE_HEADER = /^\/\/ ── (\S+) ──\n/gm;

/**
 * A snippet for a fresh Vite app (`npm create vite@latest -- --template react-ts`) that calls
 * `/api/room-token`: `app` as `src/App.tsx` (its default export is what the template's
 * `main.tsx` renders), then the `vite.config.ts` with the proxy for `/api`.
 */
export function viteAppSnippet(app: string): string {
  return `// ── src/App.tsx ──\n${app}\n// ── vite.config.ts ──\n${VITE_PROXY_CONFIG}`;
}

/**
 * The files of a snippet by path: those of {@link viteAppSnippet}, or a snippet with no
 * file headers as `src/App.tsx` alone.
 */
export function snippetFiles(code: string): Map<string, string> {
  const headers = [...code.matchAll(FILE_HEADER)];
  if (headers.length === 0) return new Map([['src/App.tsx', code]]);
  return new Map(
    headers.map((header, i) => [header[1]!, code.slice(header.index + header[0].length, headers[i + 1]?.index ?? code.length).trimEnd() + '\n']),
  );
}
