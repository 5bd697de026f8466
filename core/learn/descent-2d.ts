import { OPTIMIZER_DEFAULTS } from '../optim/optimizers';
import { compile, parseExpression, type Expr } from './expression';
import { derivative } from './expression-calculus';
import { DIVERGENCE_LIMIT, type StopReason } from './descent';

/**
 * Two-variable descent for the contour-plot lab: the same update formulas as
 * `core/optim/optimizers.ts` (g = ∇f, η = rate), on a point (x, y):
 * - sgd:      p ← p − η g
 * - momentum: v ← μ v − η g;  p ← p + v
 * - adam:     m ← β₁m + (1−β₁)g;  s ← β₂s + (1−β₂)g²;  p ← p − η m̂ / (√ŝ + ε),
 *             m̂ = m / (1 − β₁ᵗ), ŝ = s / (1 − β₂ᵗ)
 */

export type Optimizer2d = 'sgd' | 'momentum' | 'adam';
export type Point = readonly [number, number];
/** A 2-D function: typed text in x and y, a parsed tree, or a closure. */
export type Function2d = string | Expr | ((x: number, y: number) => number);

export interface Descend2dArgs {
  f: Function2d;
  /** ∇f; default: symbolic (∂/∂x, ∂/∂y) for text or trees, central differences for a closure. */
  grad?: (x: number, y: number) => Point;
  start: Point;
  optimizer: Optimizer2d;
  rate: number;
  /** μ of momentum (default 0.9, as core/optim). */
  momentum?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Default 1000. */
  maxSteps?: number;
  /** Converged when |∇f| ≤ tolerance (default 1e-8). */
  tolerance?: number;
}

/** One update from (x, y) with gradient (gx, gy) to (xNext, yNext). */
export interface Step2d {
  step: number;
  x: number;
  y: number;
  f: number;
  gx: number;
  gy: number;
  xNext: number;
  yNext: number;
}

export interface Trace2d {
  steps: Step2d[];
  /** The start and every point reached. */
  path: Point[];
  stop: Exclude<StopReason, 'oscillating'>;
  final: { x: number; y: number; f: number };
}

/** Resolves a 2-D function and its gradient (symbolic for text or trees). */
export function resolve2d(f: Function2d, grad?: (x: number, y: number) => Point): { f: (x: number, y: number) => number; grad: (x: number, y: number) => Point } {
  if (typeof f === 'function') {
    const h = 1e-6;
    return { f, grad: grad ?? ((x, y) => [(f(x + h, y) - f(x - h, y)) / (2 * h), (f(x, y + h) - f(x, y - h)) / (2 * h)]) };
  }
  const expr = typeof f === 'string' ? parseExpression(f) : f;
  const fx = compile(expr), dx = compile(derivative(expr, 'x')), dy = compile(derivative(expr, 'y'));
  return { f: (x, y) => fx(x, y), grad: grad ?? ((x, y) => [dx(x, y), dy(x, y)]) };
}

/** Runs one optimizer on f from `start`; see the module comment for the update rules. */
export function descend2d(args: Descend2dArgs): Trace2d {
  const { f, grad } = resolve2d(args.f, args.grad);
  const mu = args.momentum ?? OPTIMIZER_DEFAULTS.momentum;
  const b1 = args.beta1 ?? OPTIMIZER_DEFAULTS.beta1;
  const b2 = args.beta2 ?? OPTIMIZER_DEFAULTS.beta2;
  const eps = args.epsilon ?? OPTIMIZER_DEFAULTS.epsilon;
  const maxSteps = args.maxSteps ?? 1000;
  const tol = args.tolerance ?? 1e-8;
  const p = [args.start[0], args.start[1]];
  const v = [0, 0], m = [0, 0], s = [0, 0];
  const steps: Step2d[] = [];
  const path: Point[] = [[p[0]!, p[1]!]];
  let stop: Trace2d['stop'] = 'max-steps';
  for (let t = 1; t <= maxSteps + 1; t++) {
    const [x, y] = [p[0]!, p[1]!];
    const fv = f(x, y);
    const g = grad(x, y);
    if (!Number.isFinite(fv) || !g.every(Number.isFinite) || Math.max(Math.abs(x), Math.abs(y)) > DIVERGENCE_LIMIT) { stop = 'diverged'; break; }
    if (Math.hypot(g[0], g[1]) <= tol) { stop = 'converged'; break; }
    if (t > maxSteps) break;
    for (let i = 0; i < 2; i++) {
      const gi = g[i]!;
      switch (args.optimizer) {
        case 'sgd': p[i] = p[i]! - args.rate * gi; break;
        case 'momentum': v[i] = mu * v[i]! - args.rate * gi; p[i] = p[i]! + v[i]!; break;
        case 'adam': {
          m[i] = b1 * m[i]! + (1 - b1) * gi;
          s[i] = b2 * s[i]! + (1 - b2) * gi * gi;
          const mHat = m[i]! / (1 - Math.pow(b1, t)), sHat = s[i]! / (1 - Math.pow(b2, t));
          p[i] = p[i]! - (args.rate * mHat) / (Math.sqrt(sHat) + eps);
          break;
        }
      }
    }
    steps.push({ step: t, x, y, f: fv, gx: g[0], gy: g[1], xNext: p[0]!, yNext: p[1]! });
    path.push([p[0]!, p[1]!]);
  }
  const [fxEnd, fyEnd] = [p[0]!, p[1]!];
  return { steps, path, stop, final: { x: fxEnd, y: fyEnd, f: f(fxEnd, fyEnd) } };
}

