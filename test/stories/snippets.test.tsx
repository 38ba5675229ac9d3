// @vitest-environment jsdom
// Every story's Docs snippet ("Show code") is code a person pastes into an app. Here each one
// is compiled by TypeScript against the package's types, with the strict settings of Vite's
// React template, as that template's files: the snippet's App as src/App.tsx, imported by the
// template's own main.tsx (a default import: a named export is TS2613 there, and a blank
// page), and its vite.config.ts if it shows one. Then the App is rendered as the app's own
// module would be: its `react-room-token` import is the package, its endpoint is a real
// backend handler in front of the fake upstream, and dev mode reaches the fake that
// `npm start` runs. (The vite.config.ts is run in viteProxySnippet.test.ts.)
import { composeStories, setProjectAnnotations } from '@storybook/react-vite';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { mkdir, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Component, StrictMode, type ComponentType, type ReactNode } from 'react';
import ts from 'typescript';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import preview from '../../.storybook/preview';
import { createRoomMemberTokens, createRoomTokenHandler } from '../../src/server';
import { createFakeTokenService } from '../../src/testing';
import { LOCAL_FAKE_KEY, LOCAL_FAKE_URL } from '../../stories/support/localFakeService';
import { snippetFiles, VITE_PROXY_CONFIG } from '../../stories/support/viteAppSnippet';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// Snippet files for rendering (git- and lint-ignored; removed afterwards). Inside the
// repository, so that `react` and the other imports resolve as in an app.
const SNIPPETS = join(ROOT, '.snippets/render');
// A snippet imports the package by name, as an app does; here that name is the source.
const PACKAGE: Record<string, string> = {
  'react-room-token': join(ROOT, 'src/index.ts'),
  'react-room-token/server': join(ROOT, 'src/server.ts'),
  'react-room-token/testing': join(ROOT, 'src/testing.ts'),
};

/** What each story's snippet shows once it has run against a working backend. */
const SHOWS: Record<string, RegExp> = {
  'broadcastjoingate--waiting': /On air.*Room studio-7, broadcasting as host-ada \(token of \d+ characters\)\./s,
  'broadcastjoingate--joined': /On air.*Room studio-7, broadcasting as host-ada \(token of \d+ characters\)\./s,
  'broadcastjoingate--denied': /On air.*Room studio-7, broadcasting as host-ada \(token of \d+ characters\)\./s,
  'broadcastjoingate--upstream-down': /On air.*Room studio-7, broadcasting as host-ada \(token of \d+ characters\)\./s,
  'broadcastjoingate--recovers-on-retry': /On air.*Room studio-7, broadcasting as host-ada \(token of \d+ characters\)\./s,
  'broadcastjoingate--custom-fallbacks': /^Live, with a token of \d+ characters\.$/,
  'broadcastjoingate--server-minted': /On air.*Room studio-7, broadcasting as host-ada \(token of \d+ characters\)\./s,
  'broadcastjoingate--dev-mode': /On air.*Room studio-7, broadcasting as host-ada \(token of \d+ characters\)\./s,
  'useroommembertoken--playground': /^Chat token of \d+ characters\. Refresh$/,
  'useroommembertoken--not-yet': /^Choose a room to chat in\.$/,
  'useroommembertoken--rejects-bad-input': /^No chat token: invalid_argument$/,
  'usesuspenseroommembertoken--joined': /^On air with a token of \d+ characters\. Refresh$/,
  'usesuspenseroommembertoken--denied-then-try-again': /^On air with a token of \d+ characters\. Refresh$/,
  'permission-catalogue--catalogue': /^Permission catalogue.*PermissionChat.*permissionChatSlowmodeBypass.*PermissionRoomKick/s,
};

/** The stories whose snippet is an app calling `/api/room-token` from Vite's dev server: they show the proxy. */
const VITE_ENDPOINT_APPS = [
  'broadcastjoingate--waiting',
  'broadcastjoingate--joined',
  'broadcastjoingate--denied',
  'broadcastjoingate--upstream-down',
  'broadcastjoingate--recovers-on-retry',
  'broadcastjoingate--custom-fallbacks',
  'useroommembertoken--playground',
  'useroommembertoken--not-yet',
  'useroommembertoken--rejects-bad-input',
  'usesuspenseroommembertoken--joined',
  'usesuspenseroommembertoken--denied-then-try-again',
];

interface Snippet {
  id: string;
  /** The snippet's files by path: `src/App.tsx`, and `vite.config.ts` when it shows one. */
  files: Map<string, string>;
}

async function storyFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.stories\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Every story of every stories file, with the code its Docs page shows. */
async function collectSnippets(): Promise<Snippet[]> {
  setProjectAnnotations([preview]);
  const snippets: Snippet[] = [];
  for (const file of await storyFiles(join(ROOT, 'stories'))) {
    const stories = composeStories((await import(/* @vite-ignore */ file)) as Parameters<typeof composeStories>[0]);
    for (const story of Object.values(stories) as { id: string; parameters: Record<string, unknown> }[]) {
      const source = (story.parameters.docs as { source?: { code?: string } } | undefined)?.source;
      // Without its own code, Storybook would show a generated one: the story's JSX, with no
      // provider or imports. Every story names its snippet.
      if (typeof source?.code !== 'string') throw new Error(`story ${story.id} has no docs.source.code`);
      snippets.push({ id: story.id, files: snippetFiles(source.code) });
    }
  }
  return snippets;
}

