import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/**/*.slow.test.ts'],
    environment: 'node',
    // CI is a loaded 2-core box shared with other jobs: a test's time says nothing about the code.
    testTimeout: 30_000,
    // Counter histories of the tests (and of the CLI processes they start) never touch the user's data folder.
    env: { NOWAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'nowan-test-data-')) },
  },
});
