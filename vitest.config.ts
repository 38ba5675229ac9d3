import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    // CI is a shared 2-core machine: a CPU-bound property run must not fail for taking long.
    // Tests wait for what they expect; none asserts a duration.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    typecheck: { enabled: true, include: ['test/**/*.test-d.{ts,tsx}'], tsconfig: './tsconfig.json' },
    restoreMocks: true,
    unstubEnvs: true,
  },
});
