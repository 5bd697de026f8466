import { PROB_EPSILON } from '../nn/losses';
import { SCALAR_ACTIVATIONS, unitActivationsOf } from '../nn/activations';
import { checkSpec } from '../nn/spec-check';
import type { ActivationName, NetworkSpec } from '../nn/spec';
import type { Factor, ForwardTrace, GradientPath, LayerWeights, ParamRef, ParameterGradient } from './backprop-types';
import { articleNotation, generalNotation, isArticleNetwork, symbolicFormula } from './backprop-notation';

/**
 * The chain rule made visible (seed NOTES §5). A forward pass in float64 keeps
 * every u and out; ∂L/∂w for one weight is then written as a SUM OVER PATHS
 * from the loss down to the weight, each path a product of typed factors:
 *   ∂L/∂w_ij^(l) = Σ_paths ∂L/∂out_k · g′(u_k) · w · g′(u) · … · g′(u_j) · in_i,
 * while backpropagation computes the same number as δ_j · in_i with
 * δ^(L)_k = ∂L/∂out_k · g′(u_k) and δ^(l)_j = g′(u_j) Σ_k w_jk δ^(l+1)_k,
 * reusing each δ for every path through its node.
 */

/** Beyond this many paths a parameter's expansion is not drawn (`parameterGradient` throws). */
export const MAX_PATHS = 4096;

type Scalar = Exclude<ActivationName, 'softmax'>;

/** Per-example loss and ∂L/∂out, matching core/nn/losses with a batch of one. */
function lossAndDerivative(spec: NetworkSpec, uOut: readonly number[], out: readonly number[], y: readonly number[], outActs: readonly ActivationName[]): { loss: number; d: number[] } {
  const K = out.length;
  const r = out.map((a, k) => a - y[k]!);
  const hd = spec.huberDelta ?? 1;
  const clip = (p: number): number => Math.min(1 - PROB_EPSILON, Math.max(PROB_EPSILON, p));
  switch (spec.loss) {
    case 'half-sse': return { loss: 0.5 * r.reduce((s, v) => s + v * v, 0), d: r };
    case 'mse': return { loss: r.reduce((s, v) => s + v * v, 0) / K, d: r.map((v) => (2 * v) / K) };
    case 'mae': return { loss: r.reduce((s, v) => s + Math.abs(v), 0) / K, d: r.map((v) => Math.sign(v) / K) };
    case 'huber': return {
      loss: r.reduce((s, v) => s + (Math.abs(v) <= hd ? 0.5 * v * v : hd * (Math.abs(v) - 0.5 * hd)), 0) / K,
      d: r.map((v) => Math.max(-hd, Math.min(hd, v)) / K),
    };
    case 'binary-crossentropy': {
      // −(1/K) Σ [y log p + (1−y) log(1−p)]; after sigmoid outputs, the softplus form in u, as the library fuses it.
      const fused = outActs.every((a) => a === 'sigmoid');
      const loss = out.reduce((s, p, k) => {
        const t = y[k]!, z = uOut[k]!, q = clip(p);
        return s + (fused ? Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z))) : -(t * Math.log(q) + (1 - t) * Math.log(1 - q)));
      }, 0) / K;
      return { loss, d: out.map((p, k) => (p - y[k]!) / (K * p * (1 - p))) };
    }
    case 'categorical-crossentropy': {
      let loss = 0;
      if (outActs.every((a) => a === 'softmax')) {
        const max = Math.max(...uOut);
        const lse = max + Math.log(uOut.reduce((s, z) => s + Math.exp(z - max), 0));
        loss = y.reduce((s, t, k) => s + (t === 0 ? 0 : t * (lse - uOut[k]!)), 0);
      } else {
        loss = -y.reduce((s, t, k) => s + (t === 0 ? 0 : t * Math.log(clip(out[k]!))), 0);
      }
      return { loss, d: out.map((p, k) => -y[k]! / p) };
    }
  }
}

