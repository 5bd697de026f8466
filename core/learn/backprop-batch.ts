import type { NetworkSpec } from '../nn/spec';
import type { ForwardTrace, LayerArrays, LayerWeights, ParamRef } from './backprop-types';
import { checkParam, forwardTrace, listParameters } from './backprop';

/**
 * Checks and batches for the chain-rule lab: the central finite difference
 * (the oracle), all gradients of one example from its deltas, the per-example
 * gradients of a batch and their mean (seed NOTES §6: averaging the examples'
 * gradients is the gradient of the mean loss), and one update by hand.
 */

/** One training example. */
export interface Example {
  input: readonly number[];
  target: readonly number[];
}

/** The weights as editable float64 arrays (same layout). */
export function copyWeights(weights: readonly LayerWeights[]): LayerArrays[] {
  return weights.map((l) => ({ w: Array.from(l.w), b: l.b ? Array.from(l.b) : null }));
}

/** Reads one parameter's value. */
export function getParam(weights: readonly LayerWeights[], spec: NetworkSpec, p: ParamRef): number {
  const l = weights[p.layer]!;
  return p.kind === 'w' ? l.w[(p.from ?? 0) * spec.layers[p.layer]!.units + p.to]! : l.b![p.to]!;
}

function setParam(weights: LayerArrays[], spec: NetworkSpec, p: ParamRef, value: number): void {
  const l = weights[p.layer]!;
  if (p.kind === 'w') l.w[(p.from ?? 0) * spec.layers[p.layer]!.units + p.to] = value;
  else l.b![p.to] = value;
}

/** Central difference (L(θ + h) − L(θ − h)) / 2h for one parameter, in float64. */
export function finiteDifference(spec: NetworkSpec, weights: readonly LayerWeights[], input: readonly number[], target: readonly number[], param: ParamRef, h = 1e-6): number {
  const base = forwardTrace(spec, weights, input, target);
  checkParam(base, param);
  const w = copyWeights(weights);
  const v = getParam(weights, spec, param);
  setParam(w, spec, param, v + h);
  const plus = forwardTrace(spec, w, input, target).loss;
  setParam(w, spec, param, v - h);
  const minus = forwardTrace(spec, w, input, target).loss;
  return (plus - minus) / (2 * h);
}

/**
 * How well two gradient values agree: `absolute` = |a − b| and `relative` =
 * |a − b| / max(|a|, |b|, 1e-12). `agree` when absolute ≤ tol or relative ≤ tol (default 1e-4).
 */
export function gradientAgreement(a: number, b: number, tol = 1e-4): { absolute: number; relative: number; agree: boolean } {
  const absolute = Math.abs(a - b);
  const relative = absolute / Math.max(Math.abs(a), Math.abs(b), 1e-12);
  return { absolute, relative, agree: absolute <= tol || relative <= tol };
}

/** Every gradient of one example from its deltas: dL/dw_ij = in_i · δ_j, dL/db_j = δ_j (layout as the weights). */
export function allGradients(trace: ForwardTrace): LayerArrays[] {
  return trace.spec.layers.map((layer, l) => {
    const src = l === 0 ? trace.input : trace.out[l - 1]!;
    const d = trace.delta[l]!;
    const w = new Array<number>(src.length * layer.units);
    src.forEach((x, i) => d.forEach((dj, j) => { w[i * layer.units + j] = x * dj; }));
    return { w, b: layer.useBias === false ? null : [...d] };
  });
}

export interface BatchGradients {
  /** Each example's loss and gradients. */
  perExample: { loss: number; grads: LayerArrays[] }[];
  /** Mean of the per-example gradients = gradient of the mean loss. */
  mean: LayerArrays[];
  meanLoss: number;
}

/** Per-example gradients and their average (the batch gradient of §2.2.3). Throws on an empty batch. */
export function batchGradients(spec: NetworkSpec, weights: readonly LayerWeights[], examples: readonly Example[]): BatchGradients {
  if (examples.length === 0) throw new RangeError('a batch needs at least one example');
  const perExample = examples.map((ex) => {
    const trace = forwardTrace(spec, weights, ex.input, ex.target);
    return { loss: trace.loss, grads: allGradients(trace) };
  });
  const n = examples.length;
  const mean = perExample[0]!.grads.map((layer, l) => ({
    w: layer.w.map((_, i) => perExample.reduce((s, e) => s + e.grads[l]!.w[i]!, 0) / n),
    b: layer.b ? layer.b.map((_, i) => perExample.reduce((s, e) => s + e.grads[l]!.b![i]!, 0) / n) : null,
  }));
  return { perExample, mean, meanLoss: perExample.reduce((s, e) => s + e.loss, 0) / n };
}

/** Mean loss over examples. */
export function meanLoss(spec: NetworkSpec, weights: readonly LayerWeights[], examples: readonly Example[]): number {
  return examples.reduce((s, ex) => s + forwardTrace(spec, weights, ex.input, ex.target).loss, 0) / examples.length;
}

export interface StepByHandArgs {
  spec: NetworkSpec;
  weights: readonly LayerWeights[];
  /** Gradients in the weights' layout (e.g. `batchGradients(...).mean`). */
  grads: readonly LayerArrays[];
  /** Learning rate η. */
  rate: number;
  /** One parameter, or every parameter. */
  which: ParamRef | 'all';
  /** The examples whose mean loss is reported before and after. */
  examples: readonly Example[];
}

export interface StepByHandResult {
  weights: LayerArrays[];
  /** Each updated parameter: w ← w − η·g. */
  changes: { param: ParamRef; before: number; gradient: number; after: number }[];
  lossBefore: number;
  lossAfter: number;
}

/** One gradient step by hand, w ← w − η·∂L/∂w, on one parameter or all, with the mean loss before and after. */
export function stepByHand(args: StepByHandArgs): StepByHandResult {
  const { spec, rate } = args;
  const params = args.which === 'all' ? listParameters(spec) : [args.which];
  const weights = copyWeights(args.weights);
  const changes = params.map((param) => {
    const before = getParam(args.weights, spec, param);
    const gradient = getParam(args.grads, spec, param);
    const after = before - rate * gradient;
    setParam(weights, spec, param, after);
    return { param, before, gradient, after };
  });
  return { weights, changes, lossBefore: meanLoss(spec, args.weights, args.examples), lossAfter: meanLoss(spec, weights, args.examples) };
}
