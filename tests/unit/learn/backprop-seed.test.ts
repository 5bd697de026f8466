import { describe, expect, it } from 'vitest';
import { matrixOf } from '../../../core/math/matrix';
import { createRng } from '../../../core/math/rng';
import { forwardTrace, listParameters, parameterGradient } from '../../../core/learn/backprop';
import { finiteDifference, gradientAgreement } from '../../../core/learn/backprop-batch';
import { articleNotation, generalNotation, latexValue } from '../../../core/learn/backprop-notation';
import { createModel } from '../../../core/nn/model';
import type { NetworkSpec } from '../../../core/nn/spec';
import { expectClose } from '../../helpers/close';

/** The article's 3-2-2 network (seed NOTES §5), with the weights of tests/unit/nn/seed-network.test.ts. */
const w = { w1: 0.15, w2: -0.2, w3: 0.25, w4: 0.3, w5: 0.45, w6: -0.5, w7: 0.4, w8: -0.35, w9: 0.55, w10: 0.6, b1: 0.1, b2: -0.05 };
const input = [0.5, -1.0, 2.0];
const target = [0.9, 0.1];
const kernel0 = [w.w1, w.w4, w.w2, w.w5, w.w3, w.w6];
const kernel1 = [w.w7, w.w9, w.w8, w.w10];
const spec: NetworkSpec = {
  inputs: 3,
  layers: [
    { units: 2, activation: 'linear', unitActivations: ['sigmoid', 'linear'], useBias: false, kernelInitializer: { kind: 'given', values: kernel0 } },
    { units: 2, activation: 'sigmoid', kernelInitializer: { kind: 'given', values: kernel1 }, biasInitializer: { kind: 'given', values: [w.b1, w.b2] } },
  ],
  loss: 'half-sse',
};
const weights = [{ w: kernel0, b: null }, { w: kernel1, b: [w.b1, w.b2] }];

const sig = (u: number): number => 1 / (1 + Math.exp(-u));
const [i1, i2, i3] = input as [number, number, number];
const [y1, y2] = target as [number, number];
const u2 = w.w1 * i1 + w.w2 * i2 + w.w3 * i3;
const h1 = sig(u2), h2 = w.w4 * i1 + w.w5 * i2 + w.w6 * i3;
const u1 = w.w7 * h1 + w.w8 * h2 + w.b1, u3 = w.w9 * h1 + w.w10 * h2 + w.b2;
const f1 = sig(u1), f2 = sig(u3);
const d1 = (f1 - y1) * f1 * (1 - f1), d2 = (f2 - y2) * f2 * (1 - f2);

const W7 = { layer: 1, kind: 'w', from: 0, to: 0 } as const;
const W1 = { layer: 0, kind: 'w', from: 0, to: 0 } as const;
const W6 = { layer: 0, kind: 'w', from: 2, to: 1 } as const;

