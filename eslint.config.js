import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['test/consumers/react-native/hermes/bundle.js', 'dist/', 'storybook-static/', 'node_modules/', 'public/mockServiceWorker.js', 'coverage/', '.snippets/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // SWR's public surface only: its private state changes between minor versions.
    files: ['src/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['swr/_internal'] }] },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', 'swr', 'node:*'] }],
    },
  },
  {
    files: ['scripts/**', 'bench/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // The Jest consumer is a CommonJS project, as Jest's users' projects are by default.
    files: ['test/consumers/jest/**/*.js'],
    // Testing Library's `screen` is imported there, not the browser's.
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node, ...globals.jest, screen: 'off' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The React Native consumer: CommonJS Jest tests (Babel compiles them), and the scripts
    // run in the Hermes VM, written in the ES5 that the bare VM shell runs as is.
    files: ['test/consumers/react-native/**/*.js'],
    // Not a browser: React Native's `Text`, Testing Library's `screen`, the polyfills' classes.
    languageOptions: {
      sourceType: 'commonjs',
      globals: { ...globals.node, ...globals.jest, print: 'readonly', HermesInternal: 'readonly', screen: 'off', Text: 'off', AbortController: 'off', AbortSignal: 'off' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-this-alias': 'off' },
  },
  {
    files: ['test/consumers/react-native/tests/*.test.js'],
    languageOptions: { sourceType: 'module' },
  },
  {
    // Test probes hand a hook's result to the test by writing it outside the component.
    files: ['test/**', 'bench/**'],
    rules: { 'react-hooks/globals': 'off', 'react-hooks/immutability': 'off' },
  },
);
