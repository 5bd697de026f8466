/**
 * The network designer's draft and every edit of it, as pure immutable
 * transforms (no Vue, no engine): the store keeps the history, the view calls
 * these through the store. The draft holds the hidden layers, the output
 * layer's activation and bias, and the loss; the input and output widths come
 * from the data (`ConfigureValue`), unless a preset pins them (`fixed`).
 */
import type { Task } from '../../../core/data/prep/config';
import { checkSpec } from '../../../core/nn/spec-check';
import type { ActivationName, LayerSpec, LossName, NetworkSpec } from '../../../core/nn/spec';

/** Fewest and most units a layer can have in the designer. */
export const MIN_UNITS = 1;
export const MAX_UNITS = 1024;

export interface HiddenLayerDraft {
  units: number;
  activation: ActivationName;
  /** Per-unit activations (length `units`) when the units of the layer differ. */
  unitActivations?: ActivationName[];
  useBias: boolean;
}

export interface OutputDraft {
  activation: ActivationName;
  useBias: boolean;
}

/** Input and output widths of a network. */
export interface NetworkShape {
  inputs: number;
  outputs: number;
}

export type PresetName = 'seed' | 'playground' | 'default';

export interface NetworkDraft {
  hidden: HiddenLayerDraft[];
  output: OutputDraft;
  loss: LossName;
  /**
   * Widths the network is drawn with regardless of the data: set by the seed
   * preset (3 inputs, 2 outputs) or by a model loaded from the engine.
   * `source` says which, for the mismatch message.
   */
  fixed?: NetworkShape & { source: 'seed' | 'model' };
}

/** What the data asks of the network: widths and task (null without data). */
export interface DataShape extends NetworkShape {
  task: Task;
}

/** Widths drawn when there is no data yet (a Playground-like 2-input, 1-output task). */
export const PLACEHOLDER_SHAPE: DataShape = { inputs: 2, outputs: 1, task: 'classification' };

/** Output activation and loss a task suggests: binary → sigmoid + BCE, classes → softmax + CCE, numbers → linear + MSE. */
export function outputDefaults(task: Task, outputs: number): { output: OutputDraft; loss: LossName } {
  if (task === 'regression') return { output: { activation: 'linear', useBias: true }, loss: 'mse' };
  if (outputs === 1) return { output: { activation: 'sigmoid', useBias: true }, loss: 'binary-crossentropy' };
  return { output: { activation: 'softmax', useBias: true }, loss: 'categorical-crossentropy' };
}

/** Hidden layers for a dataset: 8 ReLU units for up to 8 inputs, else 16 then 8. */
export function defaultHidden(inputs: number): HiddenLayerDraft[] {
  const relu = (units: number): HiddenLayerDraft => ({ units, activation: 'relu', useBias: true });
  return inputs <= 8 ? [relu(8)] : [relu(16), relu(8)];
}

/** The seed article's 3-2-2 network: h1 sigmoid, h2 linear, no hidden bias; sigmoid outputs with ½·Σ squared error. */
export function seedDraft(): NetworkDraft {
  return {
    hidden: [{ units: 2, activation: 'sigmoid', unitActivations: ['sigmoid', 'linear'], useBias: false }],
    output: { activation: 'sigmoid', useBias: true },
    loss: 'half-sse',
    fixed: { inputs: 3, outputs: 2, source: 'seed' },
  };
}

/** A preset as a draft for the data at hand. */
export function presetDraft(name: PresetName, data: DataShape | null): NetworkDraft {
  const d = data ?? PLACEHOLDER_SHAPE;
  switch (name) {
    case 'seed': return seedDraft();
    case 'playground': return {
      hidden: [{ units: 4, activation: 'tanh', useBias: true }, { units: 2, activation: 'tanh', useBias: true }],
      ...outputDefaults(d.task, d.outputs),
    };
    case 'default': return { hidden: defaultHidden(d.inputs), ...outputDefaults(d.task, d.outputs) };
  }
}