function checkShapes(spec: NetworkSpec, weights: readonly LayerWeights[], input: readonly number[], target: readonly number[]): void {
  checkSpec(spec);
  spec.layers.forEach((layer, l) => {
    if (layer.activation === 'softmax' && l < spec.layers.length - 1) throw new RangeError(`layer ${l}: the chain-rule view supports softmax only in the output layer`);
  });
  if (weights.length !== spec.layers.length) throw new RangeError(`expected weights for ${spec.layers.length} layers, got ${weights.length}`);
  let fanIn = spec.inputs;
  spec.layers.forEach((layer, l) => {
    const wl = weights[l]!;
    if (wl.w.length !== fanIn * layer.units) throw new RangeError(`layer ${l}: kernel has ${wl.w.length} values, expected ${fanIn}×${layer.units}`);
    const wantBias = layer.useBias !== false;
    if (wantBias !== (wl.b !== null) || (wl.b && wl.b.length !== layer.units)) {
      throw new RangeError(`layer ${l}: bias ${wantBias ? `of ${layer.units} values expected` : 'not expected (useBias: false)'}`);
    }
    fanIn = layer.units;
  });
  if (input.length !== spec.inputs) throw new RangeError(`the input has ${input.length} values, but the network takes ${spec.inputs}`);
  if (target.length !== fanIn) throw new RangeError(`the target has ${target.length} values, but the network has ${fanIn} outputs`);
}

/** g′(u) for an element-wise unit (through the output where the library does: sigmoid, tanh, ELU). */
function gPrime(kind: ActivationName, u: number): number {
  return SCALAR_ACTIVATIONS[kind as Scalar].der(u);
}

/** Forward pass in float64 keeping every u and out, then δ of every unit by backpropagation. */
export function forwardTrace(spec: NetworkSpec, weights: readonly LayerWeights[], input: readonly number[], target: readonly number[]): ForwardTrace {
  checkShapes(spec, weights, input, target);
  const activations = spec.layers.map((layer) => (layer.activation === 'softmax' ? new Array<ActivationName>(layer.units).fill('softmax') : unitActivationsOf(layer)));
  const u: number[][] = [], out: number[][] = [];
  let x: readonly number[] = input;
  spec.layers.forEach((layer, l) => {
    const { w, b } = weights[l]!;
    const ul = Array.from({ length: layer.units }, (_, j) => x.reduce((s, xi, i) => s + xi * w[i * layer.units + j]!, b ? b[j]! : 0));
    let ol: number[];
    if (layer.activation === 'softmax') {
      const max = Math.max(...ul);
      const e = ul.map((z) => Math.exp(z - max));
      const sum = e.reduce((s, v) => s + v, 0);
      ol = e.map((v) => v / sum);
    } else {
      ol = ul.map((z, j) => SCALAR_ACTIVATIONS[activations[l]![j] as Scalar].output(z));
    }
    u.push(ul); out.push(ol); x = ol;
  });
  const last = spec.layers.length - 1;
  const softmax = spec.layers[last]!.activation === 'softmax';
  const { loss, d } = lossAndDerivative(spec, u[last]!, out[last]!, target, activations[last]!);
  const delta: number[][] = spec.layers.map((layer) => new Array<number>(layer.units).fill(0));
  const fo = out[last]!;
  delta[last] = softmax
    ? fo.map((aj, j) => d.reduce((s, dk, k) => s + dk * fo[k]! * ((k === j ? 1 : 0) - aj), 0))
    : fo.map((_, j) => d[j]! * gPrime(activations[last]![j]!, u[last]![j]!));
  for (let l = last - 1; l >= 0; l--) {
    const next = spec.layers[l + 1]!.units, wn = weights[l + 1]!.w;
    delta[l] = u[l]!.map((z, j) => gPrime(activations[l]![j]!, z) * delta[l + 1]!.reduce((s, dk, k) => s + wn[j * next + k]! * dk, 0));
  }
  return { spec, weights, input, target, activations, u, out, loss, lossDerivative: d, delta };
}

/** Every trainable parameter of a spec, layer by layer: kernel entries (from-major), then biases. */
export function listParameters(spec: NetworkSpec): ParamRef[] {
  const refs: ParamRef[] = [];
  let fanIn = spec.inputs;
  spec.layers.forEach((layer, l) => {
    for (let from = 0; from < fanIn; from++) for (let to = 0; to < layer.units; to++) refs.push({ layer: l, kind: 'w', from, to });
    if (layer.useBias !== false) for (let to = 0; to < layer.units; to++) refs.push({ layer: l, kind: 'b', to });
    fanIn = layer.units;
  });
  return refs;
}

/** The value feeding a weight: input x_from for layer 0, else out of unit `from` one layer down. */
export function sourceFactor(trace: ForwardTrace, param: ParamRef): Factor {
  const from = param.from ?? 0;
  return param.layer === 0
    ? { kind: 'input', index: from, value: trace.input[from]! }
    : { kind: 'activation', layer: param.layer - 1, unit: from, value: trace.out[param.layer - 1]![from]! };
}