/** A ready-made surface for the lab, with a view window and its known minima. */
export interface Builtin2d {
  id: 'bowl' | 'valley' | 'rosenbrock' | 'himmelblau';
  /** Re-parseable text (x and y). */
  expression: string;
  xRange: Point;
  yRange: Point;
  /** A start and rate that show the point of the example. */
  start: Point;
  rate: number;
  minima: Point[];
}

/** Bowl x²+y², the elongated valley x²+20y² (SGD zig-zags across it), Rosenbrock, Himmelblau (4 minima). */
export const BUILTIN_FUNCTIONS_2D: readonly Builtin2d[] = [
  { id: 'bowl', expression: 'x^2 + y^2', xRange: [-6, 6], yRange: [-6, 6], start: [-5, -5], rate: 0.5, minima: [[0, 0]] },
  { id: 'valley', expression: 'x^2 + 20*y^2', xRange: [-6, 6], yRange: [-3, 3], start: [-5, 2], rate: 0.045, minima: [[0, 0]] },
  { id: 'rosenbrock', expression: '(1 - x)^2 + 100*(y - x^2)^2', xRange: [-2, 2], yRange: [-1, 3], start: [-1.5, 2], rate: 0.001, minima: [[1, 1]] },
  {
    id: 'himmelblau', expression: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2', xRange: [-6, 6], yRange: [-6, 6], start: [0, 0], rate: 0.01,
    minima: [[3, 2], [-2.805118, 3.131312], [-3.77931, -3.283186], [3.584428, -1.848126]],
  },
];

/** Sampled values for a contour plot. */
export interface ContourGrid {
  /** f at (xs[c], ys[r]) stored at values[r * nx + c] (rows go up in y). */
  values: Float32Array;
  nx: number;
  ny: number;
  xs: number[];
  ys: number[];
  /** Smallest and largest finite value (NaN cells are skipped). */
  min: number;
  max: number;
}

/** Samples f on an nx × ny grid spanning the ranges inclusively (`resolution` = n or [nx, ny], each ≥ 2). */
export function contourGrid(f: Function2d, xRange: Point, yRange: Point, resolution: number | Point): ContourGrid {
  const fn = resolve2d(f, () => [0, 0]).f;
  const [nx, ny] = typeof resolution === 'number' ? [resolution, resolution] : resolution;
  if (nx < 2 || ny < 2) throw new RangeError(`contourGrid needs at least 2 samples per axis, got ${nx} × ${ny}`);
  const axis = (r: Point, n: number): number[] => Array.from({ length: n }, (_, i) => r[0] + ((r[1] - r[0]) * i) / (n - 1));
  const xs = axis(xRange, nx), ys = axis(yRange, ny);
  const values = new Float32Array(nx * ny);
  let min = Infinity, max = -Infinity;
  ys.forEach((y, r) => xs.forEach((x, c) => {
    const v = fn(x, y);
    values[r * nx + c] = v;
    if (Number.isFinite(v)) { min = Math.min(min, v); max = Math.max(max, v); }
  }));
  return { values, nx, ny, xs, ys, min, max };
}
