/**
 * Round trip through a real runtime model: createModel → save → load →
 * createModel with another seed → setWeights gives the same predictions, bit
 * for bit. Kept apart from the spec+weights-level tests in model-file.test.ts,
 * which do not depend on core/nn/model.ts.
 */
import { describe, expect, it } from 'vitest';
import { matrixOf } from '../../../core/math/matrix';
import { createRng } from '../../../core/math/rng';
import { parseModelFile, restoreWeights, serializeModel, stringifyModelFile } from '../../../core/model-io/model-file';
import { createModel } from '../../../core/nn/model';
import type { NetworkSpec } from '../../../core/nn/spec';

const bits = (values: Float32Array): number[] => Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length));

const specs: [string, NetworkSpec][] = [
  ['a ReLU → softmax classifier', {
    inputs: 4,
    layers: [{ units: 5, activation: 'relu' }, { units: 3, activation: 'softmax' }],
    loss: 'categorical-crossentropy',
  }],
  ['mixed per-unit activations and a bias-free layer', {
    inputs: 3,
    layers: [
      { units: 2, activation: 'linear', unitActivations: ['sigmoid', 'linear'], useBias: false },
      { units: 2, activation: 'sigmoid', kernelInitializer: { kind: 'glorot-normal' } },
    ],
    loss: 'half-sse',
  }],
  ['a deep tanh regressor', {
    inputs: 2,
    layers: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'elu' }, { units: 1, activation: 'linear' }],
    loss: 'huber',
    huberDelta: 2,
  }],
];

describe('model file round trip through a real model', () => {
  it.each(specs)('%s predicts bit-identically after save and load', (_title, spec) => {
    const model = createModel(spec, { rng: createRng(1) });
    const text = stringifyModelFile(serializeModel(model, { engineVersion: '0.1.0', createdAt: '2025-01-31T12:00:00.000Z' }));

    const loaded = parseModelFile(text);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const restored = createModel(loaded.value.spec, { rng: createRng(2) });
    expect(restored.getWeights().map(bits)).not.toEqual(model.getWeights().map(bits));
    restored.setWeights(restoreWeights(loaded.value));

    expect(restored.getWeights().map(bits)).toEqual(model.getWeights().map(bits));
    const rng = createRng(3);
    const x = matrixOf(5, spec.inputs, Float32Array.from({ length: 5 * spec.inputs }, () => rng.normal()));
    expect(bits(restored.predict(x).data)).toEqual(bits(model.predict(x).data));
  });
});
