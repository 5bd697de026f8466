import type { Kernels } from '../math/kernels';
import { matrixOf, zeros, type Matrix } from '../math/matrix';
import type { Rng } from '../math/rng';
import { tsKernels } from '../math/ts-kernels';
import { SCALAR_ACTIVATIONS, activateInPlace, activationBackward, softmaxBackwardRows, softmaxRows, unitActivationsOf } from './activations';
import { defaultKernelInitializer, initialize } from './initializers';
import { lossGradient, lossValue, outputFusion, type OutputFusion } from './losses';
import type { DenseGrads, DenseParams, LayerTrace, Model } from './model-types';
import type { ActivationName, NetworkSpec } from './spec';
import { SpecError, checkSpec } from './spec-check';

export interface CreateModelArgs {
  /** Draws the initial weights. */
  rng: Rng;
  /** Compute backend (default: the pure-TypeScript kernels). */
  kernels?: Kernels;
}

/** Rows predicted at once, bounding the workspace `predict` needs on large data. */
const PREDICT_CHUNK = 1024;

interface LayerPlan {
  readonly inputs: number;
  readonly units: number;
  /** One activation for the whole layer, or null when units differ. */
  readonly uniform: ActivationName | null;
  readonly perUnit: readonly ActivationName[];
}

/** Buffers for `capacity` rows, reused across batches: z, a, δ per layer. */
interface Workspace {
  capacity: number;
  rows: number;
  z: Float32Array[];
  a: Float32Array[];
  delta: Float32Array[];
  /** Row indices for the sparse weight-gradient kernel. */
  rowScratch: Int32Array;
}

