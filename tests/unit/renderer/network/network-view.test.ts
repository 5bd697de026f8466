// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import NetworkInspector from '../../../../renderer/src/components/network/NetworkInspector.vue';
import { createStudioI18n } from '../../../../renderer/src/i18n';
import { useAppStore } from '../../../../renderer/src/stores/app';
import { useNetworkStore } from '../../../../renderer/src/stores/network';
import NetworkView from '../../../../renderer/src/views/NetworkView.vue';
import { connectWithIris } from './engine-session';

let pinia: ReturnType<typeof createPinia>;
beforeEach(() => {
  localStorage.clear();
  pinia = createPinia();
  setActivePinia(pinia);
});
const plugins = () => [pinia, createStudioI18n('en')];
const byText = (w: ReturnType<typeof mount>, text: string) => w.findAll('button').find((b) => b.text() === text);
const byLabel = (w: ReturnType<typeof mount>, label: string) => w.find(`[aria-label="${label}"]`);

describe('NetworkView', () => {
  it('"Add hidden layer" adds a column and "Undo" removes it; "Redo" brings it back', async () => {
    await connectWithIris();
    await useNetworkStore().sync();
    const w = mount(NetworkView, { global: { plugins: plugins() } });
    const hidden = () => w.findAll('[data-testid^="hidden-layer-"]').length;
    expect(hidden()).toBe(1);
    expect(byText(w, 'Undo')?.attributes('disabled')).toBeDefined();
    await byText(w, 'Add hidden layer')?.trigger('click');
    expect(hidden()).toBe(2);
    expect(w.find('[data-testid="network-graph"]').findAll('[data-testid^="neuron-1-"]')).toHaveLength(8);
    await byText(w, 'Undo')?.trigger('click');
    expect(hidden()).toBe(1);
    await byText(w, 'Redo')?.trigger('click');
    expect(hidden()).toBe(2);
    w.unmount();
  });

  it('Ctrl+Z undoes and Ctrl+Shift+Z redoes, but not while typing in a field', async () => {
    const w = mount(NetworkView, { global: { plugins: plugins() }, attachTo: document.body });
    const network = useNetworkStore();
    await byLabel(w, 'More units in hidden layer 1').trigger('click');
    expect(network.draft.hidden[0]?.units).toBe(9);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true }));
    expect(network.draft.hidden[0]?.units).toBe(8);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Z', ctrlKey: true, shiftKey: true }));
    expect(network.draft.hidden[0]?.units).toBe(9);
    const seed = w.find('input[type="number"]');
    seed.element.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true }));
    expect(network.draft.hidden[0]?.units).toBe(9);
    w.unmount();
  });

  it('without data: explains where inputs come from, and the seed preset still shows its 3-2-2 network', async () => {
    const w = mount(NetworkView, { global: { plugins: plugins() } });
    expect(w.text()).toContain('The inputs and outputs of the network come from the data view');
    await byText(w, 'Go to the data view')?.trigger('click');
    expect(useAppStore().view).toBe('data');
    await byText(w, 'Seed 3-2-2')?.trigger('click');
    expect(w.findAll('[data-testid^="input-"]')).toHaveLength(3);
    expect(w.findAll('[data-testid^="link-"]')).toHaveLength(3 * 2 + 2 * 2);
    expect(w.find('[data-testid="network-parameters"]').text()).toBe('Total: 12 parameters');
    w.unmount();
  });

  it('the seed preset on iris shows the mismatch in an alert', async () => {
    await connectWithIris();
    await useNetworkStore().sync();
    const w = mount(NetworkView, { global: { plugins: plugins() } });
    await byText(w, 'Seed 3-2-2')?.trigger('click');
    expect(w.find('[role="alert"]').text()).toBe('The seed network needs 3 inputs and 2 outputs; the data gives 4 inputs and 3 outputs.');
    w.unmount();
  });

  it('layer controls: activation, bias, remove, and a wide layer collapses into a block', async () => {
    await connectWithIris();
    const network = useNetworkStore();
    await network.sync();
    const w = mount(NetworkView, { global: { plugins: plugins() } });
    await byLabel(w, 'Activation of hidden layer 1').setValue('tanh');
    expect(network.draft.hidden[0]?.activation).toBe('tanh');
    await w.find('[data-testid="hidden-layer-0"] input[type="checkbox"]').setValue(false);
    expect(network.draft.hidden[0]?.useBias).toBe(false);
    network.setUnits(0, 64);
    await flushPromises();
    expect(w.find('[data-testid="block-0"]').attributes('aria-label')).toBe('Hidden layer 1: 64 units');
    await byLabel(w, 'Remove hidden layer 1').trigger('click');
    expect(w.findAll('[data-testid^="hidden-layer-"]')).toHaveLength(0);
    w.unmount();
  });
});

describe('NetworkInspector', () => {
  it('edits a weight: "Weight value" → set-weight → the engine\'s value is shown', async () => {
    await connectWithIris();
    const network = useNetworkStore();
    await network.sync();
    const w = mount(NetworkInspector, { props: { selection: { kind: 'weight', layer: 0, from: 1, to: 2 } }, global: { plugins: plugins() } });
    expect(w.text()).toContain('w from sepal_width_cm to Hidden layer 1 unit 3');
    const input = w.find('[data-testid="weight-value"]');
    await input.setValue('1.5');
    await input.trigger('change');
    await flushPromises();
    await flushPromises();
    expect(network.weights?.layers[0]?.w[1 * 8 + 2]).toBe(1.5);
    expect((w.find('[data-testid="weight-value"]').element as HTMLInputElement).value).toBe('1.5');
    w.unmount();
  });

  it('a neuron shows its bias and incoming weights; an output unit is named after its class', async () => {
    await connectWithIris();
    await useNetworkStore().sync();
    const w = mount(NetworkInspector, { props: { selection: { kind: 'neuron', layer: 1, unit: 0 } }, global: { plugins: plugins() } });
    expect(w.find('h3').text()).toMatch(/^species=/);
    expect(w.find('[data-testid="bias-value"]').exists()).toBe(true);
    expect(w.findAll('.incoming li')).toHaveLength(8);
    w.unmount();
  });
});
