import { describe, expect, it } from 'vitest';
import { BUILTIN_FUNCTIONS_2D, contourGrid, descend2d, type Builtin2d } from '../../../core/learn/descent-2d';
import { expectClose } from '../../helpers/close';

const builtin = (id: Builtin2d['id']): Builtin2d => BUILTIN_FUNCTIONS_2D.find((b) => b.id === id)!;

describe('two variables (seed NOTES §2)', () => {
  it('f = x² + y² from (−5, −5), rate 0.5: gradient (−10, −10), one step to (0, 0)', () => {
    const t = descend2d({ f: 'x^2 + y^2', start: [-5, -5], optimizer: 'sgd', rate: 0.5 });
    expect(t.steps).toEqual([{ step: 1, x: -5, y: -5, f: 50, gx: -10, gy: -10, xNext: 0, yNext: 0 }]);
    expect(t.path).toEqual([[-5, -5], [0, 0]]);
    expect(t.stop).toBe('converged');
  });

  it.each(['sgd', 'momentum', 'adam'] as const)('%s converges on the bowl', (optimizer) => {
    const t = descend2d({ f: builtin('bowl').expression, start: [-5, 3], optimizer, rate: 0.1, maxSteps: 2000 });
    expect(t.stop).toBe('converged');
    expectClose(t.final.x, 0, 1e-6);
    expectClose(t.final.y, 0, 1e-6);
  });

  it('momentum and Adam follow core/optim\'s first steps', () => {
    const m = descend2d({ f: 'x^2 + y^2', start: [1, 0], optimizer: 'momentum', rate: 0.1, momentum: 0.9, maxSteps: 2 });
    // v1 = −0.1·2 = −0.2, x1 = 0.8; v2 = 0.9·(−0.2) − 0.1·1.6 = −0.34, x2 = 0.46
    expectClose(m.path[1]![0], 0.8, 1e-15);
    expectClose(m.path[2]![0], 0.46, 1e-15);
    const a = descend2d({ f: 'x^2 + y^2', start: [1, -1], optimizer: 'adam', rate: 0.1, maxSteps: 1 });
    // Adam's first step is η·sign(g) up to ε: m̂ = g, √v̂ = |g|.
    expectClose(a.path[1]![0], 0.9, 1e-7);
    expectClose(a.path[1]![1], -0.9, 1e-7);
  });

  it('SGD zig-zags across the elongated valley x² + 20y²: y\'s step changes sign every time', () => {
    const v = builtin('valley');
    const t = descend2d({ f: v.expression, start: v.start, optimizer: 'sgd', rate: v.rate, maxSteps: 20 });
    const dy = t.steps.map((s) => s.yNext - s.y);
    for (let i = 1; i < dy.length; i++) expect(Math.sign(dy[i]!)).toBe(-Math.sign(dy[i - 1]!));
    // y ← (1 − 2·20·η)·y = −0.8·y, while x creeps: x ← 0.91·x
    expectClose(t.path[1]![1], -0.8 * v.start[1], 1e-12);
    expectClose(t.path[1]![0], 0.91 * v.start[0], 1e-12);
  });

  it('Adam finds Rosenbrock\'s minimum (1, 1)', () => {
    const t = descend2d({ f: builtin('rosenbrock').expression, start: [-1.5, 2], optimizer: 'adam', rate: 0.02, maxSteps: 5000 });
    expectClose(t.final.x, 1, 1e-4);
    expectClose(t.final.y, 1, 1e-4);
  });

  it.each([
    [[0, 0], [3, 2]],
    [[-1, 1], [-2.805118, 3.131312]],
    [[-1, -1], [-3.77931, -3.283186]],
    [[1, -1], [3.584428, -1.848126]],
  ] as const)('Himmelblau from %j ends in the minimum %j', (start, want) => {
    const h = builtin('himmelblau');
    const t = descend2d({ f: h.expression, start, optimizer: 'sgd', rate: h.rate, maxSteps: 5000 });
    expect(t.stop).toBe('converged');
    expectClose(t.final.x, want[0], 2e-6);
    expectClose(t.final.y, want[1], 2e-6);
    expect(h.minima).toContainEqual(want);
  });

  it('reports divergence', () => {
    expect(descend2d({ f: 'x^2 + 20*y^2', start: [1, 1], optimizer: 'sgd', rate: 0.1, maxSteps: 10000 }).stop).toBe('diverged');
  });

  it('accepts a closure with its gradient', () => {
    const t = descend2d({ f: (x, y) => x * x + y * y, grad: (x, y) => [2 * x, 2 * y], start: [-5, -5], optimizer: 'sgd', rate: 0.5 });
    expect(t.final).toEqual({ x: 0, y: 0, f: 0 });
  });
});

describe('contourGrid', () => {
  it('samples f row by row over inclusive ranges', () => {
    const g = contourGrid('x^2 + y^2', [-1, 1], [0, 2], [3, 2]);
    expect(g.xs).toEqual([-1, 0, 1]);
    expect(g.ys).toEqual([0, 2]);
    expect(Array.from(g.values)).toEqual([1, 0, 1, 5, 4, 5]);
    expect(g.values).toBeInstanceOf(Float32Array);
    expect([g.min, g.max]).toEqual([0, 5]);
  });

  it('skips non-finite cells in min and max, and rejects a 1-sample axis', () => {
    const g = contourGrid('log(x)', [-1, 1], [0, 1], 3);
    expect(g.max).toBe(0);
    expect(() => contourGrid('x', [0, 1], [0, 1], 1)).toThrow('contourGrid needs at least 2 samples per axis, got 1 × 1');
  });
});
