import type { OptimizerConfig, ScheduleConfig } from '../optim/config';

/** Metrics `fit` and `evaluate` can report. */
export const METRICS = ['loss', 'accuracy', 'mae', 'rmse', 'r2'] as const;
export type MetricName = (typeof METRICS)[number];

/** Everything that says how a network is trained (plain JSON, stored in model files). */
export interface TrainConfig {
  epochs: number;
  /** Samples per gradient step: 1 = per-sample SGD (the seed), N = full batch. */
  batchSize: number;
  optimizer: OptimizerConfig;
  schedule?: ScheduleConfig;
  /** L1 penalty λ₁·Σ|w| on kernels (not biases). */
  l1?: number;
  /** L2 penalty ½·λ₂·Σw² on kernels (not biases). */
  l2?: number;
  /** Rescale the whole gradient when its global L2 norm exceeds this. */
  clipNorm?: number;
  /** Shuffle the rows each epoch with the run's RNG (default true). */
  shuffle?: boolean;
  /** Metrics computed at each epoch end besides the loss. */
  metrics?: MetricName[];
  earlyStopping?: {
    /** What to watch (default `val_loss`, falling back to `loss`). */
    monitor?: 'loss' | 'val_loss';
    /** Epochs without improvement before stopping. */
    patience: number;
    /** Smallest change that counts as an improvement (default 0). */
    minDelta?: number;
    /** Put back the weights of the best epoch when stopping (default true). */
    restoreBest?: boolean;
  };
}

/** Metric values keyed by name; `loss` is always present where computed. */
export type MetricValues = Partial<Record<MetricName, number>>;

/** What one finished epoch measured (one entry of the training history). */
export interface EpochLog {
  /** 1-based epoch number. */
  epoch: number;
  /** Learning rate used during the epoch (after the schedule). */
  learningRate: number;
  /** Metrics over the training rows (loss = mean batch loss over the epoch). */
  train: MetricValues;
  /** Metrics over the validation rows, when validation data was given. */
  validation?: MetricValues;
  /** Wall time of the epoch in milliseconds (from the injected clock). */
  durationMs: number;
}
