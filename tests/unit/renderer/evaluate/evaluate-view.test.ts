// @vitest-environment happy-dom
import 'vitest-canvas-mock';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EvaluationDetail } from '../../../../core/engine/protocol';
import { createStudioI18n } from '../../../../renderer/src/i18n';
import { useAppStore } from '../../../../renderer/src/stores/app';
import { useTrainingStore } from '../../../../renderer/src/stores/training';
import EvaluateView from '../../../../renderer/src/views/EvaluateView.vue';
import { irisTrained, irisUntrained } from './eval-host';

let pinia: ReturnType<typeof createPinia>;
beforeEach(() => {
  localStorage.clear();
  pinia = createPinia();
  setActivePinia(pinia);
});
const plugins = () => [pinia, createStudioI18n('en')];

/** Waits until `ready` holds (the view evaluates three splits one after another). */
async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ready(); i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(ready()).toBe(true);
}

describe('EvaluateView', () => {
  it('shows the test split: a confusion matrix summing to the test rows, accuracy as the engine measures it, per-class and worst rows', async () => {
    const { session } = await irisTrained(15);
    const w = mount(EvaluateView, { global: { plugins: plugins() } });
    await until(() => w.findAll('[data-testid="confusion-cell"]').length === 9 && !w.text().includes('Evaluating…'));

    const test = await session.call<EvaluationDetail>({ type: 'evaluate-detail', split: 'test' });
    const matrix = w.find('[role="table"][aria-label="Confusion matrix"]');
    expect(matrix.exists()).toBe(true);
    const cells = matrix.findAll('[data-testid="confusion-cell"]');
    const sum = cells.reduce((s, c) => s + Number(c.text().replace(/,/g, '')), 0);
    expect(sum).toBe(session.configured!.rows.test);
    expect(sum).toBe(test.rows);
    // Row = actual, column = predicted, as the engine counts them.
    for (const c of cells) {
      const a = Number(c.attributes('data-actual'));
      const p = Number(c.attributes('data-predicted'));
      expect(Number(c.text())).toBe(test.classification!.confusion[a]![p]);
    }
    expect(matrix.text()).toContain('setosa');

    const evaluated = await session.call<{ metrics: { accuracy: number } }>({ type: 'evaluate', split: 'test' });
    expect(w.find('[data-testid="metric-test-accuracy"] dd').text()).toBe(evaluated.metrics.accuracy.toFixed(3));
    expect(w.find('[data-testid="metric-train-accuracy"] dd').text()).toMatch(/^\d\.\d{3}$/);
    expect(w.find('[data-testid="metric-validation-macroF1"] dd').text()).toMatch(/^\d\.\d{3}$/);

    const perClass = w.find('table[aria-label="Precision, recall and F1 per class"]');
    expect(perClass.findAll('tbody tr')).toHaveLength(3);

    const worst = w.find('table[aria-label="Worst predictions"]');
    expect(worst.exists()).toBe(true);
    const rows = worst.findAll('tbody tr');
    expect(rows.length).toBe(test.worst.length);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.find('th').text()).toBe(String(test.worst[0]!.row));
    expect(worst.find('thead').text()).toContain('sepal_length');
    // Three classes: no ROC curve.
    expect(w.find('[aria-label="ROC curve"]').exists()).toBe(false);
    w.unmount();
  });

  it('switches the detail to another split', async () => {
    const { session } = await irisTrained(5);
    const w = mount(EvaluateView, { global: { plugins: plugins() } });
    await until(() => w.findAll('[data-testid="confusion-cell"]').length === 9 && !w.text().includes('Evaluating…'));
    await w.find('select').setValue('train');
    const cells = w.findAll('[data-testid="confusion-cell"]');
    expect(cells.reduce((s, c) => s + Number(c.text().replace(/,/g, '')), 0)).toBe(session.configured!.rows.train);
    w.unmount();
  });

  it('shows "—" for an empty split', async () => {
    const { session } = await irisTrained(3);
    await session.setSplit({ train: 0.8, validation: 0, test: 0.2 });
    const w = mount(EvaluateView, { global: { plugins: plugins() } });
    await until(() => w.find('[data-testid="metrics-validation"]').text().includes('No rows in this split') && !w.text().includes('Evaluating…'));
    expect(w.find('[data-testid="metric-validation-accuracy"] dd').text()).toBe('—');
    expect(w.find('[data-testid="metric-test-accuracy"] dd').text()).toMatch(/^\d\.\d{3}$/);
    w.unmount();
  });

  it('without a trained model: explains and leads to Train', async () => {
    await irisUntrained();
    const w = mount(EvaluateView, { global: { plugins: plugins() } });
    await flushPromises();
    expect(w.find('[data-testid="evaluate-empty"]').text()).toContain('No trained model yet');
    const button = w.findAll('button').find((b) => b.text() === 'Go to Train');
    await button!.trigger('click');
    expect(useAppStore().view).toBe('train');
    w.unmount();
  });

  it('while training runs: says to pause or stop, and evaluates when the run finishes', async () => {
    const { session } = await irisTrained(2);
    const training = useTrainingStore();
    const w = mount(EvaluateView, { global: { plugins: plugins() } });
    await until(() => w.findAll('[data-testid="confusion-cell"]').length === 9 && !w.text().includes('Evaluating…'));
    training.config = { ...training.config, epochs: 100_000, batchSize: 1 };
    const done = new Promise<void>((resolve) => {
      const off = session.onEngineEvent((e) => { if (e.type === 'train-finished') { off(); resolve(); } });
    });
    await training.start();
    await flushPromises();
    expect(w.find('[data-testid="evaluate-running"]').text()).toBe('Pause or stop training to evaluate.');
    await training.stop();
    await done;
    const test = await session.call<EvaluationDetail>({ type: 'evaluate-detail', split: 'test' });
    await until(() => !w.find('[data-testid="evaluate-running"]').exists() && !w.text().includes('Evaluating…'));
    expect(w.find('[data-testid="metric-test-accuracy"] dd').text()).toBe(test.classification!.accuracy.toFixed(3));
    w.unmount();
  });
});
