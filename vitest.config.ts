import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/**/*.slow.test.ts'],
    environment: 'node',
    // CI is a loaded 2-core box shared with other jobs: a test's time says nothing about the code.
    testTimeout: 30_000,
  },
});
