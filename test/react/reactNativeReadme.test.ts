// README.md's "React Native" example is the type-checked copy in ./recipes (with the
// package's import path); the React Native consumer test renders it as an app would.
import { expect, it } from 'vitest';
import { asDocumented } from '../server/documentedRecipe';
import { readmeCode } from '../consumers/support';

it('the README\'s React Native example is the type-checked copy', () => {
  const documented = readmeCode({ heading: '## React Native', file: 'App.tsx', lang: 'tsx' }).trimEnd();
  expect(documented).toBe(asDocumented('../react/recipes/reactNativeApp.tsx', { '../../../src': 'react-room-token' }));
});
