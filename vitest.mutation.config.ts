import { defineConfig } from 'vitest/config';

// The suite StrykerJS runs against each mutant of firmware/ (npm run test:mutation): the unit tests
// and every conformance vector in process. Left out: tests that spawn processes, worker threads or the
// CLI (they reach the same firmware through slower doors, and code loaded in a child is not
// instrumented), the import-layering check (it reads the source text, which the mutation run
// rewrites), and the two invariant properties (power cuts are atomic, fuzzed input is never
// Accepted) that a meter computing wrong numbers still satisfies: they kill almost nothing and cost
// seconds for every surviving mutant.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [
      'test/**/*.slow.test.ts',
      'test/**/*.process.test.ts',
      'test/cli.test.ts',
      'test/cli-conventions.test.ts',
      'test/lock.test.ts',
      'test/meter-store.test.ts',
      'test/readme.test.ts',
      'test/sim.test.ts',
      'test/study.test.ts',
      'test/layers.test.ts',
      'test/web-cli.test.ts',
      'test/deploy.test.ts',
      'test/adapter.test.ts',
      'test/power-cut.test.ts',
      'test/fuzz.test.ts',
    ],
    environment: 'node',
    // As in vitest.config.ts: instrumented code on a loaded 2-core box is slow, and a test that times
    // out in the dry run stops the whole mutation run.
    testTimeout: 30_000,
  },
});
