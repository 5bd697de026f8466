import type { ActivationName, NetworkSpec } from '../nn/spec';

/**
 * Data shapes of the chain-rule lab (`backprop.ts`). Layers are numbered as
 * in the spec: 0 is the first hidden layer, L − 1 the output layer; the
 * inputs are not a layer. Units and inputs are 0-based.
 */

/**
 * One layer's parameters, the library's layout (`DenseParams` fits):
 * kernel row-major [inputs × units], u_j = Σ_i x_i · w[i * units + j] + b_j.
 */
export interface LayerWeights {
  readonly w: ArrayLike<number>;
  readonly b: ArrayLike<number> | null;
}

/** Gradients (or edited weights) in the same layout, as plain arrays. */
export interface LayerArrays {
  w: number[];
  b: number[] | null;
}

/** A parameter: kernel entry `from` (input/unit of the layer below) → `to` (unit), or the bias of unit `to`. */
export interface ParamRef {
  readonly layer: number;
  readonly kind: 'w' | 'b';
  /** Source index, for kind 'w' only. */
  readonly from?: number;
  readonly to: number;
}

/** Everything a forward pass computed for one example, in float64. */
export interface ForwardTrace {
  readonly spec: NetworkSpec;
  readonly weights: readonly LayerWeights[];
  readonly input: readonly number[];
  readonly target: readonly number[];
  /** Per-unit activation of every layer (softmax for a whole softmax layer). */
  readonly activations: readonly (readonly ActivationName[])[];
  /** Pre-activations u[l][j] = Σ_i in_i w_ij + b_j. */
  readonly u: readonly (readonly number[])[];
  /** Outputs out[l][j] = g(u[l][j]). */
  readonly out: readonly (readonly number[])[];
  /** The example's loss (the library's loss with a batch of one). */
  readonly loss: number;
  /** ∂L/∂out_k for each output unit (unfused, even when the library fuses). */
  readonly lossDerivative: readonly number[];
  /** δ[l][j] = ∂L/∂u[l][j], by backpropagation. */
  readonly delta: readonly (readonly number[])[];
}

/**
 * One number of a chain-rule product, typed so the UI can colour it and tie
 * it to a node or link of the drawing.
 */
export type Factor =
  /** ∂L/∂out_k of output unit `output`. */
  | { kind: 'loss-derivative'; output: number; value: number }
  /** g′(u) of unit (layer, unit); 1 for linear units. */
  | { kind: 'activation-derivative'; layer: number; unit: number; value: number }
  /** ∂out_k/∂u_j of a softmax output layer: out_k(δ_kj − out_j). */
  | { kind: 'softmax-derivative'; layer: number; output: number; unit: number; value: number }
  /** The weight on the link (layer, from → to). */
  | { kind: 'weight'; layer: number; from: number; to: number; value: number }
  /** Input feature `index` (the source of a first-layer weight). */
  | { kind: 'input'; index: number; value: number }
  /** Output of unit (layer, unit) feeding the next layer (the source of a deeper weight). */
  | { kind: 'activation'; layer: number; unit: number; value: number };

/** One path from the loss back to the parameter: its factors (loss first) and their product. */
export interface GradientPath {
  factors: Factor[];
  product: number;
  /**
   * The leading `factorCount` factors belong to δ of node (layer, unit) one
   * layer above the parameter: that delta is computed once and reused by every
   * path through the node ("the bracketed output deltas"). `value` is the whole
   * δ (a sum over its own paths). Null for output-layer parameters.
   */
  reusedDelta: { layer: number; unit: number; value: number; factorCount: number } | null;
}

/** ∂L/∂param as a sum over paths, with its LaTeX. */
export interface ParameterGradient {
  param: ParamRef;
  /** δ · source computed by backpropagation. */
  value: number;
  /** Σ of the path products (equals `value` up to rounding). */
  pathSum: number;
  paths: GradientPath[];
  /** δ of the parameter's own unit: ∂L/∂w = δ · source, ∂L/∂b = δ. */
  delta: { layer: number; unit: number; value: number };
  /** LaTeX of the derivative, in symbols and with numbers substituted. */
  symbolic: { latex: string; numeric: string };
}
