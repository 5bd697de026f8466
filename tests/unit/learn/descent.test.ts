import { describe, expect, it } from 'vitest';
import { descend1d, enumerateProbe, updateRule } from '../../../core/learn/descent';
import { expectClose } from '../../helpers/close';

/** Seed NOTES §2: the article's gradient-descent examples on one variable, number for number. */
describe('the article on y = x²', () => {
  it('unit gradient from x0 = 1, step 0.5: 1 → 0.5 → 0 in two steps (gradient 2, then 1, then 0: stop)', () => {
    const t = descend1d({ f: 'x^2', x0: 1, rate: 0.5, mode: 'unit' });
    expect(t.steps).toEqual([
      { step: 1, x: 1, fx: 1, grad: 2, update: -0.5, xNext: 0.5 },
      { step: 2, x: 0.5, fx: 0.25, grad: 1, update: -0.5, xNext: 0 },
    ]);
    expect(t.path).toEqual([1, 0.5, 0]);
    expect(t.stop).toBe('converged');
    expect(t.final).toEqual({ x: 0, fx: 0, grad: 0 });
  });

  it('raw gradient: x = 1 + 0.5·(−2) = 0 in one step', () => {
    const t = descend1d({ f: 'x^2', x0: 1, rate: 0.5, mode: 'raw' });
    expect(t.steps).toEqual([{ step: 1, x: 1, fx: 1, grad: 2, update: -1, xNext: 0 }]);
    expect(t.stop).toBe('converged');
  });

  it('failure case 1: x0 = 0.4, step 0.5, unit gradient oscillates 0.4 → −0.1 → 0.4 (detected)', () => {
    const t = descend1d({ f: 'x^2', x0: 0.4, rate: 0.5, mode: 'unit' });
    expect(t.stop).toBe('oscillating');
    expect(t.path).toHaveLength(3);
    expectClose(t.path[1]!, -0.1, 1e-15);
    expect(t.path[2]).toBe(0.4);
    expect(t.steps.map((s) => s.update)).toEqual([-0.5, 0.5]);
  });

  it('rate 0.1 fixes it: 0.4 → 0.3 → 0.2 → 0.1 → 0 in four steps; "reaches 0" = |f′| ≤ tolerance', () => {
    const t = descend1d({ f: 'x^2', x0: 0.4, rate: 0.1, mode: 'unit' });
    expect(t.stop).toBe('converged');
    expect(t.steps).toHaveLength(4);
    [0.4, 0.3, 0.2, 0.1, 0].forEach((want, i) => expectClose(t.path[i]!, want, 1e-15));
    // Float rounding leaves 2.8e-17, not 0; the slope 5.6e-17 is below the default tolerance 1e-9.
    expect(Math.abs(t.final.grad)).toBeLessThan(1e-9);
  });

  it('enumerate-and-probe from x = 1 with step 0.5: 1 → 0.5 → 0, −0.5 is worse, so 0 is the minimum', () => {
    const t = enumerateProbe('x^2', 1, 0.5);
    expect(t.path).toEqual([1, 0.5, 0]);
    expect(t.minimum).toEqual({ x: 0, fx: 0 });
    expect(t.probes).toEqual([
      { from: 1, x: 1.5, fx: 2.25, better: false },
      { from: 1, x: 0.5, fx: 0.25, better: true },
      { from: 0.5, x: 1, fx: 1, better: false },
      { from: 0.5, x: 0, fx: 0, better: true },
      { from: 0, x: 0.5, fx: 0.25, better: false },
      { from: 0, x: -0.5, fx: 0.25, better: false },
    ]);
  });

  it('the update rule w ← w − η·dF/dw', () => {
    expect(updateRule(1, 2, 0.5)).toBe(0);
    expect(updateRule(-5, -10, 0.5)).toBe(0);
    expect(updateRule(0.3, -1, 0.1)).toBeCloseTo(0.4, 15);
  });
});

/** Newton's method on f′(x) = 4x³ − 6x + 1 for the exact minima of x⁴ − 3x² + x. */
function minimumNear(x: number): number {
  for (let i = 0; i < 50; i++) x -= (4 * x ** 3 - 6 * x + 1) / (12 * x ** 2 - 6);
  return x;
}

describe('failure case 2: several minima (x⁴ − 3x² + x)', () => {
  const left = minimumNear(-1.3), right = minimumNear(1.1);

  it('has a global minimum near −1.3008 and a local one near 1.1309', () => {
    expectClose(left, -1.300839566, 1e-8);
    expectClose(right, 1.130901122, 1e-8);
    expect(left ** 4 - 3 * left ** 2 + left).toBeLessThan(right ** 4 - 3 * right ** 2 + right);
  });

  it.each([
    [-2, 'global', -1.300839566],
    [0, 'global', -1.300839566],
    [0.5, 'local', 1.130901122],
    [2, 'local', 1.130901122],
  ])('from x0 = %d descent ends in the %s minimum', (x0, _which, want) => {
    const t = descend1d({ f: 'x^4 - 3*x^2 + x', x0, rate: 0.01, mode: 'raw' });
    expect(t.stop).toBe('converged');
    expectClose(t.final.x, want, 1e-6);
  });
});

describe('descend1d options', () => {
  it('uses a given derivative, or a central difference for a closure', () => {
    const a = descend1d({ f: (x) => x * x, df: (x) => 2 * x, x0: 1, rate: 0.5, mode: 'raw' });
    const b = descend1d({ f: (x) => x * x, x0: 1, rate: 0.25, mode: 'raw', maxSteps: 200 });
    expect(a.path).toEqual([1, 0]);
    expect(b.stop).toBe('converged');
    expectClose(b.final.x, 0, 1e-8);
  });

  it('momentum carries velocity: v ← μv − η·f′, x ← x + v', () => {
    const t = descend1d({ f: 'x^2', x0: 1, rate: 0.1, mode: 'raw', momentum: 0.5, maxSteps: 2 });
    expectClose(t.steps[0]!.update, -0.2, 1e-15);
    expectClose(t.steps[1]!.update, 0.5 * -0.2 - 0.1 * 1.6, 1e-15);
    expect(t.stop).toBe('max-steps');
  });

  it('reports divergence when the rate is too large', () => {
    const t = descend1d({ f: 'x^2', x0: 1, rate: 1.5, mode: 'raw', maxSteps: 10000 });
    expect(t.stop).toBe('diverged');
  });

  it('stops at maxSteps', () => {
    const t = descend1d({ f: 'x^2', x0: 1, rate: 0.001, mode: 'raw', maxSteps: 5 });
    expect(t.stop).toBe('max-steps');
    expect(t.steps).toHaveLength(5);
  });
});
