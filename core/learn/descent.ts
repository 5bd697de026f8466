import { compile, parseExpression, type Expr } from './expression';
import { derivative } from './expression-calculus';

/**
 * One-variable gradient descent traces for the Learn pages (seed NOTES §2):
 * every step's x, f(x), f′(x), the update and the next x, plus why it stopped.
 */

/** `unit`: move by η·sign(f′) (the article's normalised direction); `raw`: move by η·f′. */
export type DescentMode = 'unit' | 'raw';
/** Why a trace ended. */
export type StopReason = 'converged' | 'oscillating' | 'max-steps' | 'diverged';

/** A 1-D function: typed text, a parsed tree, or a closure. */
export type Function1d = string | Expr | ((x: number) => number);

export interface Descend1dArgs {
  f: Function1d;
  /** f′; default: the symbolic derivative when `f` is text or a tree, a central difference (h = 1e-6) for a closure. */
  df?: (x: number) => number;
  x0: number;
  /** Learning rate η (the article's "step"). */
  rate: number;
  mode: DescentMode;
  /** Momentum μ (default 0): v ← μv − η·d, x ← x + v, with d = f′ or sign(f′). */
  momentum?: number;
  /** Stop after this many steps (default 1000). */
  maxSteps?: number;
  /**
   * Converged when |f′(x)| ≤ tolerance (default 1e-9) or the step |Δx| ≤
   * tolerance: "reaches the minimum" means a vanishing slope, so
   * 0.4 − 4·0.1 = 2.8e-17 counts as 0. Also the distance under which two
   * visited states count as the same (oscillation).
   */
  tolerance?: number;
}

/** One update: at x the slope is `grad`; `update` is added to x to give `xNext`. */
export interface Step1d {
  /** 1-based step number. */
  step: number;
  x: number;
  fx: number;
  grad: number;
  update: number;
  xNext: number;
}

export interface Trace1d {
  steps: Step1d[];
  /** x0 and every xNext: the points to draw. */
  path: number[];
  stop: StopReason;
  /** Where it ended: x, f(x), f′(x). */
  final: { x: number; fx: number; grad: number };
}

/** Beyond this |x| (or a non-finite f) the trace is reported as diverged. */
export const DIVERGENCE_LIMIT = 1e12;

/** The update rule for any parameter: w ← w − η·∂F/∂w. */
export function updateRule(w: number, gradient: number, rate: number): number {
  return w - rate * gradient;
}

/** Resolves a 1-D function and its derivative (symbolic for text or trees). */
export function resolve1d(f: Function1d, df?: (x: number) => number): { f: (x: number) => number; df: (x: number) => number } {
  if (typeof f === 'function') {
    const h = 1e-6;
    return { f, df: df ?? ((x) => (f(x + h) - f(x - h)) / (2 * h)) };
  }
  const expr = typeof f === 'string' ? parseExpression(f, { variables: ['x'] }) : f;
  const fx = compile(expr);
  const d = df ?? compile(derivative(expr, 'x'));
  return { f: (x) => fx(x), df: (x) => d(x) };
}

/**
 * Gradient descent on one variable. Each step: g = f′(x); stop ('converged')
 * if |g| ≤ tolerance; else d = g (raw) or sign(g) (unit), v = μv − η·d,
 * x ← x + v ('converged' too if |v| ≤ tolerance). 'oscillating' when the new
 * state (x, plus v with momentum) equals one already visited (within
 * tolerance): the trace would then repeat for ever. 'diverged' when f or f′
 * is not finite or |x| > DIVERGENCE_LIMIT.
 */
export function descend1d(args: Descend1dArgs): Trace1d {
  const { f, df } = resolve1d(args.f, args.df);
  const mu = args.momentum ?? 0;
  const maxSteps = args.maxSteps ?? 1000;
  const tol = args.tolerance ?? 1e-9;
  const steps: Step1d[] = [];
  const path = [args.x0];
  const visited: [number, number][] = [[args.x0, 0]];
  let x = args.x0, v = 0;
  let stop: StopReason = 'max-steps';
  for (let n = 1; n <= maxSteps + 1; n++) {
    const fx = f(x), grad = df(x);
    if (!Number.isFinite(fx) || !Number.isFinite(grad) || Math.abs(x) > DIVERGENCE_LIMIT) { stop = 'diverged'; break; }
    if (Math.abs(grad) <= tol) { stop = 'converged'; break; }
    if (n > maxSteps) break;
    const direction = args.mode === 'unit' ? Math.sign(grad) : grad;
    v = mu * v - args.rate * direction;
    const xNext = x + v;
    steps.push({ step: n, x, fx, grad, update: v, xNext });
    path.push(xNext);
    x = xNext;
    const near = tol * Math.max(1, Math.abs(x));
    if (Math.abs(v) <= near) { stop = 'converged'; break; }
    // Without momentum the state is x alone; with it, (x, v).
    const same = (s: [number, number]): boolean => Math.abs(s[0] - x) <= near && (mu === 0 || Math.abs(s[1] - v) <= tol);
    if (visited.some(same)) { stop = 'oscillating'; break; }
    visited.push([x, v]);
  }
  return { steps, path, stop, final: { x, fx: f(x), grad: df(x) } };
}

/** One probe of enumerate-and-probe: from `from`, try `x`; `better` if f(x) < f(from). */
export interface Probe {
  from: number;
  x: number;
  fx: number;
  better: boolean;
}

export interface ProbeTrace {
  /** The points moved through, starting at x0. */
  path: number[];
  probes: Probe[];
  /** The point taken as the minimum: no neighbour at ±step is lower. */
  minimum: { x: number; fx: number };
}

/**
 * The article's "enumerate-and-probe" (no derivatives): from x try x + step
 * and x − step; move to the lower one if it is lower than f(x), else stop and
 * take x as the minimum. y = x² from 1 with step 0.5: 1 → 0.5 → 0, then
 * 0.5 and −0.5 are both worse, so 0 is the minimum.
 */
export function enumerateProbe(f: Function1d, x0: number, step: number, maxMoves = 1000): ProbeTrace {
  const fn = resolve1d(f, () => 0).f;
  const path = [x0];
  const probes: Probe[] = [];
  let x = x0, fx = fn(x0);
  for (let n = 0; n < maxMoves; n++) {
    const here = x, fHere = fx;
    const tries = [here + step, here - step].map((p) => ({ from: here, x: p, fx: fn(p), better: fn(p) < fHere }));
    probes.push(...tries);
    const best = tries.filter((t) => t.better).sort((a, b) => a.fx - b.fx)[0];
    if (!best) break;
    x = best.x; fx = best.fx;
    path.push(x);
  }
  return { path, probes, minimum: { x, fx } };
}
