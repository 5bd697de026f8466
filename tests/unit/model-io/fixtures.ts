import type { PreprocessingFile } from '../../../core/data/prep/file-schema';
import type { NetworkSpec } from '../../../core/nn/spec';
import type { SerializableModel } from '../../../core/model-io/model-file';
import type { EpochLog, TrainConfig } from '../../../core/train/config';

/**
 * 3 inputs → 2 units (sigmoid, linear; with bias) → 1 unit (linear, no bias):
 * tensors dense_0/kernel [3, 2], dense_0/bias [2], dense_1/kernel [2, 1].
 */
export const spec: NetworkSpec = {
  inputs: 3,
  layers: [
    { units: 2, activation: 'linear', unitActivations: ['sigmoid', 'linear'], kernelInitializer: { kind: 'he-normal' } },
    { units: 1, activation: 'linear', useBias: false },
  ],
  loss: 'huber',
  huberDelta: 0.5,
};

/** Weights in getWeights() order, chosen so float32 rounding, -0 and subnormals all show up. */
export function weights(): Float32Array[] {
  return [
    new Float32Array([0.1, -0.2, 1 / 3, -0, 1e-40, 3.4e38]),
    new Float32Array([0.5, -7]),
    new Float32Array([Math.PI, -Math.E]),
  ];
}

/** A stand-in for a runtime Model: serializeModel only reads `spec` and `getWeights()`. */
export function fakeModel(s: NetworkSpec = spec, w: Float32Array[] = weights()): SerializableModel {
  return { spec: s, getWeights: () => w.map((a) => a.slice()) };
}

export const training: TrainConfig = {
  epochs: 20,
  batchSize: 1,
  optimizer: { kind: 'adam', learningRate: 0.01, beta1: 0.9 },
  schedule: { kind: 'step', stepSize: 5, gamma: 0.5 },
  l2: 1e-4,
  metrics: ['loss', 'mae'],
  earlyStopping: { patience: 3, restoreBest: true },
};

export const history: EpochLog[] = [
  { epoch: 1, learningRate: 0.01, train: { loss: 0.75, mae: 0.5 }, validation: { loss: 0.8 }, durationMs: 3 },
  { epoch: 2, learningRate: 0.01, train: { loss: 0.5, mae: 0.25 }, durationMs: 2.5 },
];

/** A fitted preprocessing state: three numeric inputs, one standardized regression target. */
export const preprocessing: PreprocessingFile = {
  version: 1,
  task: 'regression',
  source: 'houses.csv',
  inputs: [
    { kind: 'numeric', column: 'area', scaling: 'standardize', center: 72.5, scale: 18.25, imputation: 'mean', fill: 72.5, indicator: false },
    { kind: 'numeric', column: 'rooms', scaling: 'minmax', center: 1, scale: 4, imputation: 'median', fill: 3, indicator: false },
    { kind: 'numeric', column: 'age', scaling: 'none', center: 0, scale: 1, imputation: 'mean', fill: 31.5, indicator: false },
  ],
  target: { kind: 'regression', columns: [{ column: 'price', mean: 250000, std: 81000.5 }] },
  featureNames: ['area', 'rooms', 'age'],
  outputNames: ['price'],
  missingTokens: ['', 'NA', 'N/A', 'NaN', 'null', '?', '-'],
};

export const CREATED_AT = '2025-01-31T12:00:00.000Z';

/** The fixture's file text, as the app would write it. */
export function fixtureText(): string {
  return JSON.stringify(
    {
      format: 'backprop-studio/model',
      version: 1,
      createdAt: CREATED_AT,
      engineVersion: '0.1.0',
      spec,
      weights: [
        // Encoded with Node's Buffer (an independent oracle) from the values in weights().
        { name: 'dense_0/kernel', shape: [3, 2], dtype: 'float32', data: 'zczMPc3MTL6rqqo+AAAAgMIWAQCeyX9/' },
        { name: 'dense_0/bias', shape: [2], dtype: 'float32', data: 'AAAAPwAA4MA=' },
        { name: 'dense_1/kernel', shape: [2, 1], dtype: 'float32', data: '2w9JQFT4LcA=' },
      ],
      training: null,
      history: [],
      preprocessing: null,
    },
    null,
    2,
  );
}
