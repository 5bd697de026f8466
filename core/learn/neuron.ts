import { ELU_ALPHA, LEAKY_RELU_ALPHA, SCALAR_ACTIVATIONS } from '../nn/activations';
import type { ActivationName } from '../nn/spec';

/**
 * One McCulloch–Pitts neuron (seed NOTES §3): u = Σᵢ wᵢxᵢ + b, out = g(u),
 * and the activation table with each derivative written through the output
 * (sigmoid f(1 − f), tanh 1 − f², ReLU 0/1). Also "the loss is a function of
 * the parameters" (§4): binding the inputs turns a x₁² + b x₂² + c into a
 * linear function of (a, b, c).
 */

/** The element-wise activations (softmax couples units and has no scalar form). */
export type ScalarActivationName = Exclude<ActivationName, 'softmax'>;
export const SCALAR_ACTIVATION_NAMES = Object.keys(SCALAR_ACTIVATIONS) as ScalarActivationName[];

export interface NeuronArgs {
  weights: readonly number[];
  inputs: readonly number[];
  bias?: number;
  activation: ScalarActivationName;
}

export interface NeuronResult {
  /** wᵢxᵢ for each input (the terms the UI writes on the links). */
  terms: number[];
  /** Pre-activation u = Σ wᵢxᵢ + b. */
  u: number;
  /** out = g(u). */
  out: number;
  /** g′(u) = ∂out/∂u. */
  derivative: number;
}

/** Forward pass of one neuron. Throws if weights and inputs differ in length. */
export function neuronForward(args: NeuronArgs): NeuronResult {
  if (args.weights.length !== args.inputs.length) {
    throw new RangeError(`a neuron needs one weight per input: got ${args.weights.length} weights and ${args.inputs.length} inputs`);
  }
  const terms = args.weights.map((w, i) => w * args.inputs[i]!);
  const u = terms.reduce((s, t) => s + t, 0) + (args.bias ?? 0);
  const g = SCALAR_ACTIVATIONS[args.activation];
  return { terms, u, out: g.output(u), derivative: g.der(u) };
}

/** g and g′ sampled for plotting. */
export interface ActivationCurve {
  x: number[];
  f: number[];
  df: number[];
}

/** `n` ≥ 2 evenly spaced samples of g and g′ over [from, to] inclusive. */
export function activationCurve(name: ScalarActivationName, from: number, to: number, n: number): ActivationCurve {
  if (n < 2) throw new RangeError(`activationCurve needs at least 2 samples, got ${n}`);
  const g = SCALAR_ACTIVATIONS[name];
  const x = Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));
  return { x, f: x.map(g.output), df: x.map(g.der) };
}

/**
 * g′ written through the output f = g(u), as the article's table gives it:
 * sigmoid f(1 − f), tanh 1 − f², linear 1. For the ReLU family and ELU the
 * output alone decides the branch (f > 0 ⇔ u > 0): ReLU 0/1, leaky ReLU α/1,
 * ELU f + α / 1 (α as core/nn).
 */
export function derivativeFromOutput(name: ScalarActivationName, f: number): number {
  switch (name) {
    case 'linear': return 1;
    case 'sigmoid': return f * (1 - f);
    case 'tanh': return 1 - f * f;
    case 'relu': return f > 0 ? 1 : 0;
    case 'leaky-relu': return f > 0 ? 1 : LEAKY_RELU_ALPHA;
    case 'elu': return f > 0 ? 1 : f + ELU_ALPHA;
  }
}

/** One row of the activation table (LaTeX strings from core/nn). */
export interface ActivationRow {
  name: ScalarActivationName;
  formula: string;
  derivative: string;
  range: string;
}

/** The article's table, extended to every element-wise activation of core/nn. */
export function activationTable(): ActivationRow[] {
  return SCALAR_ACTIVATION_NAMES.map((name) => {
    const g = SCALAR_ACTIVATIONS[name];
    return { name, formula: g.formula, derivative: g.derivative, range: g.range };
  });
}

/** A term p · Πᵢ xᵢ^{powers[i]}: the parameter `name` times a monomial of the inputs. */
export interface ParamTerm {
  name: string;
  powers: readonly number[];
}

export interface BoundFunction {
  /** The coefficient of each parameter once the inputs are constants. */
  coefficients: number[];
  /** Plain text, e.g. `a + 9b + c`. */
  text: string;
  /** LaTeX, e.g. `a + 9b + c`. */
  latex: string;
  /** The function before binding, e.g. `a x_1^2 + b x_2^2 + c`. */
  originalLatex: string;
}

function printLinear(coefficients: readonly number[], names: readonly string[]): string {
  let out = '';
  coefficients.forEach((c, i) => {
    if (c === 0) return;
    const mag = Math.abs(c) === 1 ? '' : String(Math.abs(c));
    const term = `${mag}${names[i]}`;
    out += out === '' ? (c < 0 ? `-${term}` : term) : c < 0 ? ` - ${term}` : ` + ${term}`;
  });
  return out === '' ? '0' : out;
}

/**
 * Turns inputs into constants: f(x; p) = Σ_t p_t Πᵢ xᵢ^{k_ti} becomes the
 * linear function Σ_t c_t p_t with c_t = Πᵢ xᵢ^{k_ti}. For a x₁² + b x₂² + c
 * at x₁ = −1, x₂ = 3: coefficients [1, 9, 1], printed `a + 9b + c`.
 */
export function bindInputs(terms: readonly ParamTerm[], inputs: readonly number[]): BoundFunction {
  const coefficients = terms.map((t) => {
    if (t.powers.length > inputs.length) throw new RangeError(`term "${t.name}" uses ${t.powers.length} inputs, got ${inputs.length}`);
    return t.powers.reduce((c, k, i) => c * Math.pow(inputs[i]!, k), 1);
  });
  const names = terms.map((t) => t.name);
  const text = printLinear(coefficients, names);
  const originalLatex = terms.map((t) => {
    const mono = t.powers.map((k, i) => (k === 0 ? '' : k === 1 ? ` x_${i + 1}` : ` x_${i + 1}^${k}`)).join('');
    return `${t.name}${mono}`;
  }).join(' + ');
  return { coefficients, text, latex: text, originalLatex };
}

/** The article's example: a x₁² + b x₂² + c. */
export const ARTICLE_QUADRATIC: readonly ParamTerm[] = [
  { name: 'a', powers: [2, 0] },
  { name: 'b', powers: [0, 2] },
  { name: 'c', powers: [0, 0] },
];