describe('the article\'s network, traced', () => {
  const trace = forwardTrace(spec, weights, input, target);
  const model = createModel(spec, { rng: createRng(0) });
  model.lossAndGradients(matrixOf(1, 3, new Float32Array(input)), matrixOf(1, 2, new Float32Array(target)));
  const [g0, g1] = model.grads as [(typeof model.grads)[0], (typeof model.grads)[1]];

  it('keeps every u and out: u2 = 0.775, h2 = −1.3, and the loss ½[(f1 − y1)² + (f2 − y2)²]', () => {
    [[u2, h2], [u1, u3]].forEach((row, l) => row.forEach((v, j) => expectClose(trace.u[l]![j]!, v, 1e-15)));
    [[h1, h2], [f1, f2]].forEach((row, l) => row.forEach((v, j) => expectClose(trace.out[l]![j]!, v, 1e-15)));
    expectClose(u2, 0.775, 1e-15);
    expectClose(h2, -1.3, 1e-15);
    expectClose(trace.loss, 0.5 * ((f1 - y1) ** 2 + (f2 - y2) ** 2), 1e-16);
  });

  it('dLoss/dw7 = (f1 − y1)·f1(1 − f1)·h1: one path, symbolic and numeric', () => {
    const g = parameterGradient(trace, W7);
    expect(g.symbolic.latex).toBe('(f_1 - y_1)\\,f_1(1 - f_1)\\,h_1');
    expect(g.symbolic.numeric).toBe('(0.6961 - 0.9)\\,0.6961(1 - 0.6961)\\,0.6846');
    expectClose(g.value, d1 * h1, 1e-16);
    expectClose(g.value, g1.w[0]!, 1e-7, 1e-5);
    expect(g.paths).toHaveLength(1);
    expect(g.paths[0]!.factors.map((f) => f.kind)).toEqual(['loss-derivative', 'activation-derivative', 'activation']);
    expect(g.paths[0]!.reusedDelta).toBeNull();
  });

  it('dLoss/dw1 = [(f1−y1)f1(1−f1)w7 + (f2−y2)f2(1−f2)w9]·h1(1−h1)·i1: two paths reusing the output deltas', () => {
    const g = parameterGradient(trace, W1);
    expect(g.symbolic.latex).toBe('\\left[(f_1 - y_1)\\,f_1(1 - f_1)\\,w_7 + (f_2 - y_2)\\,f_2(1 - f_2)\\,w_9\\right]\\,h_1(1 - h_1)\\,i_1');
    expect(g.symbolic.numeric).toBe('\\left[(0.6961 - 0.9)\\,0.6961(1 - 0.6961)\\,0.4 + (0.3885 - 0.1)\\,0.3885(1 - 0.3885)\\,0.55\\right]\\,0.6846(1 - 0.6846)\\,0.5');
    const hand = (d1 * w.w7 + d2 * w.w9) * h1 * (1 - h1) * i1;
    expectClose(g.value, hand, 1e-16);
    expectClose(g.pathSum, hand, 1e-16);
    expectClose(g.value, g0.w[0]!, 1e-7, 1e-5);
    const expected = [[f1 - y1, f1 * (1 - f1), w.w7, h1 * (1 - h1), i1], [f2 - y2, f2 * (1 - f2), w.w9, h1 * (1 - h1), i1]];
    expect(g.paths.map((p) => p.factors.map((f) => f.kind))).toEqual(new Array(2).fill(['loss-derivative', 'activation-derivative', 'weight', 'activation-derivative', 'input']));
    expected.forEach((row, p) => row.forEach((v, k) => expectClose(g.paths[p]!.factors[k]!.value, v, 1e-15)));
    expect(g.paths.map((p) => p.reusedDelta)).toEqual([
      { layer: 1, unit: 0, value: trace.delta[1]![0], factorCount: 2 },
      { layer: 1, unit: 1, value: trace.delta[1]![1], factorCount: 2 },
    ]);
    expectClose(trace.delta[1]![0]!, d1, 1e-16);
    expectClose(trace.delta[1]![1]!, d2, 1e-16);
  });

  it('dLoss/dw6 = [(f1−y1)f1(1−f1)w8 + (f2−y2)f2(1−f2)w10]·i3 (h2 is linear: no g′ factor printed)', () => {
    const g = parameterGradient(trace, W6);
    expect(g.symbolic.latex).toBe('\\left[(f_1 - y_1)\\,f_1(1 - f_1)\\,w_8 + (f_2 - y_2)\\,f_2(1 - f_2)\\,w_{10}\\right]\\,i_3');
    expect(g.symbolic.numeric).toBe('\\left[(0.6961 - 0.9)\\,0.6961(1 - 0.6961)\\,(-0.35) + (0.3885 - 0.1)\\,0.3885(1 - 0.3885)\\,0.6\\right]\\,2');
    const hand = (d1 * w.w8 + d2 * w.w10) * i3;
    expectClose(g.value, hand, 1e-16);
    expectClose(g.value, g0.w[2 * 2 + 1]!, 1e-7, 1e-5);
    expect(g.paths.map((p) => p.factors.find((f) => f.kind === 'activation-derivative' && f.layer === 0)?.value)).toEqual([1, 1]);
  });

  it('dLoss/db1 and dLoss/db2 are the output deltas', () => {
    const b1 = parameterGradient(trace, { layer: 1, kind: 'b', to: 0 });
    const b2 = parameterGradient(trace, { layer: 1, kind: 'b', to: 1 });
    expect(b1.symbolic.latex).toBe('(f_1 - y_1)\\,f_1(1 - f_1)');
    expect(b2.symbolic.numeric).toBe('(0.3885 - 0.1)\\,0.3885(1 - 0.3885)');
    expectClose(b1.value, g1.b![0]!, 1e-7, 1e-5);
    expectClose(b2.value, d2, 1e-16);
  });

  it('all 12 parameters agree with the library and with central differences', () => {
    const params = listParameters(spec);
    expect(params).toHaveLength(12);
    const lib = [...g0.w, ...g1.w, ...g1.b!];
    params.forEach((p, k) => {
      const g = parameterGradient(trace, p);
      expectClose(g.pathSum, g.value, 1e-15);
      expect(gradientAgreement(g.value, lib[k]!).agree).toBe(true);
      expect(gradientAgreement(g.value, finiteDifference(spec, weights, input, target, p, 1e-6), 1e-7).agree).toBe(true);
    });
  });

  it('names the article\'s nodes and parameters on the library layout', () => {
    const n = articleNotation;
    expect(listParameters(spec).map((p) => n.param(p))).toEqual(['w_1', 'w_4', 'w_2', 'w_5', 'w_3', 'w_6', 'w_7', 'w_9', 'w_8', 'w_{10}', 'b_1', 'b_2']);
    expect([n.input(0), n.input(2), n.out(0, 0), n.out(0, 1), n.out(1, 0), n.out(1, 1)]).toEqual(['i_1', 'i_3', 'h_1', 'h_2', 'f_1', 'f_2']);
    expect([n.pre(1, 0), n.pre(0, 0), n.pre(1, 1)]).toEqual(['u_1', 'u_2', 'u_3']);
    expect(() => n.bias(0, 0)).toThrow('the article\'s hidden layer has no bias');
    expect(generalNotation.param(W1)).toBe('w^{(1)}_{1,1}');
    expect(generalNotation.param(W6)).toBe('w^{(1)}_{2,3}');
  });

  it('formats substituted numbers to 4 significant digits, negatives in parentheses', () => {
    expect([latexValue(0.69610972), latexValue(-0.35), latexValue(2), latexValue(1.5e-9)]).toEqual(['0.6961', '(-0.35)', '2', '1.5 \\times 10^{-9}']);
  });
});

