import { defineConfig } from 'vitest/config';

/**
 * Unit and integration tests beside the code. One embedded PostgreSQL per run (global setup), a
 * database per test file cloned from a migrated template. Web component tests run in happy-dom.
 */
export default defineConfig({
  test: {
    include: [
      'server/**/*.test.ts',
      'engines/**/*.test.ts',
      'contracts/**/*.test.ts',
      'demo/**/*.test.ts',
      'web/src/**/*.test.{ts,tsx}',
    ],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
