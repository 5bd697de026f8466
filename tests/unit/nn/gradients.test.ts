import { describe, expect, it } from 'vitest';
import { createRng } from '../../../core/math/rng';
import { createModel } from '../../../core/nn/model';
import { ACTIVATIONS, LOSSES, type ActivationName, type LossName, type NetworkSpec } from '../../../core/nn/spec';
import { expectClose } from '../../helpers/close';
import { randomBinary, randomMatrix, randomOneHot } from '../../helpers/data';

/**
 * Central finite differences (L(θ+h) − L(θ−h)) / 2h against the backward pass,
 * for every parameter of a 3-4-3 network. Float32 storage limits the
 * agreement to about 1e-3.
 */
function gradientCheck(spec: NetworkSpec, seed: number): { worst: number; checked: number } {
  const rng = createRng(seed);
  const model = createModel(spec, { rng });
  const rows = 5;
  const outputs = spec.layers[spec.layers.length - 1]!.units;
  const x = randomMatrix(rng, rows, spec.inputs);
  const y = spec.loss === 'categorical-crossentropy' ? randomOneHot(rng, rows, outputs)
    : spec.loss === 'binary-crossentropy' ? randomBinary(rng, rows, outputs)
    : randomMatrix(rng, rows, outputs);
  model.lossAndGradients(x, y);
  const analytic = model.grads.flatMap((g) => (g.b ? [g.w.slice(), g.b.slice()] : [g.w.slice()]));
  const values = model.params.flatMap((p) => (p.b ? [p.w, p.b] : [p.w]));
  const h = 2e-3;
  let worst = 0, checked = 0;
  values.forEach((v, t) => {
    for (let i = 0; i < v.length; i++) {
      const keep = v[i]!;
      v[i] = keep + h; const up = model.loss(x, y);
      v[i] = keep - h; const down = model.loss(x, y);
      v[i] = keep;
      const fd = (up - down) / (2 * h);
      const an = analytic[t]![i]!;
      const err = Math.abs(fd - an) / (2e-3 + 2e-2 * Math.abs(fd));
      worst = Math.max(worst, err);
      checked++;
    }
  });
  return { worst, checked };
}

/**
 * The output activation for a hidden activation and a loss: the same one, except
 * that cross-entropy needs probabilities, so units that can leave (0, 1) feed a
 * sigmoid (BCE) or softmax (CCE) output instead. Sigmoid × CCE and softmax × BCE
 * still exercise the unfused cross-entropy paths.
 */
function outputActivation(hidden: ActivationName, loss: LossName): ActivationName {
  if (hidden === 'sigmoid' || hidden === 'softmax') return hidden;
  if (loss === 'binary-crossentropy') return 'sigmoid';
  if (loss === 'categorical-crossentropy') return 'softmax';
  return hidden;
}

const cases: [ActivationName, LossName, ActivationName, boolean][] = [];
for (const act of ACTIVATIONS) for (const loss of LOSSES) for (const bias of [true, false]) cases.push([act, loss, outputActivation(act, loss), bias]);

describe('backward pass matches finite differences', () => {
  it.each(cases)('%s hidden layer, %s loss on %s outputs, bias %s', (activation, loss, output, useBias) => {
    const spec: NetworkSpec = {
      inputs: 3,
      layers: [
        { units: 4, activation, useBias, biasInitializer: { kind: 'uniform', limit: 0.5 } },
        { units: 3, activation: output, useBias, biasInitializer: { kind: 'uniform', limit: 0.5 } },
      ],
      loss,
      huberDelta: 0.5,
    };
    const { worst, checked } = gradientCheck(spec, 7);
    expect(checked).toBe(useBias ? 12 + 4 + 12 + 3 : 24);
    expect(worst).toBeLessThanOrEqual(1);
  });

  it.each([
    ['sigmoid', 'linear', 'tanh'],
    ['relu', 'elu', 'leaky-relu'],
  ] as ActivationName[][])('mixed per-unit activations %s / %s / %s', (a, b, c) => {
    const spec: NetworkSpec = {
      inputs: 3,
      layers: [
        { units: 3, activation: 'linear', unitActivations: [a, b, c], useBias: false },
        { units: 2, activation: 'sigmoid' },
      ],
      loss: 'half-sse',
    };
    expect(gradientCheck(spec, 11).worst).toBeLessThanOrEqual(1);
  });
});

describe('numerically stable fused losses', () => {
  it.each([
    ['softmax', 'categorical-crossentropy'],
    ['sigmoid', 'binary-crossentropy'],
  ] as [ActivationName, LossName][])('%s + %s stays finite for logits of ±200', (activation, loss) => {
    const model = createModel({ inputs: 1, layers: [{ units: 2, activation, kernelInitializer: { kind: 'given', values: [200, -200] } }], loss }, { rng: createRng(1) });
    const x = { rows: 1, cols: 1, data: new Float32Array([1]) };
    const y = { rows: 1, cols: 2, data: new Float32Array([0, 1]) };
    const value = model.lossAndGradients(x, y);
    // The wrong class has logit 200 vs −200: the true loss is about 400 (CE) or 200 (BCE mean of two).
    expectClose(value, loss === 'categorical-crossentropy' ? 400 : 200, 1e-3);
    expect(Array.from(model.grads[0]!.w).every(Number.isFinite)).toBe(true);
  });
});
