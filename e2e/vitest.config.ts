import { defineConfig } from 'vitest/config';

/** Browser journeys: the real server (child process, embedded PostgreSQL) driven in Debian Chromium. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
