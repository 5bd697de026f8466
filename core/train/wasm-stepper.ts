import type { WasmResident } from '../math/wasm-kernels';
import { unitActivationsOf } from '../nn/activations';
import { outputFusion } from '../nn/losses';
import type { Model } from '../nn/model-types';
import type { ActivationName, LossName } from '../nn/spec';
import { OPTIMIZER_DEFAULTS } from '../optim/optimizers';
import type { TrainConfig } from './config';
import type { TrainData } from './data-types';
import { diverged, type BatchStepper } from './stepper';

/** Activation codes of wasm/assembly/train.ts. */
const ACTIVATION_CODES: Partial<Record<ActivationName, number>> = {
  linear: 0, relu: 1, 'leaky-relu': 2, elu: 3, sigmoid: 4, tanh: 5,
};
/** The export that updates weights, per optimizer. */
const OPTIMIZER_OPS = {
  sgd: 'sgdStep', momentum: 'momentumStep', nesterov: 'momentumStep', rmsprop: 'rmspropStep', adam: 'adamStep', adamw: 'adamStep',
} as const;
/** Regression loss codes of wasm/assembly/train.ts. */
const LOSS_CODES: Partial<Record<LossName, number>> = { mse: 0, 'half-sse': 1, mae: 2, huber: 3 };

/** Above this share of nonzero δ entries the dense product beats the zero-skipping one (measured: break-even near 90%). */
const SPARSE_MAX_DENSITY = 0.85;
/**
 * Layers with fewer inputs than this (rows of dW) keep the dense product: the
 * zero-skipping one first lists δ's nonzeros, which only pays over enough
 * rows (measured at half zeros: 1.65× slower at 32 inputs, even at 64, 0.76× at 128).
 */
const SPARSE_MIN_INPUTS = 64;
/** Batches a layer whose δ was too dense stays on the dense product before the zero-skipping one is tried again. */
const DENSE_RETRY_BATCHES = 64;

/**
 * What one value of an element-wise pass (an optimizer update, a gather)
 * counts as against the backend's split threshold in multiply-adds: from
 * 2¹⁴ values (64 KiB) at the default, a pass (memory-bound, tens of µs)
 * outlasts a fork-join with a spinning helper.
 */
const ELEMENTWISE_WORK = 16;

/** Training sets up to this size are copied into wasm memory whole (rows then gather there). */
const RESIDENT_DATA_BYTES = 256 * 1024 * 1024;

type OutputStep =
  | { kind: 'softmax-cce' }
  | { kind: 'sigmoid-bce' }
  | { kind: 'regression'; loss: number; activation: number };

interface LayerPlan {
  inputs: number;
  units: number;
  /** Activation code (hidden layers, or the output of a regression loss). */
  activation: number;
  /** Offsets within a parameter buffer (bytes from its start). */
  wAt: number;
  bAt: number | null;
  /** Workspace offsets (absolute). */
  z: number;
  a: number;
  delta: number;
  /**
   * For a layer whose δ goes through ReLU (exact zeros) and that has at least
   * SPARSE_MIN_INPUTS inputs: batches left on the dense dW product before the
   * zero-skipping one is tried again (0: use it). Null for other layers.
   */
  denseFor: number | null;
}

/**
 * Why this network or configuration trains on the TypeScript stepper instead,
 * or null when the wasm stepper takes it. Covered: dense layers with one
 * activation each (linear, relu, leaky-relu, elu, sigmoid, tanh), softmax
 * output with categorical cross-entropy, sigmoid output with binary
 * cross-entropy, any activation with mse, half-sse, mae or huber; every
 * optimizer, L1/L2, clipping.
 */
