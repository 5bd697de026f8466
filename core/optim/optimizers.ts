import type { OptimizerConfig } from './config';

/** One trainable array with its gradient; kernels get penalties and weight decay, biases do not. */
export interface ParamSlot {
  readonly value: Float32Array;
  readonly grad: Float32Array;
  readonly isKernel: boolean;
}

/** Updates parameters in place from their gradients. Holds per-parameter state (velocity, moments). */
export interface Optimizer {
  readonly config: OptimizerConfig;
  /** One update with learning rate `lr` (the schedule's value for this step). */
  step(slots: readonly ParamSlot[], lr: number): void;
  /** Number of `step` calls so far (Adam's t). */
  readonly steps: number;
  /** The state buffers (for snapshots): velocity / moments per slot. */
  stateArrays(): Float32Array[];
}

/** Default hyper-parameters, as Keras and PyTorch use them. */
export const OPTIMIZER_DEFAULTS = { momentum: 0.9, rho: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0.01 } as const;

/**
 * Creates an optimizer. Update rules (g = gradient, η = learning rate):
 * - sgd:      w ← w − η g
 * - momentum: v ← μ v − η g;  w ← w + v
 * - nesterov: v ← μ v − η g;  w ← w + μ v − η g
 * - rmsprop:  s ← ρ s + (1 − ρ) g²;  w ← w − η g / (√s + ε)
 * - adam:     m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  w ← w − η m̂ / (√v̂ + ε),
 *             m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ)
 * - adamw:    adam plus decoupled decay on kernels: w ← w − η λ w
 */
export function createOptimizer(config: OptimizerConfig): Optimizer {
  const mu = config.momentum ?? OPTIMIZER_DEFAULTS.momentum;
  const rho = config.rho ?? OPTIMIZER_DEFAULTS.rho;
  const b1 = config.beta1 ?? OPTIMIZER_DEFAULTS.beta1;
  const b2 = config.beta2 ?? OPTIMIZER_DEFAULTS.beta2;
  const eps = config.epsilon ?? OPTIMIZER_DEFAULTS.epsilon;
  const decay = config.weightDecay ?? OPTIMIZER_DEFAULTS.weightDecay;
  let first: Float32Array[] = [];
  let second: Float32Array[] = [];
  let t = 0;

  const ensureState = (slots: readonly ParamSlot[], moments: number): void => {
    if (first.length === slots.length) return;
    first = slots.map((s) => new Float32Array(s.value.length));
    second = moments === 2 ? slots.map((s) => new Float32Array(s.value.length)) : [];
  };

  return {
    config,
    get steps() { return t; },
    stateArrays: () => [...first, ...second].map((a) => a.slice()),
    step(slots, lr) {
      t++;
      switch (config.kind) {
        case 'sgd':
          for (const s of slots) { const w = s.value, g = s.grad; for (let i = 0; i < w.length; i++) w[i] = w[i]! - lr * g[i]!; }
          return;
        case 'momentum':
        case 'nesterov': {
          ensureState(slots, 1);
          const nesterov = config.kind === 'nesterov';
          slots.forEach((s, j) => {
            const w = s.value, g = s.grad, v = first[j]!;
            for (let i = 0; i < w.length; i++) {
              const vi = mu * v[i]! - lr * g[i]!;
              v[i] = vi;
              w[i] = w[i]! + (nesterov ? mu * vi - lr * g[i]! : vi);
            }
          });
          return;
        }
        case 'rmsprop':
          ensureState(slots, 1);
          slots.forEach((s, j) => {
            const w = s.value, g = s.grad, sq = first[j]!;
            for (let i = 0; i < w.length; i++) {
              const gi = g[i]!;
              const si = rho * sq[i]! + (1 - rho) * gi * gi;
              sq[i] = si;
              w[i] = w[i]! - (lr * gi) / (Math.sqrt(si) + eps);
            }
          });
          return;
        case 'adam':
        case 'adamw': {
          ensureState(slots, 2);
          const c1 = 1 / (1 - Math.pow(b1, t));
          const c2 = 1 / (1 - Math.pow(b2, t));
          const wd = config.kind === 'adamw' ? lr * decay : 0;
          slots.forEach((s, j) => {
            const w = s.value, g = s.grad, m = first[j]!, v = second[j]!;
            const d = s.isKernel ? wd : 0;
            for (let i = 0; i < w.length; i++) {
              const gi = g[i]!;
              const mi = b1 * m[i]! + (1 - b1) * gi;
              const vi = b2 * v[i]! + (1 - b2) * gi * gi;
              m[i] = mi; v[i] = vi;
              w[i] = w[i]! - d * w[i]! - (lr * mi * c1) / (Math.sqrt(vi * c2) + eps);
            }
          });
          return;
        }
      }
    },
  };
}
