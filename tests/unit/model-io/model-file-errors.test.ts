import { describe, expect, it } from 'vitest';
import { float32ToBase64 } from '../../../core/model-io/base64';
import type { ModelFileErrorCode } from '../../../core/model-io/errors';
import { parseModelFile } from '../../../core/model-io/model-file';
import { fixtureText, preprocessing } from './fixtures';

/** Marks a field to delete in `edited`. */
const DELETE = Symbol('delete');

/** The fixture file with one value replaced (or deleted) at a JSON path. */
function edited(path: readonly (string | number)[], value: unknown): string {
  const root: unknown = JSON.parse(fixtureText());
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === DELETE && Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (value === DELETE) delete parent[last];
  else parent[last] = value;
  return JSON.stringify(root);
}

const kernel = (values: number[]) => ({ name: 'dense_0/kernel', shape: [3, 2], dtype: 'float32', data: float32ToBase64(new Float32Array(values)) });

type Case = [title: string, text: string, code: ModelFileErrorCode, message: string];

const notModel = (found: string): string =>
  `This is not a Backprop Studio model file: expected a JSON object with "format": "backprop-studio/model", found ${found}.`;

const cases: Case[] = [
  ['a JSON array', '[1, 2]', 'not-a-model-file', notModel('a list of 2 items')],
  ['a bare number', '42', 'not-a-model-file', notModel('42')],
  ['null', 'null', 'not-a-model-file', notModel('null')],
  ['an object without "format"', '{"layers": []}', 'not-a-model-file', notModel('no "format" field')],
  ['another format', '{"format": "keras", "version": 1}', 'not-a-model-file', notModel('"format": "keras"')],

  ['version 7', edited(['version'], 7), 'newer-version',
    'This model file was written by a newer version of Backprop Studio (file version 7, this app reads up to 1). Update the app to open it.'],
  ['version 2', edited(['version'], 2), 'newer-version',
    'This model file was written by a newer version of Backprop Studio (file version 2, this app reads up to 1). Update the app to open it.'],
  ['version as a string', edited(['version'], '1'), 'invalid-field', 'Invalid model file at version: expected a positive integer, got "1".'],
  ['version 0', edited(['version'], 0), 'invalid-field', 'Invalid model file at version: expected a positive integer, got 0.'],
  ['no version', edited(['version'], DELETE), 'invalid-field', 'Invalid model file at version: expected a positive integer, but the field is missing.'],

  ['negative units', edited(['spec', 'layers', 1, 'units'], -3), 'invalid-field',
    'Invalid model file at spec.layers[1].units: expected a positive integer, got -3.'],
  ['fractional units', edited(['spec', 'layers', 0, 'units'], 2.5), 'invalid-field',
    'Invalid model file at spec.layers[0].units: expected a positive integer, got 2.5.'],
  ['missing units', edited(['spec', 'layers', 0, 'units'], DELETE), 'invalid-field',
    'Invalid model file at spec.layers[0].units: expected a positive integer, but the field is missing.'],
  ['zero inputs', edited(['spec', 'inputs'], 0), 'invalid-field', 'Invalid model file at spec.inputs: expected a positive integer, got 0.'],
  ['no layers', edited(['spec', 'layers'], []), 'invalid-field', 'Invalid model file at spec.layers: expected at least one layer, got an empty list.'],
  ['an unknown activation', edited(['spec', 'layers', 0, 'activation'], 'relu6'), 'invalid-field',
    'Invalid model file at spec.layers[0].activation: expected one of "linear", "sigmoid", "tanh", "relu", "leaky-relu", "elu", "softmax", got "relu6".'],
  ['an unknown loss', edited(['spec', 'loss'], 'hinge'), 'invalid-field',
    'Invalid model file at spec.loss: expected one of "mse", "half-sse", "mae", "huber", "binary-crossentropy", "categorical-crossentropy", got "hinge".'],
  ['a misspelt field', edited(['spec', 'layers', 0, 'useBais'], false), 'invalid-field',
    'Invalid model file at spec.layers[0]: unexpected field "useBais".'],
  ['unitActivations of the wrong length', edited(['spec', 'layers', 0, 'unitActivations'], ['relu', 'relu', 'relu']), 'invalid-field',
    'Invalid model file at spec.layers[0].unitActivations: expected 2 activations (one per unit), got a list of 3 items.'],
  ['softmax as a per-unit activation', edited(['spec', 'layers', 0, 'unitActivations'], ['relu', 'softmax']), 'invalid-field',
    'Invalid model file at spec.layers[0].unitActivations[1]: expected a per-unit activation other than "softmax" (softmax couples the units, so it is only allowed as the layer\'s "activation"), got "softmax".'],
  ['an unknown initializer kind', edited(['spec', 'layers', 0, 'kernelInitializer'], { kind: 'orthogonal' }), 'invalid-field',
    'Invalid model file at spec.layers[0].kernelInitializer.kind: expected one of "glorot-uniform", "glorot-normal", "he-uniform", "he-normal", "uniform", "zeros", "constant", "given", got "orthogonal".'],
  ['an initializer given as a string', edited(['spec', 'layers', 0, 'kernelInitializer'], 'zeros'), 'invalid-field',
    'Invalid model file at spec.layers[0].kernelInitializer: expected an initializer object such as { "kind": "zeros" }, got "zeros".'],
  ['a uniform initializer without its limit', edited(['spec', 'layers', 0, 'kernelInitializer'], { kind: 'uniform' }), 'invalid-field',
    'Invalid model file at spec.layers[0].kernelInitializer.limit: expected a number ≥ 0, but the field is missing.'],
  ['given initial values of the wrong count', edited(['spec', 'layers', 0, 'kernelInitializer'], { kind: 'given', values: [1, 2] }), 'invalid-field',
    'Invalid model file at spec.layers[0].kernelInitializer.values: expected 6 values (the kernel has shape [3, 2]), got a list of 2 items.'],
  ['a training config without batchSize', edited(['training'], { epochs: 5, optimizer: { kind: 'sgd', learningRate: 0.1 } }), 'invalid-field',
    'Invalid model file at training.batchSize: expected a positive integer, but the field is missing.'],
  ['an unknown optimizer', edited(['training'], { epochs: 5, batchSize: 4, optimizer: { kind: 'lion', learningRate: 0.1 } }), 'invalid-field',
    'Invalid model file at training.optimizer.kind: expected one of "sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw", got "lion".'],
  ['a null loss in the history (NaN written by JSON.stringify)', edited(['history'], [{ epoch: 1, learningRate: 0.1, train: { loss: null }, durationMs: 1 }]), 'invalid-field',
    'Invalid model file at history[0].train.loss: expected a finite number, got null.'],
  ['a date that is not ISO 8601', edited(['createdAt'], 'yesterday'), 'invalid-field',
    'Invalid model file at createdAt: expected an ISO 8601 date-time such as "2025-01-31T12:00:00.000Z", got "yesterday".'],
  ['no preprocessing field', edited(['preprocessing'], DELETE), 'invalid-field',
    'Invalid model file at preprocessing: expected a preprocessing object with "version", "task", "source", "inputs", "target", "featureNames", "outputNames" and "missingTokens", but the field is missing.'],
  ['preprocessing with a zero scale', edited(['preprocessing'], { ...preprocessing, inputs: [{ ...preprocessing.inputs[0], scale: 0 }] }), 'invalid-field',
    'Invalid model file at preprocessing.inputs[0].scale: expected a positive number, got 0.'],
  ['an unknown top-level field', edited(['comment'], 'hi'), 'invalid-field', 'Invalid model file at the top level: unexpected field "comment".'],
  ['a float64 tensor', edited(['weights', 0, 'dtype'], 'float64'), 'invalid-field', 'Invalid model file at weights[0].dtype: expected "float32", got "float64".'],
  ['a negative dimension', edited(['weights', 0, 'shape'], [3, -2]), 'invalid-field',
    'Invalid model file at weights[0].shape[1]: expected a dimension (an integer ≥ 0), got -2.'],

  ['a missing tensor', edited(['weights', 2], DELETE), 'missing-weight',
    'The model file has no weight tensor dense_1/kernel; layer 1 of the spec needs one of shape [2, 1].'],
  ['a bias on a layer with useBias: false', edited(['weights', 3], { name: 'dense_1/bias', shape: [1], dtype: 'float32', data: 'AAAAAA==' }), 'unexpected-weight',
    'The model file has a weight tensor dense_1/bias (weights[3]) that the spec does not use: layer 1 has "useBias": false.'],
  ['a tensor for a layer that does not exist', edited(['weights', 3], { name: 'dense_2/kernel', shape: [1, 1], dtype: 'float32', data: 'AAAAAA==' }), 'unexpected-weight',
    'The model file has a weight tensor dense_2/kernel (weights[3]) that the spec does not use; it expects dense_0/kernel, dense_0/bias, dense_1/kernel.'],
  ['two tensors with one name', edited(['weights', 2, 'name'], 'dense_0/bias'), 'duplicate-weight',
    'The model file has two weight tensors named dense_0/bias (weights[1] and weights[2]).'],
  ['a transposed kernel', edited(['weights', 0, 'shape'], [2, 3]), 'weight-shape-mismatch',
    'dense_0/kernel has shape [2, 3], but the spec needs [3, 2] (layer 0: 3 inputs, 2 units).'],
  ['a bias of the wrong length', edited(['weights', 1, 'shape'], [3]), 'weight-shape-mismatch',
    'dense_0/bias has shape [3], but the spec needs [2] (layer 0: 2 units).'],
  ['data one value short', edited(['weights', 0], kernel([1, 2, 3, 4, 5])), 'weight-data-length',
    'dense_0/kernel has 5 values, its shape [3, 2] needs 6.'],
  ['data that is not base64', edited(['weights', 0, 'data'], 'AAAA$AAA'), 'invalid-weight-data',
    'The data of dense_0/kernel is not valid base64: unexpected character "$" at position 4.'],
  ['data with a cut-off base64 group', edited(['weights', 0, 'data'], 'AAAAAAA'), 'invalid-weight-data',
    'The data of dense_0/kernel is not valid base64: its length 7 is not a multiple of 4.'],
  ['data that is not whole float32 values', edited(['weights', 0, 'data'], 'AAAAAAA='), 'invalid-weight-data',
    'The data of dense_0/kernel is 5 bytes long, which is not a whole number of float32 values (4 bytes each).'],
  ['a NaN weight', edited(['weights', 0], kernel([0, 0, 0, 0, NaN, 0])), 'non-finite-weight',
    'dense_0/kernel has a non-finite value (NaN) at index 4 (row 2, column 0); weights must be finite numbers.'],
  ['an infinite bias', edited(['weights', 1, 'data'], float32ToBase64(new Float32Array([1, -Infinity]))), 'non-finite-weight',
    'dense_0/bias has a non-finite value (-Infinity) at index 1; weights must be finite numbers.'],
];

describe('parseModelFile error messages', () => {
  it('loads the unedited fixture (so each case below fails for its own edit)', () => {
    expect(parseModelFile(fixtureText()).ok).toBe(true);
  });

  it.each(cases)('reports %s', (_title, text, code, message) => {
    expect(parseModelFile(text)).toEqual({ ok: false, error: { code, message } });
  });
});