/** Validates a parameter against the trace's network; throws a RangeError naming the problem. */
export function checkParam(trace: ForwardTrace, param: ParamRef): void {
  const layer = trace.spec.layers[param.layer];
  if (!layer) throw new RangeError(`layer ${param.layer} does not exist (the network has ${trace.spec.layers.length})`);
  if (!(param.to >= 0 && param.to < layer.units)) throw new RangeError(`layer ${param.layer} has no unit ${param.to}`);
  const fanIn = param.layer === 0 ? trace.spec.inputs : trace.spec.layers[param.layer - 1]!.units;
  if (param.kind === 'w' && !(param.from !== undefined && param.from >= 0 && param.from < fanIn)) {
    throw new RangeError(`a weight of layer ${param.layer} needs "from" in 0..${fanIn - 1}`);
  }
  if (param.kind === 'b' && layer.useBias === false) throw new RangeError(`layer ${param.layer} has no bias (useBias: false)`);
}

/** Factors from the loss down to u of (layer, unit), one list per path (loss first). */
function chains(trace: ForwardTrace, layer: number, unit: number): Factor[][] {
  const last = trace.spec.layers.length - 1;
  const act = (l: number, j: number): Factor => ({ kind: 'activation-derivative', layer: l, unit: j, value: gPrime(trace.activations[l]![j]!, trace.u[l]![j]!) });
  if (layer === last) {
    const d = trace.lossDerivative;
    if (trace.spec.layers[last]!.activation !== 'softmax') return [[{ kind: 'loss-derivative', output: unit, value: d[unit]! }, act(last, unit)]];
    const o = trace.out[last]!;
    return o.map((ok, k) => [
      { kind: 'loss-derivative', output: k, value: d[k]! },
      { kind: 'softmax-derivative', layer: last, output: k, unit, value: ok * ((k === unit ? 1 : 0) - o[unit]!) },
    ]);
  }
  const next = trace.spec.layers[layer + 1]!.units;
  const wn = trace.weights[layer + 1]!.w;
  const result: Factor[][] = [];
  for (let k = 0; k < next; k++) {
    for (const c of chains(trace, layer + 1, k)) {
      result.push([...c, { kind: 'weight', layer: layer + 1, from: unit, to: k, value: wn[unit * next + k]! }, act(layer, unit)]);
    }
  }
  return result;
}

/** Number of loss-to-unit paths for a unit of `layer`. */
function pathCount(spec: NetworkSpec, layer: number): number {
  const last = spec.layers.length - 1;
  let n = spec.layers[last]!.activation === 'softmax' ? spec.layers[last]!.units : 1;
  for (let l = layer + 1; l <= last; l++) n *= spec.layers[l]!.units;
  return n;
}

/**
 * ∂L/∂param as a sum over paths (see the module comment), with each path's
 * reused δ marked and the derivative's LaTeX in the article's notation when the
 * network is the article's 3-2-2 network, else in w^{(l)}_{ji} notation.
 */
export function parameterGradient(trace: ForwardTrace, param: ParamRef): ParameterGradient {
  checkParam(trace, param);
  if (pathCount(trace.spec, param.layer) > MAX_PATHS) {
    throw new RangeError(`this parameter has ${pathCount(trace.spec, param.layer)} chain-rule paths; at most ${MAX_PATHS} can be listed`);
  }
  const last = trace.spec.layers.length - 1;
  const source = param.kind === 'w' ? sourceFactor(trace, param) : null;
  const deltaAbove = (f: Factor): GradientPath['reusedDelta'] => {
    if (param.layer === last || f.kind !== 'weight') return null;
    return { layer: f.layer, unit: f.to, value: trace.delta[f.layer]![f.to]!, factorCount: 0 };
  };
  const paths = chains(trace, param.layer, param.to).map((c): GradientPath => {
    const factors = source ? [...c, source] : c;
    const product = factors.reduce((p, f) => p * f.value, 1);
    // The weight into the parameter's unit sits right after the factors of δ one layer up.
    const wIndex = c.length - 2;
    const reused = param.layer === last ? null : deltaAbove(c[wIndex]!);
    return { factors, product, reusedDelta: reused && { ...reused, factorCount: wIndex } };
  });
  const delta = trace.delta[param.layer]![param.to]!;
  const notation = isArticleNetwork(trace.spec) ? articleNotation : generalNotation;
  return {
    param,
    value: delta * (source ? source.value : 1),
    pathSum: paths.reduce((s, p) => s + p.product, 0),
    paths,
    delta: { layer: param.layer, unit: param.to, value: delta },
    symbolic: symbolicFormula(trace, param, notation),
  };
}