export function wasmStepperUnsupported(model: Model): string | null {
  const { spec } = model;
  const last = spec.layers.length - 1;
  for (let l = 0; l <= last; l++) {
    const kinds = unitActivationsOf(spec.layers[l]!);
    if (kinds.some((k) => k !== kinds[0])) return `layer ${l + 1} mixes activations`;
    const kind = kinds[0]!;
    if (kind === 'softmax' && l !== last) return `layer ${l + 1} is a hidden softmax`;
  }
  const outKinds = unitActivationsOf(spec.layers[last]!);
  const fusion = outputFusion(spec.loss, outKinds);
  if (fusion === 'none') {
    if (LOSS_CODES[spec.loss] === undefined) return `${spec.loss} without its fused output activation`;
    if (outKinds[0] === 'softmax') return `softmax output with ${spec.loss}`;
  }
  return null;
}

/**
 * Copies a training set's rows into wasm memory ahead of the runs on it (the
 * engine does when the data is configured), so `fit` starts without copying
 * them. The arrays must not change until `unpinTrainingRows`. False (nothing
 * pinned) when they are too large to keep resident or memory cannot grow.
 */
export function pinTrainingRows(wasm: WasmResident, data: TrainData, residentDataBytes = RESIDENT_DATA_BYTES): boolean {
  const { x, y } = data.train;
  if ((x.data.length + y.data.length) * 4 > residentDataBytes) return false;
  if (!wasm.pin(x.data)) return false;
  if (wasm.pin(y.data)) return true;
  wasm.unpin(x.data);
  return false;
}

export function unpinTrainingRows(wasm: WasmResident, data: TrainData): void {
  wasm.unpin(data.train.x.data);
  wasm.unpin(data.train.y.data);
}

/**
 * The training step in WebAssembly memory: weights (double-buffered, so a
 * diverged update leaves the previous ones intact), gradients, optimizer
 * state, the layer workspaces and, up to 256 MiB, the training set itself
 * (pinned there beforehand, or copied in) live in the module's memory for
 * the whole `fit`; each batch is a short sequence of kernel calls on
 * offsets, with no copying and no allocation.
 * Products above the backend's threshold are split over its helper threads.
 * Returns null when `wasmStepperUnsupported` names a reason.
 */
