import type { ActivationName, LossName } from './spec';

/** Probabilities are clipped to [ε, 1 − ε] before a log when no fused form applies (as Keras). */
export const PROB_EPSILON = 1e-7;

/** Display formulas of the losses, per example, over K outputs. */
export const LOSS_FORMULAS: Readonly<Record<LossName, string>> = {
  mse: '\\frac{1}{K}\\sum_k (\\hat y_k - y_k)^2',
  'half-sse': '\\tfrac12 \\sum_k (\\hat y_k - y_k)^2',
  mae: '\\frac{1}{K}\\sum_k |\\hat y_k - y_k|',
  huber: '\\frac{1}{K}\\sum_k \\begin{cases}\\tfrac12 r_k^2 & |r_k| \\le \\delta\\\\ \\delta(|r_k| - \\tfrac12\\delta) & \\text{otherwise}\\end{cases}',
  'binary-crossentropy': '-\\frac{1}{K}\\sum_k \\big[y_k \\log \\hat y_k + (1-y_k)\\log(1-\\hat y_k)\\big]',
  'categorical-crossentropy': '-\\sum_k y_k \\log \\hat y_k',
};

/** How the output layer's delta is formed: through the activation, or fused with it. */
export type OutputFusion = 'none' | 'sigmoid-bce' | 'softmax-cce';

/** Which fused, numerically stable form applies to a loss after a given output activation. */
export function outputFusion(loss: LossName, outputActivations: readonly ActivationName[]): OutputFusion {
  const all = (k: ActivationName): boolean => outputActivations.every((a) => a === k);
  if (loss === 'categorical-crossentropy' && all('softmax')) return 'softmax-cce';
  if (loss === 'binary-crossentropy' && all('sigmoid')) return 'sigmoid-bce';
  return 'none';
}

/**
 * The mean loss over `rows` examples. Each example's loss follows
 * `LOSS_FORMULAS`; the batch loss is their mean (so per-sample SGD with the
 * seed's `half-sse` is exactly ½Σ(f − y)²). Fused forms read the
 * pre-activations `z` for stability (log-sum-exp, softplus).
 */
export function lossValue(loss: LossName, fusion: OutputFusion, z: Float32Array, a: Float32Array, y: Float32Array, rows: number, cols: number, huberDelta = 1): number {
  const n = rows * cols;
  let s = 0;
  switch (loss) {
    case 'mse': for (let i = 0; i < n; i++) { const r = a[i]! - y[i]!; s += r * r; } return s / n;
    case 'half-sse': for (let i = 0; i < n; i++) { const r = a[i]! - y[i]!; s += r * r; } return (0.5 * s) / rows;
    case 'mae': for (let i = 0; i < n; i++) s += Math.abs(a[i]! - y[i]!); return s / n;
    case 'huber':
      for (let i = 0; i < n; i++) {
        const r = Math.abs(a[i]! - y[i]!);
        s += r <= huberDelta ? 0.5 * r * r : huberDelta * (r - 0.5 * huberDelta);
      }
      return s / n;
    case 'binary-crossentropy':
      if (fusion === 'sigmoid-bce') {
        // −[y log σ(z) + (1−y) log(1−σ(z))] = max(z, 0) − z·y + log(1 + e^{−|z|})
        for (let i = 0; i < n; i++) { const x = z[i]!; s += Math.max(x, 0) - x * y[i]! + Math.log1p(Math.exp(-Math.abs(x))); }
      } else {
        for (let i = 0; i < n; i++) {
          const p = clipProb(a[i]!);
          s -= y[i]! * Math.log(p) + (1 - y[i]!) * Math.log(1 - p);
        }
      }
      return s / n;
    case 'categorical-crossentropy':
      if (fusion === 'softmax-cce') {
        // −Σ_k y_k log softmax(z)_k = Σ_k y_k (lse(z) − z_k)
        for (let r = 0; r < rows; r++) {
          const o = r * cols;
          let max = -Infinity;
          for (let j = 0; j < cols; j++) if (z[o + j]! > max) max = z[o + j]!;
          let sum = 0;
          for (let j = 0; j < cols; j++) sum += Math.exp(z[o + j]! - max);
          const lse = max + Math.log(sum);
          for (let j = 0; j < cols; j++) { const t = y[o + j]!; if (t !== 0) s += t * (lse - z[o + j]!); }
        }
      } else {
        for (let i = 0; i < n; i++) { const t = y[i]!; if (t !== 0) s -= t * Math.log(clipProb(a[i]!)); }
      }
      return s / rows;
  }
}

/**
 * The gradient of the mean loss. With fusion it is dL/dz directly (written to
 * `out`, returns true): softmax + CE gives (p·Σy − y)/rows, sigmoid + BCE gives
 * (σ(z) − y)/(rows·K). Without fusion it is dL/da (returns false) and the
 * caller continues through the activation's derivative.
 */
export function lossGradient(loss: LossName, fusion: OutputFusion, a: Float32Array, y: Float32Array, out: Float32Array, rows: number, cols: number, huberDelta = 1): boolean {
  const n = rows * cols;
  switch (loss) {
    case 'mse': { const k = 2 / n; for (let i = 0; i < n; i++) out[i] = k * (a[i]! - y[i]!); return false; }
    case 'half-sse': { const k = 1 / rows; for (let i = 0; i < n; i++) out[i] = k * (a[i]! - y[i]!); return false; }
    case 'mae': { const k = 1 / n; for (let i = 0; i < n; i++) { const r = a[i]! - y[i]!; out[i] = r > 0 ? k : r < 0 ? -k : 0; } return false; }
    case 'huber': {
      const k = 1 / n;
      for (let i = 0; i < n; i++) { const r = a[i]! - y[i]!; out[i] = k * (r > huberDelta ? huberDelta : r < -huberDelta ? -huberDelta : r); }
      return false;
    }
    case 'binary-crossentropy': {
      const k = 1 / n;
      if (fusion === 'sigmoid-bce') { for (let i = 0; i < n; i++) out[i] = k * (a[i]! - y[i]!); return true; }
      for (let i = 0; i < n; i++) {
        const p = a[i]!;
        // Zero where the forward pass clipped p, matching the clipped loss.
        out[i] = p <= PROB_EPSILON || p >= 1 - PROB_EPSILON ? 0 : k * ((p - y[i]!) / (p * (1 - p)));
      }
      return false;
    }
    case 'categorical-crossentropy': {
      const k = 1 / rows;
      if (fusion === 'softmax-cce') {
        for (let r = 0; r < rows; r++) {
          const o = r * cols;
          let ySum = 0;
          for (let j = 0; j < cols; j++) ySum += y[o + j]!;
          for (let j = 0; j < cols; j++) out[o + j] = k * (a[o + j]! * ySum - y[o + j]!);
        }
        return true;
      }
      for (let i = 0; i < n; i++) { const p = a[i]!; out[i] = p <= PROB_EPSILON ? 0 : (-k * y[i]!) / p; }
      return false;
    }
  }
}

function clipProb(p: number): number {
  return p < PROB_EPSILON ? PROB_EPSILON : p > 1 - PROB_EPSILON ? 1 - PROB_EPSILON : p;
}
