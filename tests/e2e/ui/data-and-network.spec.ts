/**
 * Issue 7 end to end, in Chromium on the built web edition: a CSV dropped on
 * the window, the import report and column cards, roles and the target
 * changed, a network with two hidden layers built, undone and redone, the
 * language switched to 简体中文 and back, and after a reload nothing a user
 * expects to keep is lost. Bad files show their messages.
 */
import { expect, test, type Page } from '@playwright/test';
import { dropFile, dropRepoFile, screenshot } from './support';

const columns = (page: Page) => page.getByRole('region', { name: 'Columns' });
const card = (page: Page, name: string) => columns(page).getByRole('article', { name });
const hiddenLayers = (page: Page) => page.getByRole('button', { name: /^Hidden layer \d+$/ });

test('drop a CSV, choose roles and target, design a network, switch language, reload: nothing lost', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('engine-state')).toHaveText('ready');
  await dropRepoFile(page, 'examples/iris.csv');

  const report = page.getByRole('region', { name: 'Import report' });
  await expect(report).toBeVisible();
  await expect(report).toContainText('150');
  await expect(report).toContainText('comma');
  await expect(columns(page).getByRole('article')).toHaveCount(5);
  await expect(page.getByTestId('network-widths')).toHaveText('4 inputs → 3 outputs');
  await expect(page.getByRole('grid', { name: 'Rows of iris.csv' })).toHaveAttribute('aria-rowcount', '151');

  // One column out, then another target: the widths follow the engine.
  await card(page, 'sepal_width_cm').getByRole('radio', { name: 'Ignore' }).check();
  await expect(page.getByTestId('network-widths')).toHaveText('3 inputs → 3 outputs');
  await card(page, 'petal_width_cm').getByRole('radio', { name: 'Target' }).check();
  await page.getByRole('radiogroup', { name: 'Task' }).getByRole('radio', { name: 'Regression' }).check();
  await expect(card(page, 'species').getByRole('radio', { name: 'Input' })).toBeChecked();
  // sepal_length_cm, petal_length_cm and species one-hot (3) → petal_width_cm.
  await expect(page.getByTestId('network-widths')).toHaveText('5 inputs → 1 output');
  await screenshot(page, 'data-light');

  // Network: exactly two hidden layers, then undo and redo the last edit.
  await page.getByRole('button', { name: 'Network', exact: true }).click();
  await expect(page.getByRole('group', { name: 'Neuron graph' })).toBeVisible();
  while ((await hiddenLayers(page).count()) > 1) await page.getByRole('button', { name: /^Remove hidden layer/ }).last().click();
  await page.getByRole('button', { name: 'Add hidden layer' }).click();
  await expect(hiddenLayers(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'More units in hidden layer 2' }).click();
  const parameters = await page.getByTestId('network-parameters').textContent();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('network-parameters')).not.toHaveText(parameters ?? '');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(page.getByTestId('network-parameters')).toHaveText(parameters ?? '');
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByTestId('network-parameters')).toHaveText(parameters ?? '');
  await expect(page.getByTestId('engine-state')).toHaveText('model ready');
  // The model is rebuilt and its weights read back a moment after the last edit.
  await page.waitForTimeout(800);
  await screenshot(page, 'network-light');

  // 简体中文 and back.
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('navigation', { name: '工作流程' })).toBeVisible();
  await expect(page.getByRole('button', { name: '数据', exact: true })).toBeVisible();
  await screenshot(page, 'network-zh-CN');
  await page.getByLabel('语言').selectOption('en');
  await expect(page.getByRole('button', { name: 'Data', exact: true })).toBeVisible();

  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await screenshot(page, 'network-dark');

  // Reload: theme, language, view, dataset, roles and network are all still there.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('button', { name: 'Network', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('status-rows')).toContainText('iris.csv');
  await expect(hiddenLayers(page)).toHaveCount(2);
  await expect(page.getByTestId('network-parameters')).toHaveText(parameters ?? '');
  await page.getByRole('button', { name: 'Data', exact: true }).click();
  await expect(card(page, 'sepal_width_cm').getByRole('radio', { name: 'Ignore' })).toBeChecked();
  await expect(page.getByTestId('network-widths')).toHaveText('5 inputs → 1 output');
  await screenshot(page, 'data-dark');
});

test('bad files show what is wrong with them, and the dataset already loaded stays', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('engine-state')).toHaveText('ready');
  const alert = page.locator('.import-error');

  await dropFile(page, 'empty.csv', '');
  await expect(alert).toHaveText(/empty\.csv is empty: it has no rows to import\./);

  const binary = new Uint8Array(2000).map((_, i) => (i * 7919) % 256);
  await dropFile(page, 'photo.csv', binary, 'application/octet-stream');
  await expect(alert).toHaveText(/photo\.csv is not a text file: it contains binary data \(a zero byte at offset 0\)\. Choose a CSV file\./);

  await dropRepoFile(page, 'examples/iris.csv');
  await expect(page.getByRole('region', { name: 'Import report' })).toBeVisible();
  await dropFile(page, 'ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n');
  await expect(alert).toHaveText(/ragged\.csv: 2 rows do not have 3 fields like the header \(lines 3 \(2 fields\), 4 \(4 fields\)\)\. Fix them or choose to skip ragged rows\./);
  // The iris dataset is still the one loaded.
  await expect(page.getByTestId('status-rows')).toContainText('iris.csv');
  await expect(columns(page).getByRole('article')).toHaveCount(5);
});