describe('general notation w^{(l)}_{ji} for other networks', () => {
  const spec2: NetworkSpec = { inputs: 2, layers: [{ units: 2, activation: 'tanh' }, { units: 1, activation: 'relu', useBias: false }], loss: 'mse' };
  const trace = forwardTrace(spec2, [{ w: [0.5, -0.3, 0.8, 0.2], b: [0.1, -0.1] }, { w: [0.7, -0.6], b: null }], [1, 2], [0.5]);

  it('writes ∂L/∂w^{(1)}_{1,2} with the mse derivative 2(a − y) (K = 1), ReLU′ as an indicator and tanh′ = 1 − a²', () => {
    const g = parameterGradient(trace, { layer: 0, kind: 'w', from: 1, to: 0 });
    expect(g.symbolic.latex).toBe('2(a^{(2)}_{1} - y_{1})\\,\\mathbb{1}[z^{(2)}_{1} > 0]\\,w^{(2)}_{1,1}\\,(1 - {a^{(1)}_{1}}^2)\\,x_{2}');
    expect(g.symbolic.numeric).toBe('2(0.683 - 0.5)\\,\\mathbb{1}[0.683 > 0]\\,0.7\\,(1 - {0.9757}^2)\\,2');
  });

  it('writes a softmax output through its Jacobian, one term per output', () => {
    const s: NetworkSpec = { inputs: 1, layers: [{ units: 2, activation: 'softmax' }], loss: 'categorical-crossentropy' };
    const t = forwardTrace(s, [{ w: [1, -1], b: [0, 0] }], [0.5], [1, 0]);
    const g = parameterGradient(t, { layer: 0, kind: 'w', from: 0, to: 0 });
    expect(g.symbolic.latex).toBe('\\left[\\left(-\\frac{y_{1}}{a^{(1)}_{1}}\\right)\\,a^{(1)}_{1}(1 - a^{(1)}_{1}) + \\left(-\\frac{y_{2}}{a^{(1)}_{2}}\\right)\\,(-a^{(1)}_{2}\\,a^{(1)}_{1})\\right]\\,x_{1}');
    expect(g.paths.map((p) => p.factors.map((f) => f.kind))).toEqual(new Array(2).fill(['loss-derivative', 'softmax-derivative', 'input']));
    // softmax + cross-entropy: ∂L/∂u_1 = p_1 − y_1, times x = 0.5
    expectClose(g.value, (t.out[0]![0]! - 1) * 0.5, 1e-15);
  });
});

describe('coloured formulas', () => {
  it('wraps each term by what it stands for, and leaves the formula otherwise the same', async () => {
    const { symbolicFormula } = await import('../../../core/learn/backprop-notation');
    const trace = forwardTrace(spec, weights, input, target);
    const colors = { output: '#0072B2', target: '#D55E00', weight: '#009E73', input: '#CC79A7' };
    const plain = symbolicFormula(trace, W7, articleNotation);
    const coloured = symbolicFormula(trace, W7, articleNotation, colors);
    // w7: (f1 − y1) f1(1 − f1) h1 — outputs blue, the target orange, h1 (what w7 multiplies) as the source.
    expect(coloured.latex).toBe(plain.latex
      .replaceAll('f_1', '{\\color{#0072B2}{f_1}}')
      .replace('y_1', '{\\color{#D55E00}{y_1}}')
      .replace('h_1', '{\\color{#CC79A7}{h_1}}'));
    const w1 = symbolicFormula(trace, W1, articleNotation, colors);
    expect(w1.latex).toContain('{\\color{#009E73}{w_7}}');
    expect(w1.latex).toContain('{\\color{#CC79A7}{i_1}}');
    expect(w1.numeric).toContain(`{\\color{#009E73}{${latexValue(w.w7)}}}`);
  });
});
