import { describe, expect, it } from 'vitest';
import { matrixOf } from '../../../core/math/matrix';
import { createRng } from '../../../core/math/rng';
import { createModel } from '../../../core/nn/model';
import type { NetworkSpec } from '../../../core/nn/spec';
import { expectClose } from '../../helpers/close';

/**
 * The article's worked network (seed NOTES §5): inputs i1..i3; h1 = sigmoid(w1 i1 + w2 i2 + w3 i3),
 * h2 = w4 i1 + w5 i2 + w6 i3 (linear, no bias); f1 = sigmoid(w7 h1 + w8 h2 + b1),
 * f2 = sigmoid(w9 h1 + w10 h2 + b2); Loss = ½[(f1 − y1)² + (f2 − y2)²].
 */
const w = { w1: 0.15, w2: -0.2, w3: 0.25, w4: 0.3, w5: 0.45, w6: -0.5, w7: 0.4, w8: -0.35, w9: 0.55, w10: 0.6, b1: 0.1, b2: -0.05 };
const i = [0.5, -1.0, 2.0];
const t = [0.9, 0.1];

// Kernels are [inputs × units]: entry (input r, unit c) at r * units + c.
const spec: NetworkSpec = {
  inputs: 3,
  layers: [
    { units: 2, activation: 'linear', unitActivations: ['sigmoid', 'linear'], useBias: false,
      kernelInitializer: { kind: 'given', values: [w.w1, w.w4, w.w2, w.w5, w.w3, w.w6] } },
    { units: 2, activation: 'sigmoid',
      kernelInitializer: { kind: 'given', values: [w.w7, w.w9, w.w8, w.w10] },
      biasInitializer: { kind: 'given', values: [w.b1, w.b2] } },
  ],
  loss: 'half-sse',
};

const sig = (u: number): number => 1 / (1 + Math.exp(-u));

/** The article's formulas, evaluated by hand in double precision. */
function byHand() {
  const [i1, i2, i3] = i as [number, number, number];
  const [y1, y2] = t as [number, number];
  const h1 = sig(w.w1 * i1 + w.w2 * i2 + w.w3 * i3);
  const h2 = w.w4 * i1 + w.w5 * i2 + w.w6 * i3;
  const f1 = sig(w.w7 * h1 + w.w8 * h2 + w.b1);
  const f2 = sig(w.w9 * h1 + w.w10 * h2 + w.b2);
  const d1 = (f1 - y1) * f1 * (1 - f1);
  const d2 = (f2 - y2) * f2 * (1 - f2);
  return {
    h1, h2, f1, f2,
    loss: 0.5 * ((f1 - y1) ** 2 + (f2 - y2) ** 2),
    dw7: (f1 - y1) * f1 * (1 - f1) * h1,
    dw1: ((f1 - y1) * f1 * (1 - f1) * w.w7 + (f2 - y2) * f2 * (1 - f2) * w.w9) * h1 * (1 - h1) * i1,
    dw6: ((f1 - y1) * f1 * (1 - f1) * w.w8 + (f2 - y2) * f2 * (1 - f2) * w.w10) * i3,
    db1: d1,
    db2: d2,
  };
}

describe('the seed article\'s 3-2-2 network', () => {
  const model = createModel(spec, { rng: createRng(0) });
  const x = matrixOf(1, 3, new Float32Array(i));
  const y = matrixOf(1, 2, new Float32Array(t));
  const loss = model.lossAndGradients(x, y);
  const hand = byHand();
  const [layer0, layer1] = model.grads as [typeof model.grads[0], typeof model.grads[1]];

  it('has the 12 parameters w1..w10, b1, b2 (no hidden bias)', () => {
    expect(model.parameterCount).toBe(12);
    expect(model.params[0]!.b).toBeNull();
  });

  it('forward values h1, h2, f1, f2 and the loss match the formulas', () => {
    const [hidden, out] = model.traces();
    expectClose(hidden!.a.data[0]!, hand.h1, 1e-6);
    expectClose(hidden!.a.data[1]!, hand.h2, 1e-6);
    expectClose(out!.a.data[0]!, hand.f1, 1e-6);
    expectClose(out!.a.data[1]!, hand.f2, 1e-6);
    expectClose(loss, hand.loss, 1e-7);
  });

  it('dLoss/dw7 = (f1 − y1)·f1(1 − f1)·h1', () => expectClose(layer1.w[0]!, hand.dw7, 1e-7, 1e-5));
  it('dLoss/dw1 = [(f1−y1)f1(1−f1)w7 + (f2−y2)f2(1−f2)w9]·h1(1−h1)·i1', () => expectClose(layer0.w[0]!, hand.dw1, 1e-7, 1e-5));
  it('dLoss/dw6 = [(f1−y1)f1(1−f1)w8 + (f2−y2)f2(1−f2)w10]·i3', () => expectClose(layer0.w[2 * 2 + 1]!, hand.dw6, 1e-7, 1e-5));
  it('dLoss/db1 and dLoss/db2 are the output deltas', () => {
    expectClose(layer1.b![0]!, hand.db1, 1e-7, 1e-5);
    expectClose(layer1.b![1]!, hand.db2, 1e-7, 1e-5);
  });
  it('the output deltas are reused by every earlier gradient (backpropagation)', () => {
    const [, out] = model.traces();
    expectClose(out!.delta.data[0]!, hand.db1, 1e-7, 1e-5);
    expectClose(out!.delta.data[1]!, hand.db2, 1e-7, 1e-5);
  });
});