export function createWasmStepper(
  model: Model, wasm: WasmResident, data: TrainData, config: TrainConfig, batchSize: number,
  residentDataBytes = RESIDENT_DATA_BYTES,
): BatchStepper | null {
  if (wasmStepperUnsupported(model) !== null) return null;
  const ex = wasm.exports, heap = wasm.heap;
  const { spec } = model;
  const { x, y } = data.train;
  const rows = x.rows, inputs = x.cols, outputs = y.cols;
  const last = spec.layers.length - 1;
  const outKind = unitActivationsOf(spec.layers[last]!)[0]!;
  const fusion = outputFusion(spec.loss, unitActivationsOf(spec.layers[last]!));
  const output: OutputStep = fusion === 'softmax-cce' ? { kind: 'softmax-cce' }
    : fusion === 'sigmoid-bce' ? { kind: 'sigmoid-bce' }
      : { kind: 'regression', loss: LOSS_CODES[spec.loss]!, activation: ACTIVATION_CODES[outKind]! };
  const huberDelta = spec.huberDelta ?? 1;

  // Layout: one block, every region 64-byte aligned.
  let size = 0;
  const region = (floats: number): number => { const at = size; size += Math.ceil((floats * 4) / 64) * 64; return at; };
  let paramBytes = 0;
  const paramRegion = (floats: number): number => { const at = paramBytes; paramBytes += Math.ceil((floats * 4) / 64) * 64; return at; };
  const layers: LayerPlan[] = spec.layers.map((layer, l) => {
    const fanIn = l === 0 ? spec.inputs : spec.layers[l - 1]!.units;
    const kind = unitActivationsOf(layer)[0]!;
    return {
      inputs: fanIn, units: layer.units, activation: ACTIVATION_CODES[kind] ?? 0,
      wAt: paramRegion(fanIn * layer.units), bAt: model.params[l]!.b ? paramRegion(layer.units) : null,
      z: 0, a: 0, delta: 0,
      denseFor: kind === 'relu' && (l < last || output.kind === 'regression') && fanIn >= SPARSE_MIN_INPUTS ? 0 : null,
    };
  });
  const moments = { sgd: 0, momentum: 1, nesterov: 1, rmsprop: 1, adam: 2, adamw: 2 }[config.optimizer.kind];
  const paramsAt = [region(paramBytes / 4), region(paramBytes / 4)];
  const gradsAt = region(paramBytes / 4);
  const stateAt = [moments > 0 ? region(paramBytes / 4) : 0, moments > 1 ? region(paramBytes / 4) : 0];
  for (const p of layers) { p.z = region(batchSize * p.units); p.a = region(batchSize * p.units); p.delta = region(batchSize * p.units); }
  const xbAt = region(batchSize * inputs), ybAt = region(batchSize * outputs);
  const zeroed = size; // the data regions below are written whole before use
  // The rows: pinned ahead of the run (`pinTrainingRows`), else copied in here, else (too large) gathered from the JS arrays.
  const pinnedX = wasm.pinned(x.data), pinnedY = wasm.pinned(y.data);
  const resident = (pinnedX !== null && pinnedY !== null) || rows * (inputs + outputs) * 4 <= residentDataBytes;
  const xAt = resident && pinnedX === null ? region(rows * inputs) : 0, yAt = resident && pinnedY === null ? region(rows * outputs) : 0;
  const orderAt = resident ? region(rows) : 0;

  const block = heap.alloc(size);
  const abs = (at: number): number => block + at;
  for (const p of layers) { p.z = abs(p.z); p.a = abs(p.a); p.delta = abs(p.delta); }
  const params = [abs(paramsAt[0]!), abs(paramsAt[1]!)];
  const grads = abs(gradsAt);
  const state = stateAt.map(abs);
  const xb = abs(xbAt), yb = abs(ybAt);
  {
    const h = heap.floats();
    h.fill(0, block >> 2, (block + zeroed) >> 2);
    if (resident && pinnedX === null) h.set(x.data.subarray(0, rows * inputs), abs(xAt) >> 2);
    if (resident && pinnedY === null) h.set(y.data.subarray(0, rows * outputs), abs(yAt) >> 2);
  }
  const xRows = pinnedX ?? abs(xAt), yRows = pinnedY ?? abs(yAt);
  let cur = 0;
  let order: Uint32Array = new Uint32Array(0);
  let lastRows = 0;
  let disposed = false;

  const o = config.optimizer;
  const mu = o.momentum ?? OPTIMIZER_DEFAULTS.momentum, rho = o.rho ?? OPTIMIZER_DEFAULTS.rho;
  const b1 = o.beta1 ?? OPTIMIZER_DEFAULTS.beta1, b2 = o.beta2 ?? OPTIMIZER_DEFAULTS.beta2;
  const eps = o.epsilon ?? OPTIMIZER_DEFAULTS.epsilon, decay = o.weightDecay ?? OPTIMIZER_DEFAULTS.weightDecay;
  const l1 = config.l1 ?? 0, l2 = config.l2 ?? 0;
  let t = 0;

  /** Each (weights, gradients) pair: offsets relative to a parameter buffer, with length and kind. */
  const slots = layers.flatMap((p) => {
    const s = [{ at: p.wAt, count: p.inputs * p.units, isKernel: true }];
    if (p.bAt !== null) s.push({ at: p.bAt, count: p.units, isKernel: false });
    return s;
  });

  function forward(n: number): void {
    for (let l = 0; l <= last; l++) {
      const p = layers[l]!;
      const input = l === 0 ? xb : layers[l - 1]!.a;
      const w = params[cur]! + p.wAt, bias = p.bAt === null ? 0 : params[cur]! + p.bAt;
      // z = input·W + b: the bias is the product's starting value.
      wasm.gemm(input, p.inputs, 1, w, p.units, 1, p.z, p.units, n, p.inputs, p.units, bias, 0);
      if (l < last || output.kind === 'regression') ex.activate(p.z, p.a, n * p.units, p.activation);
    }
  }

  function lossAndDelta(n: number): number {
    const p = layers[last]!;
    switch (output.kind) {
      case 'softmax-cce': return ex.softmaxCrossEntropy(p.z, p.a, yb, p.delta, n, outputs);
      case 'sigmoid-bce': return ex.sigmoidBinaryCrossEntropy(p.z, p.a, yb, p.delta, n * outputs);
      case 'regression': {
        const loss = ex.regressionLoss(p.a, yb, p.delta, n * outputs, n, output.loss, huberDelta);
        ex.activationBackward(p.z, p.a, p.delta, n * outputs, output.activation);
        return loss;
      }
    }
  }

  function backward(n: number): void {
    for (let l = last; l >= 0; l--) {
      const p = layers[l]!;
      const input = l === 0 ? xb : layers[l - 1]!.a;
      // dW = inputᵀ·δ: [in × n]·[n × units]; db = Σ_rows δ. Behind a ReLU, δ's zeros are skipped while there are enough.
      if (p.denseFor === 0) {
        const nonzero = wasm.gemmSparseTA(input, p.inputs, p.delta, p.units, grads + p.wAt, p.units, p.inputs, n, p.units);
        if (nonzero > SPARSE_MAX_DENSITY * n * p.units) p.denseFor = DENSE_RETRY_BATCHES;
      } else {
        if (p.denseFor !== null) p.denseFor--;
        wasm.gemm(input, 1, p.inputs, p.delta, p.units, 1, grads + p.wAt, p.units, p.inputs, n, p.units, 0, 0);
      }
      if (p.bAt !== null) ex.sumRows(p.delta, grads + p.bAt, n, p.units, 0);
      if (l > 0) {
        // δ_{l−1} = (δ·Wᵀ) ⊙ g′: [n × units]·[units × in].
        const prev = layers[l - 1]!;
        wasm.gemm(p.delta, p.units, 1, params[cur]! + p.wAt, 1, p.units, prev.delta, p.inputs, n, p.units, p.inputs, 0, 0);
        ex.activationBackward(prev.z, prev.a, prev.delta, n * p.inputs, prev.activation);
      }
    }
  }

  /** The optimizer's export, called here directly or handed to helpers with the same arguments. */
  const optimizerOp = OPTIMIZER_OPS[o.kind];
  const optimizerStep = ex[optimizerOp] as (...args: readonly number[]) => number;

  /** The update into the other parameter buffer; false when a new weight is not finite. */
  function update(lr: number): boolean {
    t++;
    let check = 0;
    const stepSize = lr / (1 - Math.pow(b1, t));
    const rootC2 = Math.sqrt(1 / (1 - Math.pow(b2, t)));
    for (const s of slots) {
      const blocks = wasm.blocksFor(s.count, 16, ELEMENTWISE_WORK);
      if (blocks.length === 1) {
        check += optimizerStep(...stepArgs(s.at, s.count, s.isKernel, lr, stepSize, rootC2));
        continue;
      }
      // Large arrays are updated in blocks, one per thread (element-wise: any split gives the same result).
      const calls = blocks.map(([from, len]) => stepArgs(s.at + from * 4, len, s.isKernel, lr, stepSize, rootC2));
      check += wasm.fork(optimizerOp, calls, blocks.map(([, len]) => len));
    }
    return Number.isFinite(check);
  }

  /** The optimizer export's arguments for `count` values at byte `at` of the parameter buffers (see wasm/assembly/train.ts). */
  function stepArgs(at: number, count: number, isKernel: boolean, lr: number, stepSize: number, rootC2: number): number[] {
    const w = params[cur]! + at, out = params[1 - cur]! + at, g = grads + at;
    switch (o.kind) {
      case 'sgd': return [w, out, g, count, lr];
      case 'momentum': case 'nesterov': return [w, out, g, state[0]! + at, count, lr, mu, o.kind === 'nesterov' ? 1 : 0];
      case 'rmsprop': return [w, out, g, state[0]! + at, count, lr, rho, eps, 1 - rho];
      case 'adam': case 'adamw': {
        const keep = o.kind === 'adamw' && isKernel ? 1 - lr * decay : 1;
        return [w, out, g, state[0]! + at, state[1]! + at, count, stepSize, rootC2, eps, b1, b2, keep, 1 - b1, 1 - b2];
      }
    }
  }

  function gather(r0: number, n: number): void {
    if (resident) {
      // Wide rows come from all over the training set (memory-bound): gather them in blocks, one per thread.
      const blocks = wasm.blocksFor(n, 1, inputs * ELEMENTWISE_WORK);
      if (blocks.length === 1) {
        ex.gatherRows(xRows, xb, abs(orderAt), r0, n, inputs);
      } else {
        wasm.fork('gatherRows', blocks.map(([r, len]) => [xRows, xb + r * inputs * 4, abs(orderAt), r0 + r, len, inputs]), blocks.map(([, len]) => len));
      }
      ex.gatherRows(yRows, yb, abs(orderAt), r0, n, outputs);
      return;
    }
    const h = heap.floats();
    for (const [src, at, width] of [[x.data, xb, inputs], [y.data, yb, outputs]] as const) {
      for (let r = 0; r < n; r++) {
        const from = order[r0 + r]! * width;
        h.set(src.subarray(from, from + width), (at >> 2) + r * width);
      }
    }
  }

  const stepper: BatchStepper = {
    beginEpoch(o2) {
      order = o2;
      if (resident) new Uint32Array(heap.floats().buffer).set(o2.subarray(0, rows), abs(orderAt) >> 2);
    },
    step(r0, n, lr, epoch, batch) {
      lastRows = n;
      gather(r0, n);
      forward(n);
      let loss = lossAndDelta(n);
      backward(n);
      if (l1 !== 0 || l2 !== 0) {
        for (const s of slots) if (s.isKernel) loss += ex.penalize(params[cur]! + s.at, grads + s.at, s.count, l1, l2);
      }
      if (!Number.isFinite(loss)) throw diverged('loss', epoch, batch, lr);
      if (config.clipNorm !== undefined) {
        let sq = 0;
        for (const s of slots) sq += ex.sumSquares(grads + s.at, s.count);
        const norm = Math.sqrt(sq);
        if (!Number.isFinite(norm)) throw diverged('gradient', epoch, batch, lr);
        if (norm > config.clipNorm) for (const s of slots) ex.scale(grads + s.at, s.count, config.clipNorm / norm);
      }
      if (!update(lr)) throw diverged('weights', epoch, batch, lr);
      cur = 1 - cur;
      return loss;
    },
    lastBatch() {
      const h = heap.floats(), p = layers[last]!;
      return {
        pred: h.subarray(p.a >> 2, (p.a >> 2) + lastRows * outputs),
        target: h.subarray(yb >> 2, (yb >> 2) + lastRows * outputs),
      };
    },
    syncOut() {
      const h = heap.floats();
      layers.forEach((p, l) => {
        const mp = model.params[l]!, mg = model.grads[l]!;
        const w = (params[cur]! + p.wAt) >> 2, g = (grads + p.wAt) >> 2;
        mp.w.set(h.subarray(w, w + mp.w.length));
        mg.w.set(h.subarray(g, g + mg.w.length));
        if (p.bAt !== null && mp.b && mg.b) {
          const b = (params[cur]! + p.bAt) >> 2, gb = (grads + p.bAt) >> 2;
          mp.b.set(h.subarray(b, b + mp.b.length));
          mg.b.set(h.subarray(gb, gb + mg.b.length));
        }
      });
    },
    syncIn() {
      const h = heap.floats();
      layers.forEach((p, l) => {
        const mp = model.params[l]!;
        h.set(mp.w, (params[cur]! + p.wAt) >> 2);
        if (p.bAt !== null && mp.b) h.set(mp.b, (params[cur]! + p.bAt) >> 2);
      });
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      heap.release(block);
    },
  };
  stepper.syncIn();
  return stepper;
}
