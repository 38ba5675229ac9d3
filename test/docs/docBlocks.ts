// The code blocks of README.md and docs/*.md, found by the id in their fence's info string
// (```tsx id=readme-app): the tests that run them ask for them by id, and
// docBlocks.test.ts checks that every ts/tsx/js block has an id some test asks for.
// Plain Node (no vitest): the consumer tests under node:test use it too.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// A path, not `new URL(…)`: a jsdom test has jsdom's URL, which fileURLToPath refuses.
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The documents whose blocks are tested: the README and the guides (not the generated API reference). */
export function docFiles(): string[] {
  const guides = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...guides];
}

export interface DocBlock {
  /** The document, relative to the repository root. */
  file: string;
  /** The fence's language (`tsx`, `ts`, `sh`, …). */
  lang: string;
  /** The id after the language, if the fence has one. */
  id?: string;
  /** The code between the fences, without the last line break. */
  code: string;
  /** The heading the block is under. */
  heading: string;
}

const FENCE = /^```(\w*)(?:[ \t]+id=([\w.-]+))?[ \t]*\n([\s\S]*?)\n```[ \t]*$/gm;

/** Every fenced block of one document, in order. */
export function blocksOf(file: string): DocBlock[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const blocks: DocBlock[] = [];
  let heading = '';
  let from = 0;
  for (const match of text.matchAll(FENCE)) {
    // Headings between the last block and this one (a `#` line inside a block is a comment).
    heading = [...text.slice(from, match.index).matchAll(/^#+ .*$/gm)].at(-1)?.[0] ?? heading;
    from = match.index + match[0].length;
    blocks.push({ file, lang: match[1]!, id: match[2], code: match[3]!, heading });
  }
  return blocks;
}

/** Every fenced block of README.md and docs/*.md. */
export function allBlocks(): DocBlock[] {
  return docFiles().flatMap(blocksOf);
}

/** The code of the block with this id (as a person would copy it, without the last line break). */
export function docBlock(id: string): string {
  const found = allBlocks().filter((block) => block.id === id);
  if (found.length !== 1) throw new Error(`${found.length} blocks with id=${id} in ${docFiles().join(', ')} (want exactly 1)`);
  return found[0]!.code;
}

/** Where each entry of the package lives in src/, and the name an app imports it by. */
const ENTRIES: Record<string, string> = {
  'src': 'react-room-token',
  'src/index': 'react-room-token',
  'src/server': 'react-room-token/server',
  'src/testing': 'react-room-token/testing',
  'src/testing/msw': 'react-room-token/testing/msw',
  'src/swr': 'react-room-token/swr',
};

/**
 * A tested copy of a block as the document shows it: the copy's first line (the comment that
 * says what it is a copy of) dropped, its relative imports of the package's source written as
 * the package's names, and any other import paths replaced as `imports` says.
 */
export function testedCopy(file: string, imports: Record<string, string> = {}): string {
  const path = resolve(ROOT, file);
  let text = readFileSync(path, 'utf8').split('\n').slice(1).join('\n').trimEnd();
  text = text.replace(/(from |import\(|require\()'(\.{1,2}\/[^']+)'/g, (whole, keyword: string, specifier: string) => {
    const target = relative(ROOT, resolve(dirname(path), specifier)).replace(/\\/g, '/');
    const published = ENTRIES[target];
    return published ? `${keyword}'${published}'` : whole;
  });
  for (const [local, published] of Object.entries(imports)) text = text.split(`'${local}'`).join(`'${published}'`);
  return text;
}