const snippets = await collectSnippets();

// The compiler settings of Vite's react-ts template (tsconfig.app.json), with the package
// resolved to its source.
const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  moduleDetection: ts.ModuleDetectionKind.Force,
  jsx: ts.JsxEmit.ReactJSX,
  types: ['vite/client'],
  allowImportingTsExtensions: true,
  strict: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noFallthroughCasesInSwitch: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: true,
  noEmit: true,
  paths: Object.fromEntries(Object.entries(PACKAGE).map(([name, file]) => [name, [file]])),
};

/** The src/main.tsx of Vite's react-ts template, which renders the default export of App.tsx. */
const VITE_MAIN = `import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './App.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
`;

/**
 * The entry that renders a snippet's App: Vite's main.tsx, or for an App that takes props
 * (a server component's page gives them), a page that imports it the same way.
 */
const entryOf = (id: string) =>
  PROPS[id] ? `import type { ComponentProps } from 'react';\nimport App from './App.tsx';\n\nexport const page = (props: ComponentProps<typeof App>) => <App {...props} />;\n` : VITE_MAIN;

/**
 * Type errors of each snippet, compiled together in one program: each as an app's files
 * under `<story id>/` (its App.tsx, the entry that imports it, its vite.config.ts).
 */
function compile(list: readonly Snippet[]): Map<string, string[]> {
  const files = new Map<string, { id: string; path: string; code: string }>();
  for (const snippet of list) {
    const add = (path: string, code: string) => files.set(join(SNIPPETS, snippet.id, path), { id: snippet.id, path, code });
    for (const [path, code] of snippet.files) add(path, code);
    add('src/main.tsx', entryOf(snippet.id));
  }
  const host = ts.createCompilerHost(compilerOptions);
  const { fileExists, readFile, directoryExists } = host;
  host.fileExists = (name) => files.has(name) || fileExists(name);
  // The apps' folders exist only here: App.tsx is found beside main.tsx.
  host.directoryExists = (name) => [...files.keys()].some((file) => file.startsWith(`${name}/`)) || (directoryExists?.(name) ?? true);
  host.readFile = (name) => files.get(name)?.code ?? readFile(name);
  host.getCurrentDirectory = () => ROOT;
  const program = ts.createProgram([...files.keys()], compilerOptions, host);
  const format = (diagnostic: ts.Diagnostic) => {
    const where = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    return where ? `line ${where.line + 1}: ${text}` : text;
  };
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map(format);
  const errors = new Map(list.map((snippet) => [snippet.id, [...global]]));
  for (const [name, file] of files) {
    errors.get(file.id)!.push(...ts.getPreEmitDiagnostics(program, program.getSourceFile(name)).map((error) => `${file.path} ${format(error)}`));
  }
  return errors;
}

const appOf = (snippet: Snippet) => snippet.files.get('src/App.tsx')!;

describe('Docs snippets compile as an app’s code', () => {
  it('every story has a snippet, and an expectation of what it shows', () => {
    expect(snippets.map((snippet) => snippet.id).sort()).toEqual(Object.keys(SHOWS).sort());
  });

  it('every snippet is an App.tsx whose default export is the component, and a vite.config.ts with the /api proxy where it calls /api from Vite', () => {
    const shapes = Object.fromEntries(
      snippets.map((snippet) => [
        snippet.id,
        {
          files: [...snippet.files.keys()],
          defaultExport: /^export default function [A-Z]\w*\(/m.test(appOf(snippet)),
          namedComponentExport: /^export (function|const) [A-Z]/m.test(appOf(snippet)),
        },
      ]),
    );

    expect(shapes).toEqual(
      Object.fromEntries(
        snippets.map((snippet) => [
          snippet.id,
          {
            files: VITE_ENDPOINT_APPS.includes(snippet.id) ? ['src/App.tsx', 'vite.config.ts'] : ['src/App.tsx'],
            defaultExport: true,
            namedComponentExport: false,
          },
        ]),
      ),
    );
    for (const id of VITE_ENDPOINT_APPS) {
      const snippet = snippets.find((candidate) => candidate.id === id)!;
      expect(appOf(snippet), id).toContain('endpoint="/api/room-token"');
      expect(snippet.files.get('vite.config.ts'), id).toBe(VITE_PROXY_CONFIG);
    }
  });

  it('every snippet type-checks against the package', { timeout: 120_000 }, () => {
    const errors = compile(snippets);
    expect(Object.fromEntries(snippets.map((snippet) => [snippet.id, errors.get(snippet.id)]))).toEqual(
      Object.fromEntries(snippets.map((snippet) => [snippet.id, []])),
    );
  });

  it('a broken snippet fails the check (the check can fail)', { timeout: 120_000 }, () => {
    const [first] = snippets;
    const app = (id: string, code: string) => ({ id, files: new Map([['src/App.tsx', code]]) });
    const broken = app('broken', appOf(first!).replace('roomId=', 'roomID='));
    const unused = app('unused', `import { PERMISSIONS } from 'react-room-token';\nexport default function App() {\n  return null;\n}\n`);
    // What the Show code snippets were: the template's main.tsx finds no default export.
    const named = app('named', appOf(first!).replace('export default function App', 'export function App'));
    const config = { id: 'config', files: new Map([...first!.files, ['vite.config.ts', VITE_PROXY_CONFIG.replace('server: {', 'serve: {')]]) };

    const errors = compile([broken, unused, named, config]);

    expect(errors.get('broken')!.join('\n')).toMatch(/roomID/);
    expect(errors.get('unused')!.join('\n')).toMatch(/PERMISSIONS.*never read/);
    expect(errors.get('named')!.join('\n')).toMatch(/src\/main\.tsx .*has no default export/);
    expect(errors.get('config')!.join('\n')).toMatch(/vite\.config\.ts .*'serve'/s);
  });
});

class Boundary extends Component<{ children: ReactNode }, { error?: unknown }> {
  override state: { error?: unknown } = {};
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    return this.state.error ? <p>The snippet threw: {String(this.state.error)}</p> : this.props.children;
  }
}

