import type { ActivationName } from './spec';

/** Slope of leaky ReLU for negative inputs. */
export const LEAKY_RELU_ALPHA = 0.01;
/** α of ELU: the value it tends to as x → −∞ is −α. */
export const ELU_ALPHA = 1;

/**
 * One activation as a scalar pair, the way the Learn views and tests use it:
 * `output(x)` is g(x) and `der(x)` is g′(x).
 */
export interface ScalarActivation {
  readonly name: ActivationName;
  /** The formula as LaTeX, for display. */
  readonly formula: string;
  /** The derivative as LaTeX. */
  readonly derivative: string;
  /** The range of g, as text. */
  readonly range: string;
  output(x: number): number;
  der(x: number): number;
}

const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/**
 * Scalar forms of the element-wise activations. Softmax couples a whole
 * layer's units, so it is not in this table (see `softmaxRows`).
 */
export const SCALAR_ACTIVATIONS: Readonly<Record<Exclude<ActivationName, 'softmax'>, ScalarActivation>> = {
  /** g(x) = x, g′(x) = 1 */
  linear: { name: 'linear', formula: 'x', derivative: '1', range: '(-\\infty, \\infty)', output: (x) => x, der: () => 1 },
  /** g(x) = 1 / (1 + e^{−x}), g′(x) = g(x)(1 − g(x)) */
  sigmoid: {
    name: 'sigmoid', formula: '\\frac{1}{1+e^{-x}}', derivative: 'f(x)\\,(1-f(x))', range: '(0, 1)',
    output: sigmoid, der: (x) => { const s = sigmoid(x); return s * (1 - s); },
  },
  /** g(x) = (1 − e^{−2x}) / (1 + e^{−2x}), g′(x) = 1 − g(x)² */
  tanh: {
    name: 'tanh', formula: '\\frac{1-e^{-2x}}{1+e^{-2x}}', derivative: '1-f(x)^2', range: '(-1, 1)',
    output: Math.tanh, der: (x) => { const t = Math.tanh(x); return 1 - t * t; },
  },
  /** g(x) = max(0, x), g′(x) = 1 for x > 0 else 0 */
  relu: {
    name: 'relu', formula: '\\max(0, x)', derivative: '\\begin{cases}0 & x \\le 0\\\\ 1 & x > 0\\end{cases}', range: '[0, \\infty)',
    output: (x) => (x > 0 ? x : 0), der: (x) => (x > 0 ? 1 : 0),
  },
  /** g(x) = x for x > 0 else αx, g′(x) = 1 or α (α = 0.01) */
  'leaky-relu': {
    name: 'leaky-relu', formula: '\\begin{cases}\\alpha x & x \\le 0\\\\ x & x > 0\\end{cases}',
    derivative: '\\begin{cases}\\alpha & x \\le 0\\\\ 1 & x > 0\\end{cases}', range: '(-\\infty, \\infty)',
    output: (x) => (x > 0 ? x : LEAKY_RELU_ALPHA * x), der: (x) => (x > 0 ? 1 : LEAKY_RELU_ALPHA),
  },
  /** g(x) = x for x > 0 else α(eˣ − 1), g′(x) = 1 or g(x) + α (α = 1) */
  elu: {
    name: 'elu', formula: '\\begin{cases}\\alpha (e^{x}-1) & x \\le 0\\\\ x & x > 0\\end{cases}',
    derivative: '\\begin{cases}f(x)+\\alpha & x \\le 0\\\\ 1 & x > 0\\end{cases}', range: '(-\\alpha, \\infty)',
    output: (x) => (x > 0 ? x : ELU_ALPHA * Math.expm1(x)), der: (x) => (x > 0 ? 1 : ELU_ALPHA * Math.exp(x)),
  },
};

/**
 * a = g(z) element-wise over `n` values starting at index 0, for one
 * activation kind. `softmax` must go through `softmaxRows`.
 */
