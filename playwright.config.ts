import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the web edition in real Chromium: Debian's `chromium`
 * package (Playwright's own browser download cannot run here), pointed to by
 * CHROMIUM_PATH or /usr/bin/chromium. The built site (`npm run build:web`,
 * dist/web) is served by `vite preview`. Results go to .playwright/results.json
 * for CI's closing line; screenshots of each view to docs/screenshots/.
 */
const port = 4173;

export default defineConfig({
  testDir: 'tests/e2e/ui',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env['CI']),
  reporter: [['list'], ['json', { outputFile: '.playwright/results.json' }]],
  outputDir: '.playwright/artifacts',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium' },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx vite preview renderer --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env['CI'],
    timeout: 60_000,
  },
});
