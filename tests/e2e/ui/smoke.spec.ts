import { expect, test } from '@playwright/test';

test('the studio opens on the data view with the engine ready, on WebAssembly SIMD kernels', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Workflow steps' })).toBeVisible();
  await expect(page.getByTestId('engine-state')).toHaveText('ready');
  await expect(page.getByTestId('engine-backend')).toHaveText('· WebAssembly SIMD');
  // Cross-origin isolated: shared memory is available for multi-threaded kernels.
  expect(await page.evaluate('globalThis.crossOriginIsolated')).toBe(true);
});
