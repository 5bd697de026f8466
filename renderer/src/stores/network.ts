/**
 * The network designer: the draft being edited (with undo/redo), the spec it
 * makes for the data at hand, its problems (spec errors, a preset whose widths
 * the data does not give), and the model in the engine. A valid draft that fits
 * the data is built in the engine (`create-model`, debounced) and its weights
 * are read back (`get-weights`) for drawing and the inspector.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { SessionValue, WeightsValue } from '../../../core/engine/protocol';
import type { ActivationName, LossName, NetworkSpec } from '../../../core/nn/spec';
import * as design from '../network/design';
import type { DataShape, NetworkDraft, PresetName } from '../network/design';
import { useSessionStore } from './session';

/** Milliseconds between the last edit and building the model in the engine. */
export const CREATE_DEBOUNCE_MS = 200;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const useNetworkStore = defineStore('network', () => {
  const session = useSessionStore();
  const history = shallowRef(design.historyOf(design.presetDraft('default', null)));
  const seed = ref(1);
  const weights = shallowRef<WeightsValue | null>(null);
  const engineError = ref<string | null>(null);
  const synced = ref(false);
  /** True until the user edits or a model is loaded: the draft then follows the dataset's default. */
  let untouched = true;
  /** Key (spec + seed) of the model the engine holds, as built or loaded. */
  let modelKey: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let queue: Promise<void> = Promise.resolve();
  let unsubscribe: (() => void) | null = null;

  const data = computed<DataShape | null>(() => {
    const c = session.configured;
    if (!c) return null;
    return { inputs: c.inputs, outputs: c.outputs, task: session.prep?.task ?? (c.labels ? 'classification' : 'regression') };
  });
  const draft = computed(() => history.value.present);
  const shape = computed(() => design.shapeOf(draft.value, data.value));
  const spec = computed<NetworkSpec>(() => design.toSpec(draft.value, shape.value));
  const specError = computed(() => design.specProblem(spec.value));
  const mismatch = computed(() => design.shapeMismatch(draft.value, data.value));
  const layerParameters = computed(() => design.layerParameters(spec.value));
  const parameterCount = computed<number | null>(() => (specError.value ? null : design.parameterCount(spec.value)));
  /** What the engine should hold now, or null when the draft cannot be built for the data. */
  const wantedKey = computed(() => (
    synced.value && data.value && !specError.value && !mismatch.value ? JSON.stringify({ spec: spec.value, seed: seed.value }) : null
  ));

  async function refreshWeights(): Promise<void> {
    try {
      weights.value = await session.call<WeightsValue>({ type: 'get-weights' });
    } catch (error) {
      weights.value = null;
      engineError.value = message(error);
    }
  }

  /** Builds the wanted model in the engine unless it already holds it. */
  async function create(force = false): Promise<void> {
    const key = wantedKey.value;
    if (key === null || (key === modelKey && !force)) return;
    try {
      await session.call({ type: 'create-model', spec: spec.value, seed: seed.value });
      modelKey = key;
      engineError.value = null;
      session.setEngineState('model-ready');
      session.changed();
      await refreshWeights();
    } catch (error) {
      modelKey = null;
      weights.value = null;
      engineError.value = message(error);
    }
  }

  function enqueue(force = false): Promise<void> {
    if (timer) { clearTimeout(timer); timer = null; }
    queue = queue.then(() => create(force));
    return queue;
  }

  watch(wantedKey, (key) => {
    if (key === null) { if (timer) clearTimeout(timer); timer = null; return; }
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { timer = null; void enqueue(); }, CREATE_DEBOUNCE_MS);
  });

  /** New data (other widths or task): the output layer and loss follow it unless a preset pins the widths. */
  watch(() => (data.value ? `${data.value.task}:${data.value.inputs}:${data.value.outputs}` : null), (now, before) => {
    if (!synced.value || now === null || now === before) return;
    const d = data.value as DataShape;
    if (untouched) { history.value = design.historyOf(design.presetDraft('default', d)); return; }
    if (draft.value.fixed?.source === 'seed') return;
    const { fixed: _fixed, ...rest } = draft.value;
    history.value = design.record(history.value, { ...rest, ...design.outputDefaults(d.task, d.outputs) });
  });

  function edit(change: (d: NetworkDraft) => NetworkDraft): void {
    const next = change(draft.value);
    if (next === draft.value) return;
    untouched = false;
    history.value = design.record(history.value, next);
  }

  return {
    draft, seed, weights, engineError, synced, data, shape, spec, specError, mismatch, layerParameters, parameterCount,
    canUndo: computed(() => history.value.past.length > 0),
    canRedo: computed(() => history.value.future.length > 0),
    /** Whether the draft is built in the engine (valid, fits the data). */
    buildable: computed(() => wantedKey.value !== null),

    addLayer: (at?: number) => edit((d) => design.addLayer(d, at)),
    removeLayer: (i: number) => edit((d) => design.removeLayer(d, i)),
    moveLayer: (i: number, dir: -1 | 1) => edit((d) => design.moveLayer(d, i, dir)),
    setUnits: (i: number, n: number) => edit((d) => design.setUnits(d, i, n)),
    setActivation: (i: number, a: ActivationName) => edit((d) => design.setActivation(d, i, a)),
    setUnitActivation: (i: number, unit: number, a: ActivationName) => edit((d) => design.setUnitActivation(d, i, unit, a)),
    setBias: (i: number, on: boolean) => edit((d) => design.setBias(d, i, on)),
    setOutputActivation: (a: ActivationName) => edit((d) => design.setOutputActivation(d, a)),
    setOutputBias: (on: boolean) => edit((d) => design.setOutputBias(d, on)),
    setLoss: (loss: LossName) => edit((d) => design.setLoss(d, loss)),
    applyPreset: (name: PresetName) => edit(() => design.presetDraft(name, data.value)),
    undo() { history.value = design.undo(history.value); },
    redo() { history.value = design.redo(history.value); },
    setSeed(n: number) { if (Number.isInteger(n)) seed.value = n; },
    /** Draws new initial weights with the current seed. */
    reinitialize: () => enqueue(true),
    /** Builds any pending model now (instead of after the debounce) and waits for it. */
    flush: () => enqueue(),
    refreshWeights,

    /** Sets one weight (`w`, row-major [inputs × units]) or bias (`b`) of dense layer `layer`, then rereads the weights. */
    async setParam(layer: number, param: 'w' | 'b', index: number, value: number): Promise<void> {
      try {
        await session.call({ type: 'set-weight', layer, param, index, value });
        engineError.value = null;
        session.changed();
      } catch (error) {
        engineError.value = message(error);
      }
      await refreshWeights();
    },

    /** After the engine connects: shows its model if it has one, else builds the default for the dataset. */
    async sync(): Promise<void> {
      const s = await session.call<SessionValue>({ type: 'get-session' });
      if (s.spec) {
        let loaded = design.fromSpec(s.spec);
        const d = data.value;
        if (d && loaded.fixed && loaded.fixed.inputs === d.inputs && loaded.fixed.outputs === d.outputs) {
          const { fixed: _fixed, ...rest } = loaded;
          loaded = rest;
        }
        history.value = design.historyOf(loaded);
        untouched = false;
        synced.value = true;
        modelKey = wantedKey.value;
        await refreshWeights();
      } else {
        history.value = design.historyOf(design.presetDraft('default', data.value));
        untouched = true;
        synced.value = true;
        await enqueue();
      }
      unsubscribe ??= session.onEngineEvent((event) => {
        if (event.type === 'train-finished') void refreshWeights();
      });
    },
  };
});