function mapLayer(draft: NetworkDraft, i: number, change: (l: HiddenLayerDraft) => HiddenLayerDraft): NetworkDraft {
  if (i < 0 || i >= draft.hidden.length) return draft;
  return { ...draft, hidden: draft.hidden.map((l, j) => (j === i ? change(l) : l)) };
}

/** Drops a per-unit list that no longer differs from the layer's activation. */
function normalized(layer: HiddenLayerDraft): HiddenLayerDraft {
  const { unitActivations, ...rest } = layer;
  if (!unitActivations || unitActivations.every((a) => a === layer.activation)) return rest;
  return { ...rest, unitActivations };
}

/** Inserts a hidden layer at `at` (0 = after the inputs), shaped like its neighbour or 4 ReLU units. */
export function addLayer(draft: NetworkDraft, at = draft.hidden.length): NetworkDraft {
  const i = Math.max(0, Math.min(at, draft.hidden.length));
  const like = draft.hidden[i - 1] ?? draft.hidden[i];
  const layer: HiddenLayerDraft = like ? { units: like.units, activation: like.activation, useBias: like.useBias } : { units: 4, activation: 'relu', useBias: true };
  return { ...draft, hidden: [...draft.hidden.slice(0, i), layer, ...draft.hidden.slice(i)] };
}

export function removeLayer(draft: NetworkDraft, i: number): NetworkDraft {
  if (i < 0 || i >= draft.hidden.length) return draft;
  return { ...draft, hidden: draft.hidden.filter((_, j) => j !== i) };
}

/** Swaps hidden layer `i` with its left (−1) or right (+1) neighbour; no change at an end. */
export function moveLayer(draft: NetworkDraft, i: number, dir: -1 | 1): NetworkDraft {
  const j = i + dir;
  if (i < 0 || i >= draft.hidden.length || j < 0 || j >= draft.hidden.length) return draft;
  const hidden = [...draft.hidden];
  [hidden[i], hidden[j]] = [hidden[j] as HiddenLayerDraft, hidden[i] as HiddenLayerDraft];
  return { ...draft, hidden };
}

/** Sets the units of hidden layer `i`, clamped to [MIN_UNITS, MAX_UNITS]; per-unit activations are cut or padded with the layer's. */
export function setUnits(draft: NetworkDraft, i: number, n: number): NetworkDraft {
  const units = Math.max(MIN_UNITS, Math.min(MAX_UNITS, Math.round(Number.isFinite(n) ? n : MIN_UNITS)));
  return mapLayer(draft, i, (l) => normalized({
    ...l,
    units,
    ...(l.unitActivations ? { unitActivations: Array.from({ length: units }, (_, u) => l.unitActivations?.[u] ?? l.activation) } : {}),
  }));
}

/** Sets the activation of every unit of hidden layer `i` (per-unit choices are cleared). */
export function setActivation(draft: NetworkDraft, i: number, activation: ActivationName): NetworkDraft {
  return mapLayer(draft, i, ({ units, useBias }) => ({ units, activation, useBias }));
}

/** Sets one unit's activation in hidden layer `i`; the list goes away when every unit matches the layer again. */
export function setUnitActivation(draft: NetworkDraft, i: number, unit: number, activation: ActivationName): NetworkDraft {
  return mapLayer(draft, i, (l) => {
    if (unit < 0 || unit >= l.units) return l;
    const per = l.unitActivations ? [...l.unitActivations] : Array.from({ length: l.units }, () => l.activation);
    per[unit] = activation;
    return normalized({ ...l, unitActivations: per });
  });
}

export function setBias(draft: NetworkDraft, i: number, useBias: boolean): NetworkDraft {
  return mapLayer(draft, i, (l) => ({ ...l, useBias }));
}

export function setOutputActivation(draft: NetworkDraft, activation: ActivationName): NetworkDraft {
  return { ...draft, output: { ...draft.output, activation } };
}

export function setOutputBias(draft: NetworkDraft, useBias: boolean): NetworkDraft {
  return { ...draft, output: { ...draft.output, useBias } };
}

