/**
 * The network spec: plain JSON that says what a network is (sizes,
 * activations, loss, initializers). It is what the designer edits and what the
 * model file stores; `createModel` turns it into a runtime model.
 */

/** Activation functions; see `activations.ts` for each formula. */
export const ACTIVATIONS = ['linear', 'sigmoid', 'tanh', 'relu', 'leaky-relu', 'elu', 'softmax'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

/** Loss functions; see `losses.ts` for each formula. */
export const LOSSES = ['mse', 'half-sse', 'mae', 'huber', 'binary-crossentropy', 'categorical-crossentropy'] as const;
export type LossName = (typeof LOSSES)[number];

/** How a weight or bias array is filled when a model is created. */
export type InitializerSpec =
  | { kind: 'glorot-uniform' }
  | { kind: 'glorot-normal' }
  | { kind: 'he-uniform' }
  | { kind: 'he-normal' }
  | { kind: 'uniform'; limit: number }
  | { kind: 'zeros' }
  | { kind: 'constant'; value: number }
  /** Explicit values, row-major [in × out] for kernels, [out] for biases. */
  | { kind: 'given'; values: number[] };

export interface LayerSpec {
  /** Number of units (neurons) in the layer. */
  units: number;
  /** Activation of every unit, unless `unitActivations` overrides it. */
  activation: ActivationName;
  /**
   * Optional per-unit activations (length `units`), e.g. the seed network's
   * hidden layer [sigmoid, linear]. `softmax` couples units and so is only
   * allowed as the whole layer's `activation`.
   */
  unitActivations?: ActivationName[];
  /** Whether the layer adds a bias vector (default true). */
  useBias?: boolean;
  /** Kernel initializer (default: Glorot uniform, He uniform for ReLU-family). */
  kernelInitializer?: InitializerSpec;
  /** Bias initializer (default zeros). */
  biasInitializer?: InitializerSpec;
}

export interface NetworkSpec {
  /** Number of input features. */
  inputs: number;
  /** Dense layers from the first hidden layer to the output layer. */
  layers: LayerSpec[];
  /** Loss the network is trained on. */
  loss: LossName;
  /** δ of the Huber loss (default 1). */
  huberDelta?: number;
}