export function activateInPlace(kind: ActivationName, z: Float32Array, a: Float32Array, n: number): void {
  switch (kind) {
    case 'linear': if (a !== z) a.set(z.subarray(0, n)); return;
    case 'sigmoid': for (let i = 0; i < n; i++) { const x = z[i]!; a[i] = x >= 0 ? 1 / (1 + Math.exp(-x)) : 1 - 1 / (1 + Math.exp(x)); } return;
    case 'tanh': for (let i = 0; i < n; i++) a[i] = Math.tanh(z[i]!); return;
    // ½(x + |x|) is max(x, 0) without a branch: random signs would mispredict half the time.
    case 'relu': for (let i = 0; i < n; i++) { const x = z[i]!; a[i] = 0.5 * (x + Math.abs(x)); } return;
    case 'leaky-relu': for (let i = 0; i < n; i++) { const x = z[i]!; a[i] = x > 0 ? x : LEAKY_RELU_ALPHA * x; } return;
    case 'elu': for (let i = 0; i < n; i++) { const x = z[i]!; a[i] = x > 0 ? x : ELU_ALPHA * Math.expm1(x); } return;
    case 'softmax': throw new Error('softmax is applied per row: use softmaxRows');
  }
}

/**
 * delta = dL/dz = dL/da ⊙ g′(z), element-wise, using whichever of z or a = g(z)
 * gives g′ most cheaply. `delta` may alias `gradA`.
 */
export function activationBackward(kind: ActivationName, z: Float32Array, a: Float32Array, gradA: Float32Array, delta: Float32Array, n: number): void {
  switch (kind) {
    case 'linear': if (delta !== gradA) delta.set(gradA.subarray(0, n)); return;
    case 'sigmoid': for (let i = 0; i < n; i++) { const s = a[i]!; delta[i] = gradA[i]! * s * (1 - s); } return;
    case 'tanh': for (let i = 0; i < n; i++) { const t = a[i]!; delta[i] = gradA[i]! * (1 - t * t); } return;
    case 'relu': for (let i = 0; i < n; i++) delta[i] = gradA[i]! * +(z[i]! > 0); return;
    case 'leaky-relu': for (let i = 0; i < n; i++) delta[i] = z[i]! > 0 ? gradA[i]! : LEAKY_RELU_ALPHA * gradA[i]!; return;
    case 'elu': for (let i = 0; i < n; i++) delta[i] = z[i]! > 0 ? gradA[i]! : gradA[i]! * (a[i]! + ELU_ALPHA); return;
    case 'softmax': throw new Error('softmax is differentiated per row: use softmaxBackwardRows');
  }
}

/** a_r = softmax(z_r) for each row r of a [rows × cols] block: a_j = e^{z_j − max} / Σ_k e^{z_k − max}. */
export function softmaxRows(z: Float32Array, a: Float32Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (z[o + j]! > max) max = z[o + j]!;
    let sum = 0;
    for (let j = 0; j < cols; j++) { const e = Math.exp(z[o + j]! - max); a[o + j] = e; sum += e; }
    const inv = 1 / sum;
    for (let j = 0; j < cols; j++) a[o + j] = a[o + j]! * inv;
  }
}

/** Softmax Jacobian-vector product per row: δ_j = a_j (g_j − Σ_k g_k a_k). `delta` may alias `gradA`. */
export function softmaxBackwardRows(a: Float32Array, gradA: Float32Array, delta: Float32Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let dot = 0;
    for (let j = 0; j < cols; j++) dot += gradA[o + j]! * a[o + j]!;
    for (let j = 0; j < cols; j++) delta[o + j] = a[o + j]! * (gradA[o + j]! - dot);
  }
}

/** The activation of each unit of a layer (its `unitActivations`, or `activation` repeated). */
export function unitActivationsOf(layer: { units: number; activation: ActivationName; unitActivations?: ActivationName[] }): ActivationName[] {
  return layer.unitActivations ? [...layer.unitActivations] : new Array<ActivationName>(layer.units).fill(layer.activation);
}
