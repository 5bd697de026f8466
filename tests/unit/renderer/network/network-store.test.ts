import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SessionValue, WeightsValue } from '../../../../core/engine/protocol';
import { createStudioI18n } from '../../../../renderer/src/i18n';
import { useNetworkStore } from '../../../../renderer/src/stores/network';
import { useSessionStore } from '../../../../renderer/src/stores/session';
import { IRIS_PREP, connectWithIris } from './engine-session';

beforeEach(() => { setActivePinia(createPinia()); });

describe('network store with a real engine', () => {
  it('syncs to the default network for iris, builds it and reads its weights', async () => {
    const host = await connectWithIris();
    const network = useNetworkStore();
    await network.sync();
    expect(network.spec).toEqual({
      inputs: 4,
      layers: [{ units: 8, activation: 'relu', useBias: true }, { units: 3, activation: 'softmax', useBias: true }],
      loss: 'categorical-crossentropy',
    });
    expect(network.parameterCount).toBe(4 * 8 + 8 + 8 * 3 + 3);
    expect(network.weights?.layers.map((l) => [l.inputs, l.units])).toEqual([[4, 8], [8, 3]]);
    const session = await useSessionStore().call<SessionValue>({ type: 'get-session' });
    expect(session.state).toBe('model-ready');
    expect(session.spec?.layers[0]?.units).toBe(8);
    expect(host.saved).toBeGreaterThan(0);
  });

  it('an edit rebuilds the model (after the debounce, or at once with flush)', async () => {
    await connectWithIris();
    const network = useNetworkStore();
    await network.sync();
    network.addLayer();
    network.setUnits(1, 5);
    await network.flush();
    expect(network.weights?.layers.map((l) => [l.inputs, l.units])).toEqual([[4, 8], [8, 5], [5, 3]]);
    network.undo();
    expect(network.draft.hidden.map((l) => l.units)).toEqual([8, 8]);
    await network.flush();
    expect(network.weights?.layers.map((l) => l.units)).toEqual([8, 8, 3]);
  });

  it('the seed changes the initial weights; re-initializing with the same seed gives the same ones', async () => {
    await connectWithIris();
    const network = useNetworkStore();
    await network.sync();
    const first = network.weights as WeightsValue;
    network.setSeed(2);
    await network.flush();
    expect(network.weights?.layers[0]?.w).not.toEqual(first.layers[0]?.w);
    network.setSeed(1);
    await network.flush();
    expect(network.weights?.layers[0]?.w).toEqual(first.layers[0]?.w);
    await network.reinitialize();
    expect(network.weights?.layers[0]?.w).toEqual(first.layers[0]?.w);
  });

  it('sets a weight and a bias in the engine and reads them back', async () => {
    await connectWithIris();
    const network = useNetworkStore();
    await network.sync();
    // w from input 2 to unit 5 of layer 0: index 2·8 + 5.
    await network.setParam(0, 'w', 2 * 8 + 5, 0.75);
    await network.setParam(1, 'b', 1, -0.5);
    expect(network.weights?.layers[0]?.w[21]).toBe(0.75);
    expect(network.weights?.layers[1]?.b?.[1]).toBe(-0.5);
    expect(network.engineError).toBeNull();
    await network.setParam(1, 'w', 999, 1);
    expect(network.engineError).toBe('Layer 2 has 24 weights; there is no number 1000.');
  });

  it('shows the exact SpecError message and builds nothing while the spec is invalid', async () => {
    await connectWithIris();
    const network = useNetworkStore();
    await network.sync();
    network.setUnitActivation(0, 3, 'softmax');
    expect(network.specError).toBe('layers[0].unitActivations[3]: softmax couples all units of a layer; set it as the layer\'s activation instead');
    expect(network.parameterCount).toBeNull();
    expect(network.buildable).toBe(false);
  });

  it('the seed preset on iris explains the mismatch and keeps the iris model', async () => {
    await connectWithIris();
    const network = useNetworkStore();
    await network.sync();
    network.applyPreset('seed');
    expect(network.shape).toEqual({ inputs: 3, outputs: 2 });
    expect(network.parameterCount).toBe(12);
    expect(network.buildable).toBe(false);
    const m = network.mismatch;
    expect(m).not.toBeNull();
    const { t } = createStudioI18n('en').global;
    expect(t(`network.problems.mismatch.${m!.source}`, {
      needInputs: m!.need.inputs, needOutputs: m!.need.outputs, dataInputs: m!.data.inputs, dataOutputs: m!.data.outputs,
    })).toBe('The seed network needs 3 inputs and 2 outputs; the data gives 4 inputs and 3 outputs.');
    await network.flush();
    const session = await useSessionStore().call<SessionValue>({ type: 'get-session' });
    expect(session.spec?.inputs).toBe(4);
  });

  it('a regression target gives a linear output with mse', async () => {
    await connectWithIris({
      ...IRIS_PREP,
      roles: { sepal_length_cm: 'input', sepal_width_cm: 'input', petal_length_cm: 'input', petal_width_cm: 'target', species: 'ignore' },
      task: 'regression',
    });
    const network = useNetworkStore();
    await network.sync();
    expect(network.spec.layers.at(-1)).toEqual({ units: 1, activation: 'linear', useBias: true });
    expect(network.spec.loss).toBe('mse');
    expect(network.weights?.layers[0]?.inputs).toBe(3);
  });

  it('after a reconnect it shows the model the engine already holds', async () => {
    await connectWithIris();
    const session = useSessionStore();
    await session.call({ type: 'create-model', spec: { inputs: 4, layers: [{ units: 5, activation: 'tanh' }, { units: 3, activation: 'softmax' }], loss: 'categorical-crossentropy' }, seed: 3 });
    const network = useNetworkStore();
    await network.sync();
    expect(network.draft.hidden).toEqual([{ units: 5, activation: 'tanh', useBias: true }]);
    expect(network.draft.fixed).toBeUndefined();
    const before = network.weights?.layers[0]?.w;
    await network.flush();
    // Not rebuilt: the weights are still the engine's (seed 3).
    expect(network.weights?.layers[0]?.w).toEqual(before);
  });

  it('without data it shows the placeholder network and builds nothing', async () => {
    await connectWithIris(null);
    const network = useNetworkStore();
    await network.sync();
    expect(network.shape).toEqual({ inputs: 2, outputs: 1 });
    expect(network.buildable).toBe(false);
    expect(network.weights).toBeNull();
    expect(network.engineError).toBeNull();
  });
});
