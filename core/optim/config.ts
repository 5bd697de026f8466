/** Optimizer and learning-rate schedule settings (plain JSON, stored in model files). */

export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'adamw'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export interface OptimizerConfig {
  kind: OptimizerName;
  /** Base learning rate η (before the schedule). */
  learningRate: number;
  /** Momentum coefficient μ for `momentum` / `nesterov` (default 0.9). */
  momentum?: number;
  /** RMSprop decay ρ (default 0.9). */
  rho?: number;
  /** Adam β₁ (default 0.9). */
  beta1?: number;
  /** Adam β₂ (default 0.999). */
  beta2?: number;
  /** ε in the denominator of RMSprop / Adam (default 1e-7, as Keras). */
  epsilon?: number;
  /** Decoupled weight decay λ of AdamW (default 0.01). */
  weightDecay?: number;
}

export type ScheduleConfig =
  | { kind: 'constant' }
  /** η·γ^⌊epoch / stepSize⌋ */
  | { kind: 'step'; stepSize: number; gamma: number }
  /** η·γ^epoch */
  | { kind: 'exponential'; gamma: number }
  /** η_min + ½(η − η_min)(1 + cos(π·epoch / epochs)) */
  | { kind: 'cosine'; minLearningRate?: number };
