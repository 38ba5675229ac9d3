// docs/swr-suspense.md's Suspense and SWR blocks are the tested copies in this folder (less
// their first line, with the package's import paths); readme.test.tsx runs those copies.
import { describe, it } from 'vitest';
import { expectDocumented } from '../docs/documented';

describe('docs/swr-suspense.md blocks are their tested copies', () => {
  it('Suspense', () => {
    expectDocumented('suspense-live-page', 'test/readme/SuspenseStage.tsx');
  });

  it('SWR', () => {
    expectDocumented('swr-live-page', 'test/readme/SwrStage.tsx');
  });
});
