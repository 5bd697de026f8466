import { expect, test } from '@playwright/test';

test('the studio opens on the data view with the engine ready, on WebAssembly SIMD kernels with FMA and threads', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Workflow steps' })).toBeVisible();
  await expect(page.getByTestId('engine-state')).toHaveText('ready');
  // Cross-origin isolated: shared memory is available for multi-threaded kernels.
  expect(await page.evaluate('globalThis.crossOriginIsolated')).toBe(true);
  // Chromium has relaxed SIMD; helper Web Workers join the engine's worker, one thread per core up to 4.
  const cores = Number(await page.evaluate('navigator.hardwareConcurrency'));
  const threads = Math.min(cores, 4);
  await expect(page.getByTestId('engine-backend')).toHaveText(threads > 1 ? `· WebAssembly SIMD · FMA · ${threads} threads` : '· WebAssembly SIMD · FMA');
});
