// `npm run test:web`: the built page (dist-web/) in Debian's Chromium through playwright-core, which
// never downloads a browser. One browser, files one after another.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['web/test/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
