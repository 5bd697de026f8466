// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportValue } from '../../../../core/engine/protocol';
import { createStudioI18n } from '../../../../renderer/src/i18n';
import { useAppStore } from '../../../../renderer/src/stores/app';
import { useTrainingStore } from '../../../../renderer/src/stores/training';
import ExportView from '../../../../renderer/src/views/ExportView.vue';
import { createExportHost, irisTrained, irisUntrained } from '../evaluate/eval-host';

let pinia: ReturnType<typeof createPinia>;
beforeEach(() => {
  localStorage.clear();
  pinia = createPinia();
  setActivePinia(pinia);
});
afterEach(() => { vi.unstubAllGlobals(); });
const plugins = () => [pinia, createStudioI18n('en')];
const button = (w: ReturnType<typeof mount>, name: string) => {
  const found = w.findAll('button').find((b) => b.text() === name);
  expect(found, name).toBeDefined();
  return found!;
};

async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ready(); i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(ready()).toBe(true);
}

const previewsReady = (w: ReturnType<typeof mount>) => w.findAll('[data-testid="export-preview"]').length === 3 && w.findAll('[data-testid="export-summary"]').length === 2;

describe('ExportView', () => {
  it('one card per format with a preview; "Save ONNX…" asks the host for the ONNX file and says where it went', async () => {
    const { host } = await irisTrained(3);
    const w = mount(ExportView, { global: { plugins: plugins() } });
    await until(() => previewsReady(w));
    for (const name of ['Save model file…', 'Save ONNX…', 'Save TF.js…', 'Save Python…', 'Save JavaScript…', 'Predict a CSV…']) button(w, name);
    expect(w.findAll('button').filter((b) => b.text() === 'Copy')).toHaveLength(3);

    const onnx = w.find('[data-testid="export-onnx"]');
    const summary = onnx.find('[data-testid="export-summary"]').text();
    expect(summary).toContain('sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm');
    expect(summary).toContain('species=setosa');
    expect(summary).toMatch(/Parameters\s*67/);
    const tfjs = w.find('[data-testid="export-tfjs"]');
    expect(tfjs.text()).toContain('model.json, weights.bin');
    // The Python preview: the first 40 lines of the exported text.
    const python = w.find('[data-testid="export-python"] pre');
    expect(python.text().split('\n').length).toBeLessThanOrEqual(40);

    await button(w, 'Save ONNX…').trigger('click');
    await flushPromises();
    expect(host.exportModel).toHaveBeenCalledWith('onnx');
    expect(onnx.text()).toContain('Downloaded /tmp/model-onnx');
    w.unmount();
  });

  it('"Copy" puts the Python text on the clipboard and confirms; a failure shows its message', async () => {
    const { session } = await irisTrained(3);
    const writeText = vi.fn<(text: string) => Promise<void>>(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const w = mount(ExportView, { global: { plugins: plugins() } });
    await until(() => previewsReady(w));
    const card = w.find('[data-testid="export-python"]');
    const copy = card.findAll('button').find((b) => b.text() === 'Copy')!;
    await copy.trigger('click');
    await flushPromises();
    const exported = await session.call<ExportValue>({ type: 'export-model', format: 'python' });
    expect(writeText).toHaveBeenCalledWith(exported.files[0]!.text);
    expect(card.find('[role="status"]').text()).toBe('Copied');

    writeText.mockImplementationOnce(() => Promise.reject(new Error('Document is not focused.')));
    await copy.trigger('click');
    await flushPromises();
    expect(card.find('[role="alert"]').text()).toBe('Copying failed: Document is not focused.');
    w.unmount();
  });

  it('shows an export failure in an alert with the engine\'s message', async () => {
    const { host } = await irisTrained(3);
    host.exportModel.mockImplementationOnce(() => Promise.reject(new Error('Training is running; pause or stop it before exporting the model.')));
    const w = mount(ExportView, { global: { plugins: plugins() } });
    await until(() => previewsReady(w));
    await button(w, 'Save JavaScript…').trigger('click');
    await flushPromises();
    expect(w.find('[data-testid="export-js"] [role="alert"]').text()).toBe('Training is running; pause or stop it before exporting the model.');
    w.unmount();
  });

  it('"Predict a CSV…" shows the row count, the file and the warnings', async () => {
    const { host } = await irisTrained(3);
    const w = mount(ExportView, { global: { plugins: plugins() } });
    await until(() => previewsReady(w));
    expect(w.find('[data-testid="export-predict"]').text()).toContain('sepal_length_cm');
    await button(w, 'Predict a CSV…').trigger('click');
    await flushPromises();
    expect(host.exportPredictions).toHaveBeenCalledOnce();
    expect(w.find('[data-testid="predict-result"]').text()).toBe('Predicted 150 rows → iris-predictions.csv');
    expect(w.find('[data-testid="export-predict"]').text()).toContain('Row 3: petal_width is missing.');
    w.unmount();
  });

  it('while training runs: says so and disables saving', async () => {
    const { session } = await irisTrained(2);
    const training = useTrainingStore();
    const w = mount(ExportView, { global: { plugins: plugins() } });
    await until(() => previewsReady(w));
    training.config = { ...training.config, epochs: 100_000, batchSize: 1 };
    await training.start();
    await flushPromises();
    expect(w.text()).toContain('Pause or stop training to export.');
    expect(button(w, 'Save ONNX…').attributes('disabled')).toBeDefined();
    const done = new Promise<void>((resolve) => {
      const off = session.onEngineEvent((e) => { if (e.type === 'train-finished') { off(); resolve(); } });
    });
    await training.stop();
    await done;
    await until(() => button(w, 'Save ONNX…').attributes('disabled') === undefined);
    w.unmount();
  });

  it('without a trained model: explains and leads to Train; without data, to Network', async () => {
    await irisUntrained(createExportHost());
    const w = mount(ExportView, { global: { plugins: plugins() } });
    await flushPromises();
    expect(w.find('[data-testid="export-empty"]').text()).toContain('No model to export yet');
    expect(w.findAll('button').some((b) => b.text() === 'Save ONNX…')).toBe(false);
    await button(w, 'Go to Train').trigger('click');
    expect(useAppStore().view).toBe('train');
    w.unmount();
  });

  it('without any model: offers Network', async () => {
    const w = mount(ExportView, { global: { plugins: plugins() } });
    await flushPromises();
    await button(w, 'Go to Network').trigger('click');
    expect(useAppStore().view).toBe('network');
    w.unmount();
  });
});
