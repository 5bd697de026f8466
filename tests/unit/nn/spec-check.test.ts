import { describe, expect, it } from 'vitest';
import { createRng } from '../../../core/math/rng';
import { matrixOf } from '../../../core/math/matrix';
import { createModel } from '../../../core/nn/model';
import type { NetworkSpec } from '../../../core/nn/spec';
import { SpecError } from '../../../core/nn/spec-check';

const ok: NetworkSpec = { inputs: 2, layers: [{ units: 3, activation: 'relu' }, { units: 1, activation: 'sigmoid' }], loss: 'binary-crossentropy' };
const with_ = (change: Partial<NetworkSpec>): NetworkSpec => ({ ...ok, ...change });

describe('a spec that cannot be built is refused with a message naming the field', () => {
  it.each([
    ['no inputs', with_({ inputs: 0 }), 'inputs must be a whole number ≥ 1, got 0'],
    ['no layers', with_({ layers: [] }), 'the network needs at least one layer (the output layer)'],
    ['zero units', with_({ layers: [{ units: 3, activation: 'relu' }, { units: 0, activation: 'sigmoid' }] }), 'layers[1].units must be a whole number ≥ 1, got 0'],
    ['unknown activation', with_({ layers: [{ units: 3, activation: 'swish' as 'relu' }] }), 'layers[0].activation must be one of linear, sigmoid, tanh, relu, leaky-relu, elu, softmax; got "swish"'],
    ['unknown loss', with_({ loss: 'hinge' as 'mse' }), 'loss must be one of mse, half-sse, mae, huber, binary-crossentropy, categorical-crossentropy; got "hinge"'],
    ['per-unit list of the wrong length', with_({ layers: [{ units: 3, activation: 'relu', unitActivations: ['relu', 'tanh'] }] }), 'layers[0].unitActivations lists 2 activations for 3 units'],
    ['softmax on one unit', with_({ layers: [{ units: 2, activation: 'relu', unitActivations: ['relu', 'softmax'] }] }), "layers[0].unitActivations[1]: softmax couples all units of a layer; set it as the layer's activation instead"],
    ['given weights of the wrong count', with_({ layers: [{ units: 1, activation: 'linear', kernelInitializer: { kind: 'given', values: [1, 2, 3] } }] }), 'layers[0].kernelInitializer: given initial values have 3 numbers, expected 2'],
  ] as [string, NetworkSpec, string][])('%s', (_title, spec, message) => {
    expect(() => createModel(spec, { rng: createRng(1) })).toThrow(message);
  });

  it('refuses inputs of the wrong width with both sizes', () => {
    const model = createModel(ok, { rng: createRng(1) });
    expect(() => model.predict(matrixOf(1, 3, new Float32Array(3)))).toThrow(new SpecError('the input has 3 columns, but the network takes 2 inputs'));
  });
});