/** Builds a runtime model from a spec, drawing initial weights from `rng`. Throws `SpecError` on a bad spec. */
export function createModel(spec: NetworkSpec, args: CreateModelArgs): Model {
  checkSpec(spec);
  const k = args.kernels ?? tsKernels;
  const plans: LayerPlan[] = [];
  let fanIn = spec.inputs;
  for (const layer of spec.layers) {
    const perUnit = unitActivationsOf(layer);
    const uniform = perUnit.every((a) => a === perUnit[0]) ? perUnit[0]! : null;
    plans.push({ inputs: fanIn, units: layer.units, uniform, perUnit });
    fanIn = layer.units;
  }
  const outPlan = plans[plans.length - 1]!;
  const outputs = outPlan.units;
  const fusion: OutputFusion = outputFusion(spec.loss, outPlan.perUnit);
  const huberDelta = spec.huberDelta ?? 1;

  const params: DenseParams[] = [];
  const grads: DenseGrads[] = [];
  spec.layers.forEach((layer, i) => {
    const p = plans[i]!;
    const useBias = layer.useBias !== false;
    const w = new Float32Array(p.inputs * p.units);
    initialize(layer.kernelInitializer ?? defaultKernelInitializer(layer.activation), w, p.inputs, p.units, args.rng, `layers[${i}].kernelInitializer`);
    const b = useBias ? new Float32Array(p.units) : null;
    if (b) initialize(layer.biasInitializer ?? { kind: 'zeros' }, b, p.inputs, p.units, args.rng, `layers[${i}].biasInitializer`);
    params.push({ w, b });
    grads.push({ w: new Float32Array(w.length), b: b ? new Float32Array(b.length) : null });
  });
  const parameterCount = params.reduce((s, p) => s + p.w.length + (p.b ? p.b.length : 0), 0);

  let ws: Workspace = allocate(1);

  function allocate(capacity: number): Workspace {
    return {
      capacity, rows: 0,
      z: plans.map((p) => new Float32Array(capacity * p.units)),
      a: plans.map((p) => new Float32Array(capacity * p.units)),
      delta: plans.map((p) => new Float32Array(capacity * p.units)),
      rowScratch: new Int32Array(capacity),
    };
  }

  function ensure(rows: number): Workspace {
    if (rows > ws.capacity) ws = allocate(rows);
    ws.rows = rows;
    return ws;
  }

  function checkInputs(x: Matrix, what: string): void {
    if (x.cols !== spec.inputs) throw new SpecError(`${what} has ${x.cols} columns, but the network takes ${spec.inputs} inputs`);
  }

  function checkTargets(x: Matrix, y: Matrix): void {
    if (y.cols !== outputs) throw new SpecError(`targets have ${y.cols} columns, but the network has ${outputs} outputs`);
    if (y.rows !== x.rows) throw new SpecError(`inputs have ${x.rows} rows but targets have ${y.rows}`);
  }

  /** Forward pass over `rows` rows of `x` (row-major, `inputs` wide) into the workspace. */
  function forward(x: Float32Array, rows: number): void {
    const w = ensure(rows);
    let input = x;
    for (let l = 0; l < plans.length; l++) {
      const p = plans[l]!;
      const { w: kernel, b } = params[l]!;
      const z = w.z[l]!, a = w.a[l]!;
      k.dense(input, kernel, b, z, rows, p.inputs, p.units);
      const n = rows * p.units;
      if (p.uniform === 'softmax') softmaxRows(z, a, rows, p.units);
      else if (p.uniform !== null) activateInPlace(p.uniform, z, a, n);
      else activateMixed(p.perUnit, z, a, rows, p.units);
      input = a;
    }
  }

  /** Backward pass from the loss; fills grads and every layer's δ = dL/dz. */
  function backward(x: Float32Array, y: Float32Array, rows: number): void {
    const last = plans.length - 1;
    const o = ws.delta[last]!;
    const fused = lossGradient(spec.loss, fusion, ws.a[last]!, y, o, rows, outputs, huberDelta);
    if (!fused) activationGrad(plans[last]!, ws.z[last]!, ws.a[last]!, o, rows);
    for (let l = last; l >= 0; l--) {
      const p = plans[l]!;
      const input = l === 0 ? x : ws.a[l - 1]!;
      const delta = ws.delta[l]!;
      // dL/dW = Xᵀ·δ, [in × rows]·[rows × units] → [in × units]; dL/db = Σ_rows δ.
      // Behind a ReLU about half of δ is exactly zero, which the sparse kernel skips.
      if (p.uniform === 'relu') k.matmulTASparseB(input, delta, grads[l]!.w, p.inputs, rows, p.units, false, ws.rowScratch);
      else k.matmulTA(input, delta, grads[l]!.w, p.inputs, rows, p.units, false);
      const gb = grads[l]!.b;
      if (gb) k.sumRows(delta, gb, rows, p.units, false);
      if (l > 0) {
        // dL/da_{l−1} = δ·Wᵀ, [rows × units]·[units × in] → [rows × in], then through g′
        const prev = plans[l - 1]!;
        const gPrev = ws.delta[l - 1]!;
        k.matmulTB(delta, params[l]!.w, gPrev, rows, p.units, p.inputs, false);
        activationGrad(prev, ws.z[l - 1]!, ws.a[l - 1]!, gPrev, rows);
      }
    }
  }

  const model: Model = {
    spec, params, grads, parameterCount, kernels: k,
    predict(x) {
      checkInputs(x, 'the input');
      const out = zeros(x.rows, outputs);
      for (let r0 = 0; r0 < x.rows; r0 += PREDICT_CHUNK) {
        const rows = Math.min(PREDICT_CHUNK, x.rows - r0);
        forward(x.data.subarray(r0 * spec.inputs, (r0 + rows) * spec.inputs), rows);
        out.data.set(ws.a[plans.length - 1]!.subarray(0, rows * outputs), r0 * outputs);
      }
      return out;
    },
    loss(x, y, onChunk) {
      checkInputs(x, 'the input'); checkTargets(x, y);
      let total = 0;
      for (let r0 = 0; r0 < x.rows; r0 += PREDICT_CHUNK) {
        const rows = Math.min(PREDICT_CHUNK, x.rows - r0);
        forward(x.data.subarray(r0 * spec.inputs, (r0 + rows) * spec.inputs), rows);
        const last = plans.length - 1;
        const target = y.data.subarray(r0 * outputs, (r0 + rows) * outputs);
        total += rows * lossValue(spec.loss, fusion, ws.z[last]!, ws.a[last]!, target, rows, outputs, huberDelta);
        onChunk?.(ws.a[last]!.subarray(0, rows * outputs), target, rows);
      }
      return x.rows === 0 ? 0 : total / x.rows;
    },
    lossAndGradients(x, y) {
      checkInputs(x, 'the input'); checkTargets(x, y);
      forward(x.data, x.rows);
      const last = plans.length - 1;
      const value = lossValue(spec.loss, fusion, ws.z[last]!, ws.a[last]!, y.data, x.rows, outputs, huberDelta);
      backward(x.data, y.data, x.rows);
      return value;
    },
    outputView() {
      return ws.a[plans.length - 1]!.subarray(0, ws.rows * outputs);
    },
    traces() {
      const rows = ws.rows;
      return plans.map((p, l): LayerTrace => ({
        z: matrixOf(rows, p.units, ws.z[l]!.slice(0, rows * p.units)),
        a: matrixOf(rows, p.units, ws.a[l]!.slice(0, rows * p.units)),
        delta: matrixOf(rows, p.units, ws.delta[l]!.slice(0, rows * p.units)),
      }));
    },
    getWeights() {
      return params.flatMap((p) => (p.b ? [p.w.slice(), p.b.slice()] : [p.w.slice()]));
    },
    setWeights(weights) {
      const targets = params.flatMap((p) => (p.b ? [p.w, p.b] : [p.w]));
      if (weights.length !== targets.length) throw new SpecError(`expected ${targets.length} weight arrays, got ${weights.length}`);
      targets.forEach((t, i) => {
        const src = weights[i]!;
        if (src.length !== t.length) throw new SpecError(`weight array ${i} has ${src.length} values, expected ${t.length}`);
      });
      targets.forEach((t, i) => t.set(weights[i]!));
    },
  };
  return model;
}

/** δ = dL/da ⊙ g′ in place, for a layer's activation(s). */
function activationGrad(p: LayerPlan, z: Float32Array, a: Float32Array, g: Float32Array, rows: number): void {
  if (p.uniform === 'softmax') softmaxBackwardRows(a, g, g, rows, p.units);
  else if (p.uniform !== null) activationBackward(p.uniform, z, a, g, g, rows * p.units);
  else {
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < p.units; j++) {
        const i = r * p.units + j;
        g[i] = g[i]! * SCALAR_ACTIVATIONS[p.perUnit[j] as Exclude<ActivationName, 'softmax'>].der(z[i]!);
      }
    }
  }
}

/** a = g_j(z) column by column, for layers whose units have different activations. */
function activateMixed(kinds: readonly ActivationName[], z: Float32Array, a: Float32Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) {
      const i = r * cols + j;
      a[i] = SCALAR_ACTIVATIONS[kinds[j] as Exclude<ActivationName, 'softmax'>].output(z[i]!);
    }
  }
}
