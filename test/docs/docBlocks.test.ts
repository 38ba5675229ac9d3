// Every ts/tsx/js block of README.md and docs/*.md is run by some test: each carries an id
// (```tsx id=readme-app), and some test under test/ asks for that id (docBlock or
// expectDocumented). Shell blocks name only npm scripts that exist; JSON blocks parse; links
// between the docs reach a file and a heading that exist.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allBlocks, docFiles, ROOT, type DocBlock } from './docBlocks';

const CODE = new Set(['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'typescript', 'javascript']);
const HERE = ['test/docs/docBlocks.ts', 'test/docs/docBlocks.test.ts'];

/** The test sources that can ask for a block: every script under test/ but this checker. */
function testSources(): { file: string; text: string }[] {
  const files = readdirSync(join(ROOT, 'test'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|js|mjs)$/.test(entry.name) && !entry.parentPath.includes('node_modules'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).replace(/\\/g, '/'))
    .filter((file) => !HERE.includes(file));
  return files.map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));
}

/** Code blocks without an id, doubled ids, and ids no test source asks for. */
export function problems(blocks: readonly DocBlock[], sources: readonly { text: string }[]): string[] {
  const found: string[] = [];
  const asking = sources.filter((source) => /\b(docBlock|expectDocumented)\(/.test(source.text));
  const seen = new Set<string>();
  for (const block of blocks) {
    const where = `${block.file} (${block.heading || 'top'})`;
    if (CODE.has(block.lang) && !block.id) found.push(`a ${block.lang} block in ${where} has no id`);
    if (!block.id) continue;
    if (seen.has(block.id)) found.push(`id=${block.id} is used twice`);
    seen.add(block.id);
    if (!asking.some((source) => source.text.includes(`'${block.id}'`))) found.push(`no test asks for id=${block.id} (${where})`);
  }
  return found;
}

describe('the code blocks of README.md and docs/*.md', () => {
  const blocks = allBlocks();

  it('are found in every document', () => {
    expect(docFiles()).toContain('README.md');
    expect(docFiles().length).toBeGreaterThan(5);
    expect(blocks.filter((block) => CODE.has(block.lang)).length).toBeGreaterThan(20);
  });

  it('each ts/tsx/js block has an id, used once, that some test asks for', () => {
    expect(problems(blocks, testSources())).toEqual([]);
  });

  it('the check fails for a block without an id, a doubled id, and an id no test asks for', () => {
    const block = (id?: string): DocBlock => ({ file: 'docs/x.md', lang: 'tsx', id, code: '', heading: '## X' });
    const sources = [{ text: "docBlock('asked-for')" }, { text: "'asked-elsewhere' but not through the helpers" }];

    expect(problems([block(), block('asked-for'), block('asked-for'), block('asked-elsewhere')], sources)).toEqual([
      'a tsx block in docs/x.md (## X) has no id',
      'id=asked-for is used twice',
      'no test asks for id=asked-elsewhere (docs/x.md (## X))',
    ]);
  });

  it('shell blocks run only npm scripts that package.json has', () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const named = blocks
      .filter((block) => block.lang === 'sh')
      .flatMap((block) => [...block.code.matchAll(/^(?:.*&&\s*)?npm (?:run (\S+)|(start|test))\b/gm)].map((match) => ({ script: match[1] ?? match[2]!, file: block.file })));

    expect(named.map(({ script }) => script)).toEqual(expect.arrayContaining(['start', 'test']));
    expect(named.filter(({ script }) => !(script in scripts))).toEqual([]);
  });

  it('JSON blocks parse', () => {
    const json = blocks.filter((block) => block.lang === 'json');
    expect(json.length).toBeGreaterThan(0);
    for (const block of json) expect(() => JSON.parse(block.code), `${block.file} id=${block.id}`).not.toThrow();
  });

  it('links between the docs reach a file, and a heading in it', () => {
    const broken: string[] = [];
    for (const file of docFiles()) {
      const text = readFileSync(join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const [, target, anchor] of text.matchAll(/\]\((?!https?:)([^)#\s]*)(?:#([^)\s]+))?\)/g)) {
        const path = target ? relative(ROOT, join(ROOT, file, '..', target)).replace(/\\/g, '/') : file;
        let linked: string;
        try {
          linked = readFileSync(join(ROOT, path), 'utf8');
        } catch {
          broken.push(`${file}: ${target} (no such file)`);
          continue;
        }
        if (anchor && path.endsWith('.md') && !headingAnchors(linked).has(anchor)) broken.push(`${file}: ${target}#${anchor} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });
});

/** GitHub's anchors for a document's headings. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, title] of markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#+ (.*)$/gm)) {
    anchors.add(
      title!
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    );
  }
  return anchors;
}
