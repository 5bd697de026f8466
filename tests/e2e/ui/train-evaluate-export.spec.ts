/**
 * Issue 8 end to end, in Chromium on the built web edition: a shipped
 * example dropped on the window, a network designed, training to the end
 * with the loss chart gaining points and the loss falling, pause, resume and
 * one step, the confusion matrix and the accuracy, an ONNX export loaded in
 * onnxruntime, and predictions for a CSV downloaded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import * as ort from 'onnxruntime-node';
import { ROOT, dropRepoFile, screenshot } from './support';

const chartPoints = async (page: Page, name: string): Promise<number> =>
  Number(await page.getByRole('img', { name }).getAttribute('data-points'));

async function irisNetwork(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('engine-state')).toHaveText('ready');
  await dropRepoFile(page, 'examples/iris.csv');
  await expect(page.getByTestId('network-widths')).toHaveText('4 inputs → 3 outputs');
  await page.getByRole('button', { name: 'Network', exact: true }).click();
  await page.getByRole('button', { name: 'Add hidden layer' }).click();
  await expect(page.getByTestId('engine-state')).toHaveText('model ready');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
}

test('train to the end, pause, resume and step; evaluate; export ONNX; predict a CSV', async ({ page }) => {
  await irisNetwork(page);
  await page.getByLabel('Epochs').fill('60');
  await page.getByLabel('Batch size').fill('8');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeEnabled({ timeout: 60_000 });
  const points = await chartPoints(page, 'Loss chart');
  expect(points).toBeGreaterThanOrEqual(2);
  const first = Number(await page.getByRole('img', { name: 'Loss chart' }).getAttribute('data-first-loss'));
  const last = Number(await page.getByRole('img', { name: 'Loss chart' }).getAttribute('data-last-loss'));
  expect(last).toBeLessThan(first);
  await screenshot(page, 'train-light');

  // A long run (no early stop): pause, one step (exactly one batch), resume, stop.
  await page.locator('details.settings > summary').click();
  await page.getByLabel('Early stopping').uncheck();
  await page.getByLabel('Epochs').fill('100000');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByTestId('engine-state')).toHaveText('training');
  // During the run: the charts and the decision map move.
  await page.waitForTimeout(1500);
  await screenshot(page, 'train-running-light');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByTestId('engine-state')).toHaveText('paused');
  const before = await page.getByRole('progressbar').first().getAttribute('aria-valuetext');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByRole('progressbar').first()).not.toHaveAttribute('aria-valuetext', before ?? '');
  await expect(page.getByTestId('engine-state')).toHaveText('paused');
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(page.getByTestId('engine-state')).toHaveText('training');
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByTestId('engine-state')).toHaveText('model ready');

  // Evaluate: the confusion matrix holds every test row; the accuracy is shown.
  await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
  const matrix = page.getByRole('table', { name: 'Confusion matrix' });
  await expect(matrix).toBeVisible();
  await expect(matrix).toContainText('setosa');
  await expect(page.getByRole('article', { name: 'Test' })).toContainText(/Accuracy\s*(0\.\d+|1(\.0+)?)/);
  await screenshot(page, 'evaluate-light');

  // Export ONNX: a model onnxruntime loads and runs, with probabilities over the three classes.
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save ONNX…' }).click()]);
  expect(download.suggestedFilename()).toBe('model.onnx');
  const path = await download.path();
  const session = await ort.InferenceSession.create(readFileSync(path));
  const input = session.inputNames[0]!;
  const feeds = { [input]: new ort.Tensor('float32', Float32Array.from([5.1, 3.5, 1.4, 0.2]), [1, 4]) };
  const outputs = await session.run(feeds);
  const probabilities = Object.values(outputs).find((t) => t.dims.at(-1) === 3);
  expect(probabilities).toBeDefined();
  const p = Array.from(probabilities!.data as Float32Array);
  expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 4);
  await screenshot(page, 'export-light');

  // Predict a CSV: the browser's file chooser, then a CSV download with one prediction per row.
  const chooser = page.waitForEvent('filechooser');
  const predictions = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Predict a CSV…' }).click();
  await (await chooser).setFiles(join(ROOT, 'examples/iris.csv'));
  const csv = readFileSync(await (await predictions).path(), 'utf8').trimEnd().split('\n');
  expect(csv).toHaveLength(151);
  expect(csv[0]).toContain('predicted(species)');
  await expect(page.getByText(/Predicted 150 rows/)).toBeVisible();
});

test('dark theme screenshots of the Train, Evaluate and Export views', async ({ page }) => {
  await irisNetwork(page);
  await page.getByLabel('Theme').selectOption('dark');
  await page.getByLabel('Epochs').fill('40');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeEnabled({ timeout: 60_000 });
  await screenshot(page, 'train-dark');
  await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Confusion matrix' })).toBeVisible();
  await screenshot(page, 'evaluate-dark');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Save ONNX…' })).toBeEnabled();
  await screenshot(page, 'export-dark');
});
