import { defineConfig } from 'vitest/config';

/**
 * Every test is `tests/**\/*.test.ts`, run in Node. Besides the console
 * report, each run writes vitest's JSON report to `.vitest/results.json`
 * (numPassedTests, numFailedTests, ...), which `.ci/run` reads for its
 * closing `N passed, N failed` line.
 */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest/results.json' },
    // Fail on .only left in a test file when running in CI.
    allowOnly: !process.env['CI'],
  },
});
