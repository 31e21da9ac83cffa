import { defineConfig } from 'vitest/config';

// npm run test:slow: the long property runs kept out of npm test.
export default defineConfig({
  test: { include: ['test/**/*.slow.test.ts'], environment: 'node', testTimeout: 600_000 },
});
