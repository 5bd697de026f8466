import type { Kernels } from '../math/kernels';
import type { Matrix } from '../math/matrix';
import type { NetworkSpec } from './spec';

/** The trainable parameters of one dense layer. */
export interface DenseParams {
  /** Kernel, row-major [inputs × units]: z_j = Σ_i x_i · w[i * units + j] + b_j. */
  readonly w: Float32Array;
  /** Bias [units], or null when the layer has `useBias: false`. */
  readonly b: Float32Array | null;
}

/** Gradients with the same shapes as `DenseParams`. */
export interface DenseGrads {
  readonly w: Float32Array;
  readonly b: Float32Array | null;
}

/** Forward values of one layer for a batch, kept for inspection and backward. */
export interface LayerTrace {
  /** Pre-activations u = x·W + b, [batch × units]. */
  readonly z: Matrix;
  /** Activations out = g(u), [batch × units]. */
  readonly a: Matrix;
  /** dLoss/du for the last backward pass ("delta"), [batch × units]. */
  readonly delta: Matrix;
}

/** A runtime network built from a spec. */
export interface Model {
  readonly spec: NetworkSpec;
  /** Parameters per layer, in spec order. Mutated in place by training. */
  readonly params: readonly DenseParams[];
  /** Gradients of the last `backward`, same layout as `params`. */
  readonly grads: readonly DenseGrads[];
  /** Total number of trainable values. */
  readonly parameterCount: number;
  /** The compute backend the model runs on (training may keep its state in the backend's memory). */
  readonly kernels: Kernels;
  /** Output of the network for a batch of inputs [batch × inputs] → [batch × outputs]. */
  predict(x: Matrix): Matrix;
  /**
   * Mean loss over all rows (no penalties), computed in chunks. `onChunk`, when
   * given, sees each chunk's predictions and targets (views valid during the call).
   */
  loss(x: Matrix, y: Matrix, onChunk?: (pred: Float32Array, target: Float32Array, rows: number) => void): number;
  /**
   * Forward and backward on a batch: fills `grads` with dLoss/dθ of the mean
   * loss and returns that loss. Traces stay readable until the next call.
   */
  lossAndGradients(x: Matrix, y: Matrix): number;
  /** The output activations of the last forward pass, a view [rows × outputs] valid until the next call. */
  outputView(): Float32Array;
  /** Forward values and deltas of every layer from the last `lossAndGradients` / `forward`. */
  traces(): readonly LayerTrace[];
  /** Copies every parameter out (for snapshots, restore-best, files). */
  getWeights(): Float32Array[];
  /** Replaces every parameter; the array order is [w0, b0?, w1, b1?, ...] as `getWeights` gives. */
  setWeights(weights: readonly Float32Array[]): void;
}