const API_KEY = 'server-side-key';
const UPSTREAM = 'https://upstream.example.test';

/** Props for the component of a snippet that takes some, as the app's page would give them. */
const PROPS: Record<string, () => Promise<Record<string, unknown>>> = {
  // The page mints the token on the server (here: with the key, against the fake upstream).
  'broadcastjoingate--server-minted': async () => {
    const [initialToken] = await createRoomMemberTokens(
      [{ roomId: 'studio-7', userId: 'host-ada', permissions: ['PermissionChat'], metadata: { mcuStream: 'true' } }],
      { baseUrl: UPSTREAM, apiKey: API_KEY },
    );
    return { initialToken };
  },
};

describe('Docs snippets run as shown', { timeout: 30_000 }, () => {
  const upstream = createFakeTokenService({ apiKey: API_KEY });
  const local = createFakeTokenService({ apiKey: LOCAL_FAKE_KEY });
  // The app's backend at /api/room-token: the package's handler, here letting every request through.
  const backend = createRoomTokenHandler({ apiKey: API_KEY, baseUrl: UPSTREAM, authorize: (request) => request });
  const server = setupServer(
    http.all(new URL('/api/room-token', location.href).href, ({ request }) => backend(request)),
    http.all(`${UPSTREAM}/*`, ({ request }) => upstream.handle(request)),
    http.all(`${LOCAL_FAKE_URL}/*`, ({ request }) => local.handle(request)),
  );

  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    await mkdir(SNIPPETS, { recursive: true });
  });
  afterEach(() => cleanup());
  afterAll(async () => {
    server.close();
    await rm(SNIPPETS, { recursive: true, force: true });
    // The shared folder too, once the other test that writes there has finished with it.
    await rmdir(dirname(SNIPPETS)).catch(() => {});
  });

  it.each(snippets.map((snippet) => [snippet.id, snippet] as const))('%s', async (id, snippet) => {
    vi.stubEnv('VITE_ROOM_TEST_KEY', LOCAL_FAKE_KEY);
    vi.spyOn(console, 'warn').mockImplementation(() => {}); // dev mode's one warning
    const errors = vi.spyOn(console, 'error');
    const file = join(SNIPPETS, `${id}.tsx`);
    // The bundler of this test resolves the package's name before any mock could apply.
    await writeFile(file, appOf(snippet).replace(/(from ')(react-room-token(?:\/\w+)?)(')/g, (_, from, name: string, end) => from + PACKAGE[name] + end));

    const exported = (await import(/* @vite-ignore */ resolve(file))) as Record<string, unknown>;
    expect(Object.keys(exported), 'a snippet exports one component, as its default export').toEqual(['default']);
    const App = exported.default as ComponentType<Record<string, unknown>>;
    const props = (await PROPS[id]?.()) ?? {};
    const callsBefore = upstream.calls.length;
    // As Vite's main.tsx renders it: in StrictMode.
    const { container } = render(
      <StrictMode>
        <Boundary>
          <App {...props} />
        </Boundary>
      </StrictMode>,
    );
    // A token given up front shows from the first render.
    if (props.initialToken) expect(container.textContent).toMatch(SHOWS[id]!);

    await waitFor(() => expect(screen.queryByRole('status')).toBeNull(), { timeout: 15_000 });
    expect(container.textContent).toMatch(SHOWS[id]!);
    expect(errors).not.toHaveBeenCalled();
    if (props.initialToken) expect(upstream.calls.length).toBe(callsBefore);
  });
});
