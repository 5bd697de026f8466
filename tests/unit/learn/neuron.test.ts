import { describe, expect, it } from 'vitest';
import {
  ARTICLE_QUADRATIC, SCALAR_ACTIVATION_NAMES, activationCurve, activationTable, bindInputs, derivativeFromOutput, neuronForward,
} from '../../../core/learn/neuron';
import { expectClose } from '../../helpers/close';

describe('one neuron u = Σ wᵢxᵢ + b, out = g(u) (seed NOTES §3)', () => {
  it('computes the terms, u, g(u) and g′(u)', () => {
    const r = neuronForward({ weights: [0.5, -1, 2], inputs: [2, 1, 0.25], bias: 0.5, activation: 'sigmoid' });
    expect(r.terms).toEqual([1, -1, 0.5]);
    expect(r.u).toBe(1);
    expectClose(r.out, 1 / (1 + Math.exp(-1)), 1e-15);
    expectClose(r.derivative, r.out * (1 - r.out), 1e-15);
  });

  it('rejects mismatched lengths with a message', () => {
    expect(() => neuronForward({ weights: [1], inputs: [1, 2], activation: 'relu' }))
      .toThrow('a neuron needs one weight per input: got 1 weights and 2 inputs');
  });
});

describe('the activation table', () => {
  it('lists every element-wise activation of core/nn with formula, derivative and range', () => {
    const table = activationTable();
    expect(table.map((r) => r.name)).toEqual(['linear', 'sigmoid', 'tanh', 'relu', 'leaky-relu', 'elu']);
    expect(table.find((r) => r.name === 'sigmoid')).toMatchObject({ derivative: 'f(x)\\,(1-f(x))', range: '(0, 1)' });
    expect(table.find((r) => r.name === 'tanh')).toMatchObject({ derivative: '1-f(x)^2', range: '(-1, 1)' });
  });

  it.each([-3, -0.5, 0, 0.7, 2.5])('at u = %d: sigmoid′ = f(1 − f), tanh′ = 1 − f², ReLU′ = 0/1 (the article\'s table)', (u) => {
    const s = 1 / (1 + Math.exp(-u)), t = Math.tanh(u);
    const curve = (name: (typeof SCALAR_ACTIVATION_NAMES)[number]) => activationCurve(name, u, u + 1, 2);
    expectClose(curve('sigmoid').f[0]!, s, 1e-15);
    expectClose(curve('sigmoid').df[0]!, s * (1 - s), 1e-15);
    expectClose(curve('tanh').df[0]!, 1 - t * t, 1e-15);
    expect(curve('relu').df[0]).toBe(u > 0 ? 1 : 0);
    expect(curve('relu').f[0]).toBe(u > 0 ? u : 0);
  });

  it('the derivative through the output matches g′(u) for every activation', () => {
    for (const name of SCALAR_ACTIVATION_NAMES) {
      const c = activationCurve(name, -3, 3, 13);
      c.x.forEach((x, i) => { if (x !== 0) expectClose(derivativeFromOutput(name, c.f[i]!), c.df[i]!, 1e-12); });
    }
  });

  it('samples curves over [from, to] inclusive', () => {
    const c = activationCurve('relu', -1, 1, 5);
    expect(c).toEqual({ x: [-1, -0.5, 0, 0.5, 1], f: [0, 0, 0, 0.5, 1], df: [0, 0, 0, 1, 1] });
    expect(() => activationCurve('relu', 0, 1, 1)).toThrow('activationCurve needs at least 2 samples, got 1');
  });
});

describe('the loss is a function of the parameters (seed NOTES §4)', () => {
  it('a x1² + b x2² + c with x1 = −1, x2 = 3 becomes a + 9b + c', () => {
    const bound = bindInputs(ARTICLE_QUADRATIC, [-1, 3]);
    expect(bound.coefficients).toEqual([1, 9, 1]);
    expect(bound.text).toBe('a + 9b + c');
    expect(bound.latex).toBe('a + 9b + c');
    expect(bound.originalLatex).toBe('a x_1^2 + b x_2^2 + c');
  });

  it('prints negative and zero coefficients readably', () => {
    const terms = [{ name: 'a', powers: [1, 0] }, { name: 'b', powers: [0, 1] }, { name: 'c', powers: [1, 1] }];
    expect(bindInputs(terms, [-2, 0]).text).toBe('-2a');
    expect(bindInputs(terms, [-1, 3]).text).toBe('-a + 3b - 3c');
    expect(bindInputs(terms, [0, 0]).text).toBe('0');
  });
});
