import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

/**
 * Every test is `tests/**\/*.test.ts`, run in Node; renderer tests ask for a
 * DOM with `// @vitest-environment happy-dom` at their top, and `.vue` files
 * compile through the Vue plugin. Besides the console report, each run writes
 * vitest's JSON report to `.vitest/results.json` (numPassedTests,
 * numFailedTests, ...), which `.ci/run` reads for its closing
 * `N passed, N failed` line. The browser end-to-end tests are Playwright's
 * (`tests/e2e/ui`, `npm run test:e2e`).
 */
export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest/results.json' },
    // Fail on .only left in a test file when running in CI.
    allowOnly: !process.env['CI'],
  },
});
