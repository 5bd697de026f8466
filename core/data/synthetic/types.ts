/**
 * Shared shapes of the synthetic 2-D datasets (after TensorFlow Playground's
 * `dataset.ts`): every generator draws `samples` points (x1, x2) from a seeded
 * RNG and gives each a class (±1) or a real target.
 */
import type { Rng } from '../../math/rng';

/** What a synthetic dataset asks the network to learn. */
export const SYNTHETIC_KINDS = ['classification', 'regression'] as const;
export type SyntheticKind = (typeof SYNTHETIC_KINDS)[number];

/** Runtime inputs of every generator. */
export interface SyntheticArgs {
  /** Number of points; a non-negative integer. */
  readonly samples: number;
  /**
   * Noise in [0, 1]: 0 is the clean pattern, 1 is Playground's slider at its
   * maximum (50 %). Internally Playground's fraction is `noise / 2`.
   */
  readonly noise: number;
  /** Source of all randomness; the same seed gives the same dataset. */
  readonly rng: Rng;
}

/** Points with a class each. */
export interface ClassificationData {
  readonly kind: 'classification';
  readonly samples: number;
  /** Row-major inputs, shape [samples × 2]: `x[2i]` = x1, `x[2i + 1]` = x2. */
  readonly x: Float32Array;
  /** Class per point, shape [samples]: +1 (`blue`) or −1 (`orange`). */
  readonly labels: Float32Array;
}

/** Points with a real target each. */
export interface RegressionData {
  readonly kind: 'regression';
  readonly samples: number;
  /** Row-major inputs, shape [samples × 2]. */
  readonly x: Float32Array;
  /**
   * Target per point, shape [samples]: within ±1.2 at noise 0; noise reads
   * the target beyond the drawn square, up to ±1.8 for the plane.
   */
  readonly targets: Float32Array;
}

/** Either kind of generated dataset. */
export type SyntheticData = ClassificationData | RegressionData;

/** A classification generator. */
export type ClassificationGenerator = (args: SyntheticArgs) => ClassificationData;
/** A regression generator. */
export type RegressionGenerator = (args: SyntheticArgs) => RegressionData;

/**
 * Checks `samples` and `noise`, throwing a RangeError that names the
 * generator, what was expected and what was received.
 */
export function checkSyntheticArgs(generator: string, args: SyntheticArgs): void {
  const { samples, noise } = args;
  if (!Number.isInteger(samples) || samples < 0) {
    throw new RangeError(`${generator}: samples must be a non-negative integer, got ${samples}`);
  }
  if (!(noise >= 0 && noise <= 1)) {
    throw new RangeError(`${generator}: noise must be in [0, 1], got ${noise}`);
  }
}

/**
 * Shuffles rows of `x` (pairs) and `y` together in place with `rng`, so a
 * dataset built class by class does not arrive sorted by class.
 */
export function shuffleRows(x: Float32Array, y: Float32Array, rng: Rng): void {
  for (let i = y.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const x1 = x[2 * i]!, x2 = x[2 * i + 1]!, t = y[i]!;
    x[2 * i] = x[2 * j]!; x[2 * i + 1] = x[2 * j + 1]!; y[i] = y[j]!;
    x[2 * j] = x1; x[2 * j + 1] = x2; y[j] = t;
  }
}
