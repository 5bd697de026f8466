// @vitest-environment happy-dom
import 'vitest-canvas-mock';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EvaluationDetail } from '../../../../core/engine/protocol';
import { createStudioI18n } from '../../../../renderer/src/i18n';
import { useSessionStore } from '../../../../renderer/src/stores/session';
import EvaluateView from '../../../../renderer/src/views/EvaluateView.vue';
import { textChoice } from '../test-host';
import { createExportHost, irisTrained } from './eval-host';

let pinia: ReturnType<typeof createPinia>;
beforeEach(() => {
  localStorage.clear();
  pinia = createPinia();
  setActivePinia(pinia);
});
const plugins = () => [pinia, createStudioI18n('en')];

async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ready(); i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(ready()).toBe(true);
}

/** A deterministic two-column dataset: `label` = yes when a + b > 1, `y` = 2a − b. */
function synthetic(): string {
  const lines = ['a,b,label,y'];
  for (let i = 0; i < 200; i++) {
    const a = ((i * 37) % 101) / 100;
    const b = ((i * 53) % 97) / 96;
    lines.push(`${a},${b},${a + b > 1 ? 'yes' : 'no'},${(2 * a - b).toFixed(4)}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('EvaluateView charts', () => {
  it('two classes: draws the ROC curve with its AUC', async () => {
    const { session } = await irisTrained(20, createExportHost(), textChoice('binary.csv', synthetic()), async () => {
      const s = useSessionStore();
      await s.setRole('y', 'ignore');
      await s.setRole('label', 'target');
      await s.setTask('classification');
    });
    expect(session.configured?.labels).toHaveLength(2);
    const w = mount(EvaluateView, { global: { plugins: plugins() } });
    await until(() => w.find('[data-testid="roc-auc"]').exists() && !w.text().includes('Evaluating…'));
    const test = await session.call<EvaluationDetail>({ type: 'evaluate-detail', split: 'test' });
    expect(w.find('canvas[aria-label="ROC curve"]').exists()).toBe(true);
    expect(w.find('[data-testid="roc-auc"]').text()).toBe(`Area under the curve: ${test.classification!.roc!.auc.toFixed(3)}`);
    expect(w.findAll('[data-testid="confusion-cell"]')).toHaveLength(4);
    w.unmount();
  });

  it('regression: R², RMSE and MAE cards, the predicted-vs-actual scatter and the residual histogram', async () => {
    const { session } = await irisTrained(20, createExportHost(), textChoice('regression.csv', synthetic()), async () => {
      const s = useSessionStore();
      await s.setRole('label', 'ignore');
      await s.setTask('regression');
      await s.setRole('y', 'target');
    });
    expect(session.prep?.task).toBe('regression');
    const w = mount(EvaluateView, { global: { plugins: plugins() } });
    await until(() => w.find('canvas[aria-label="Residuals"]').exists() && !w.text().includes('Evaluating…'));
    const test = await session.call<EvaluationDetail>({ type: 'evaluate-detail', split: 'test' });
    const r = test.regression![0]!;
    expect(w.find('canvas[aria-label="Predicted vs actual"]').exists()).toBe(true);
    expect(w.find('[data-testid="metric-test-r2"] dd').text()).toBe(r.r2.toFixed(3));
    expect(w.find('[data-testid="metric-test-rmse"] dd').text()).toBe(r.rmse.toFixed(3));
    expect(w.find('[data-testid="metric-test-mae"] dd').text()).toBe(r.mae.toFixed(3));
    expect(w.find('[aria-label="Confusion matrix"]').exists()).toBe(false);
    expect(w.find('table[aria-label="Worst predictions"]').findAll('tbody tr').length).toBeGreaterThan(0);
    w.unmount();
  });
});
