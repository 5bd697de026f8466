/**
 * Issue 9 end to end, in Chromium on the built web edition: open Learn, run
 * the article's x = 1 preset and read the step table; click w7 on the 3-2-2
 * network and read the formula and its value; a step by hand lowers the loss.
 * Screenshots: learn-descent-light, learn-backprop-light.
 */
import { expect, test } from '@playwright/test';
import { forwardTrace, parameterGradient } from '../../../core/learn/backprop';
import { ARTICLE_INPUT, ARTICLE_SPEC, ARTICLE_TARGET, articleWeights } from '../../../renderer/src/components/learn/article-network';
import { fmt } from '../../../renderer/src/components/learn/math';
import { screenshot } from './support';

test('open Learn, run the x = 1 preset and read the step table; click w7 on the 3-2-2 network and read the formula and value', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('engine-state')).toHaveText('ready');
  await page.getByRole('button', { name: 'Learn', exact: true }).click();
  await expect(page.getByRole('tablist')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Gradient descent' })).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('button', { name: 'x² from 1, unit steps' }).click();
  const steps = page.getByRole('table', { name: 'Steps' });
  await expect(steps.locator('tbody tr')).toHaveCount(2);
  await expect(steps.locator('tbody tr td:nth-child(2)')).toHaveText(['1', '0.5']);
  await expect(steps.locator('tbody tr td:nth-child(6)')).toHaveText(['0.5', '0']);
  await expect(page.getByTestId('stop-reason')).toContainText('Converged after 2 steps');
  // The math is MathML (no inline styles under the CSP).
  await expect(page.locator('[data-testid="derivative"] math')).toBeVisible();
  await screenshot(page, 'learn-descent-light');

  await page.getByRole('tab', { name: 'Backpropagation' }).click();
  await page.getByRole('button', { name: 'w7', exact: true }).click();
  const formula = page.getByRole('complementary', { name: 'Formula' });
  const g = parameterGradient(forwardTrace(ARTICLE_SPEC, articleWeights(), ARTICLE_INPUT, ARTICLE_TARGET), { layer: 1, kind: 'w', from: 0, to: 0 });
  await expect(formula.getByRole('math', { name: '∂L/∂w7 = (f1 − y1) · f1(1 − f1) · h1' })).toBeVisible();
  await expect(formula.getByTestId('bp-value')).toHaveText(fmt(g.value, 8));
  await expect(formula).toContainText(fmt(g.paths[0]!.product, 6));
  await expect(formula.getByTestId('bp-agreement')).toContainText('agrees to 1e-7');
  await formula.locator('.chip').last().hover();
  await expect(page.locator('.node.hl .node-name')).toHaveText('h1');
  await screenshot(page, 'learn-backprop-light');

  await page.getByRole('button', { name: 'Update this weight' }).click();
  await expect(page.getByTestId('bp-step')).toContainText('w7: 0.4 →');
});