export function setLoss(draft: NetworkDraft, loss: LossName): NetworkDraft {
  return { ...draft, loss };
}

/** The widths the draft is drawn with: pinned by a preset or model, else the data's, else the placeholder. */
export function shapeOf(draft: NetworkDraft, data: DataShape | null): NetworkShape {
  if (draft.fixed) return { inputs: draft.fixed.inputs, outputs: draft.fixed.outputs };
  return data ? { inputs: data.inputs, outputs: data.outputs } : { inputs: PLACEHOLDER_SHAPE.inputs, outputs: PLACEHOLDER_SHAPE.outputs };
}

/** The network spec the engine builds from the draft. */
export function toSpec(draft: NetworkDraft, shape: NetworkShape): NetworkSpec {
  const layers: LayerSpec[] = draft.hidden.map((l) => ({
    units: l.units,
    activation: l.activation,
    ...(l.unitActivations ? { unitActivations: [...l.unitActivations] } : {}),
    useBias: l.useBias,
  }));
  layers.push({ units: shape.outputs, activation: draft.output.activation, useBias: draft.output.useBias });
  return { inputs: shape.inputs, layers, loss: draft.loss };
}

/** A spec (e.g. the engine's model) as a draft; its widths are pinned so it is drawn as it is. */
export function fromSpec(spec: NetworkSpec): NetworkDraft {
  const out = spec.layers[spec.layers.length - 1];
  return {
    hidden: spec.layers.slice(0, -1).map((l) => normalized({
      units: l.units, activation: l.activation, useBias: l.useBias ?? true, ...(l.unitActivations ? { unitActivations: [...l.unitActivations] } : {}),
    })),
    output: { activation: out?.activation ?? 'linear', useBias: out?.useBias ?? true },
    loss: spec.loss,
    fixed: { inputs: spec.inputs, outputs: out?.units ?? 1, source: 'model' },
  };
}

/** Parameters of each dense layer: inputs·units weights + units biases (when used). */
export function layerParameters(spec: NetworkSpec): number[] {
  let inputs = spec.inputs;
  return spec.layers.map((l) => {
    const n = inputs * l.units + ((l.useBias ?? true) ? l.units : 0);
    inputs = l.units;
    return n;
  });
}

export function parameterCount(spec: NetworkSpec): number {
  return layerParameters(spec).reduce((a, b) => a + b, 0);
}

/** The first problem of a spec (the `SpecError` message), or null when it can be built. */
export function specProblem(spec: NetworkSpec): string | null {
  try {
    checkSpec(spec);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A pinned width that the data does not give: what the network needs and what the data gives. */
export interface ShapeMismatch {
  source: 'seed' | 'model';
  need: NetworkShape;
  data: NetworkShape;
}

export function shapeMismatch(draft: NetworkDraft, data: DataShape | null): ShapeMismatch | null {
  const f = draft.fixed;
  if (!f || !data || (f.inputs === data.inputs && f.outputs === data.outputs)) return null;
  return { source: f.source, need: { inputs: f.inputs, outputs: f.outputs }, data: { inputs: data.inputs, outputs: data.outputs } };
}

/** Undo/redo over immutable drafts: `past` ends with the state before the present one. */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
}

/** Most states kept for undo. */
export const HISTORY_LIMIT = 100;

export const historyOf = <T>(present: T): History<T> => ({ past: [], present, future: [] });

/** Records `next` as the present (no entry when it is the same object); a new edit clears redo. */
export function record<T>(h: History<T>, next: T, limit = HISTORY_LIMIT): History<T> {
  if (next === h.present) return h;
  return { past: [...h.past, h.present].slice(-limit), present: next, future: [] };
}

export function undo<T>(h: History<T>): History<T> {
  const prev = h.past[h.past.length - 1];
  if (prev === undefined) return h;
  return { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future] };
}

export function redo<T>(h: History<T>): History<T> {
  const [next, ...rest] = h.future;
  if (next === undefined) return h;
  return { past: [...h.past, h.present], present: next, future: rest };
}
