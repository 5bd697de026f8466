// @vitest-environment happy-dom
import 'vitest-canvas-mock';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStudioI18n } from '../../../../renderer/src/i18n';
import { useAppStore } from '../../../../renderer/src/stores/app';
import { useNetworkStore } from '../../../../renderer/src/stores/network';
import { useSessionStore } from '../../../../renderer/src/stores/session';
import { useTrainingStore } from '../../../../renderer/src/stores/training';
import TrainView from '../../../../renderer/src/views/TrainView.vue';
import { connectWithIris } from '../network/engine-session';

let pinia: ReturnType<typeof createPinia>;
let wrapper: VueWrapper | null = null;
beforeEach(() => {
  localStorage.clear();
  pinia = createPinia();
  setActivePinia(pinia);
});
afterEach(() => { wrapper?.unmount(); wrapper = null; vi.restoreAllMocks(); });

const mountView = () => {
  wrapper = mount(TrainView, { global: { plugins: [pinia, createStudioI18n('en')] }, attachTo: document.body });
  return wrapper;
};
const button = (w: VueWrapper, name: string) => w.findAll('button').find((b) => b.text() === name);
const enabled = (w: VueWrapper, name: string): boolean | null => {
  const b = button(w, name);
  return b ? b.attributes('disabled') === undefined : null;
};

/** Iris in a real in-process engine with the designer's default model built. */
async function irisModel() {
  await connectWithIris();
  const session = useSessionStore();
  const network = useNetworkStore();
  await network.sync();
  await network.flush();
  for (let i = 0; i < 100 && session.engineState !== 'model-ready'; i++) await new Promise((r) => setTimeout(r, 20));
  expect(session.engineState).toBe('model-ready');
  useTrainingStore().init();
  return session;
}

describe('TrainView', () => {
  it('without data: says what is missing and goes to Data or Network', async () => {
    const w = mountView();
    expect(w.text()).toContain('No data to train on yet');
    expect(enabled(w, 'Start')).toBe(false);
    await button(w, 'Go to Network')!.trigger('click');
    expect(useAppStore().view).toBe('network');
    await button(w, 'Go to Data')!.trigger('click');
    expect(useAppStore().view).toBe('data');
  });

  it('enables each button only when it applies', async () => {
    const session = await irisModel();
    const training = useTrainingStore();
    const w = mountView();
    await flushPromises();
    const states = () => ({
      start: enabled(w, 'Start'), pause: enabled(w, 'Pause'), resume: enabled(w, 'Resume'), stop: enabled(w, 'Stop'), step: enabled(w, 'Step'),
    });
    expect(states()).toEqual({ start: true, pause: false, resume: null, stop: false, step: true });
    training.status = 'running';
    session.setEngineState('training');
    await flushPromises();
    expect(states()).toEqual({ start: false, pause: true, resume: null, stop: true, step: false });
    training.status = 'paused';
    session.setEngineState('paused');
    await flushPromises();
    expect(states()).toEqual({ start: false, pause: null, resume: true, stop: true, step: true });
    // The labelled settings the end-to-end tests use.
    for (const label of ['Learning rate', 'Batch size', 'Epochs', 'Optimizer', 'Seed']) {
      const field = w.findAll('label').find((l) => l.find('span').exists() && l.find('span').text() === label);
      expect(field?.find('input, select').exists(), label).toBe(true);
    }
    // Only the learning rate may change during a run.
    const lr = w.findAll('label').find((l) => l.text().startsWith('Learning rate'))!.find('input');
    expect(lr.attributes('disabled')).toBeUndefined();
    const batch = w.findAll('label').find((l) => l.text().startsWith('Batch size'))!.find('input');
    expect(batch.attributes('disabled')).toBeDefined();
  });

  it('Start trains for real, the progress bar and decision map follow, and a changed learning rate is sent', async () => {
    const session = await irisModel();
    const training = useTrainingStore();
    training.config = { ...training.config, epochs: 3, earlyStopping: undefined };
    const w = mountView();
    await flushPromises();
    const done = new Promise<void>((resolve) => { session.onEngineEvent((e) => { if (e.type === 'train-finished') resolve(); }); });
    await button(w, 'Start')!.trigger('click');
    await done;
    await flushPromises();
    expect(training.status).toBe('finished');
    const bar = w.find('[role="progressbar"]');
    expect(bar.attributes('aria-valuenow')).toBe('100');
    expect(w.find('[data-testid="progress-text"]').text()).toMatch(/^Finished after 3 epochs · \d+:\d\d elapsed$/);
    expect(w.find('[data-testid="epoch-counter"]').text()).toBe('Epoch 3 / 3');
    // Iris has four inputs: the map over two chosen ones, the others at their means.
    for (let i = 0; i < 50 && !w.find('[aria-label="Decision map"]').exists(); i++) { await new Promise((r) => setTimeout(r, 10)); await flushPromises(); }
    expect(w.find('canvas[aria-label="Decision map"]').attributes('role')).toBe('img');
    expect(w.text()).toContain('Horizontal input');
    expect(w.text()).toContain('Vertical input');
    const lr = w.findAll('label').find((l) => l.text().startsWith('Learning rate'))!.find('input');
    await lr.setValue('0.003');
    await lr.trigger('change');
    expect(training.config.optimizer.learningRate).toBe(0.003);
  });

  it('a divergence shows the engine\'s message and one click lowers the rate and restarts with fresh weights', async () => {
    await irisModel();
    const training = useTrainingStore();
    const network = useNetworkStore();
    const w = mountView();
    training.status = 'finished';
    training.end = { reason: 'diverged', epochs: 2, message: 'The loss became NaN at epoch 2: the learning rate is too high.' };
    await flushPromises();
    const alert = w.find('[role="alert"]');
    expect(alert.text()).toContain('The loss became NaN at epoch 2: the learning rate is too high.');
    const remedy = vi.spyOn(training, 'lowerRateAndRestart').mockResolvedValue();
    const reinit = vi.spyOn(network, 'reinitialize').mockResolvedValue();
    await button(w, 'Lower the learning rate and restart')!.trigger('click');
    expect(remedy).toHaveBeenCalledTimes(1);
    await remedy.mock.calls[0]![0]();
    expect(reinit).toHaveBeenCalledTimes(1);
  });

  it('keys: Ctrl+Enter starts, Space pauses and resumes (not while typing), Ctrl+. stops, F10 steps', async () => {
    const session = await irisModel();
    const training = useTrainingStore();
    const w = mountView();
    await flushPromises();
    const calls: string[] = [];
    for (const name of ['start', 'pause', 'resume', 'stop', 'step'] as const) {
      vi.spyOn(training, name).mockImplementation(async () => { calls.push(name); return undefined as never; });
    }
    const key = (init: KeyboardEventInit, target: EventTarget = window) => target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, ...init }));
    key({ key: 'Enter', ctrlKey: true });
    key({ key: 'F10' });
    training.status = 'running';
    session.setEngineState('training');
    key({ key: ' ' });
    const lr = w.findAll('label').find((l) => l.text().startsWith('Learning rate'))!.find('input');
    key({ key: ' ' }, lr.element);
    training.status = 'paused';
    key({ key: ' ' });
    key({ key: '.', ctrlKey: true });
    expect(calls).toEqual(['start', 'step', 'pause', 'resume', 'stop']);
  });
});
