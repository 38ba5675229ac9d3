// README.md's Suspense and SWR blocks are the tested copies in this folder (less their first
// line, with the package's import paths); readme.test.tsx runs those copies.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readmeCode } from '../consumers/support';

const PUBLISHED = { '../../src': 'react-room-token', '../../src/swr': 'react-room-token/swr' };

/** A tested copy as the README shows it. */
function asDocumented(file: string): string {
  let text = readFileSync(new URL(file, import.meta.url), 'utf8').split('\n').slice(1).join('\n');
  for (const [local, published] of Object.entries(PUBLISHED)) text = text.split(`from '${local}'`).join(`from '${published}'`);
  return text;
}

describe('README blocks are their tested copies', () => {
  it('Suspense', () => {
    expect(readmeCode({ heading: '## Suspense: useSuspenseRoomMemberToken', lang: 'tsx' })).toBe(asDocumented('./SuspenseStage.tsx'));
  });

  it('SWR', () => {
    expect(readmeCode({ heading: '## Apps built on SWR: react-room-token/swr', lang: 'tsx' })).toBe(asDocumented('./SwrStage.tsx'));
  });
});
