import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../core/math/rng';
import type { WasmKernelExports, WasmResident } from '../../../core/math/wasm-kernels';
import { loadNodeKernels } from '../../../core/math/wasm-kernels.node';
import { activateInPlace, activationBackward, softmaxRows } from '../../../core/nn/activations';
import { lossGradient, lossValue } from '../../../core/nn/losses';
import type { ActivationName, LossName } from '../../../core/nn/spec';
import type { OptimizerConfig } from '../../../core/optim/config';
import { createOptimizer, type ParamSlot } from '../../../core/optim/optimizers';
import { applyPenalties } from '../../../core/train/penalties';

/**
 * The training kernels of core/math/wasm/assembly/train.ts against their
 * TypeScript references, which are the oracle: every expected value below is
 * computed by the TS code on the same float32 inputs.
 *
 * Tolerances. The kernels compute in float32 (unit roundoff u = 2⁻²⁴ ≈ 6e-8),
 * the references mostly in doubles before storing float32. Each comparison is
 * |got − want| ≤ rel·scale (+ abs where stated), where `scale` is the size of
 * the operands of the last rounding-sensitive operation (not of the result, so
 * that a cancellation such as w − ηg or p·Σy − y is bounded honestly):
 * - REL = 1e-5 (≈ 170u) for plain arithmetic: a handful of roundings per value
 *   (a few u), with room for error carried over several optimizer steps;
 * - REL_EXP = 1e-4 for anything through exp/log/tanh: Mathf's float32 functions
 *   are good to ~1 ulp, but exp(z − max) inherits the rounding of z − max
 *   amplified by |z − max|, and log-sum-exp adds cols roundings.
 * A wrong formula (a constant off by a percent, a missing term, a skipped
 * element) is off by orders of magnitude more than these bounds.
 */
const REL = 1e-5;
const REL_EXP = 1e-4;
/** One float32 ulp at 1: the absolute error of σ(z) = 1 − 1/(1 + eᶻ) for z < 0 (see the sigmoid test). */
const ULP1 = 2 ** -23;

const loaded = loadNodeKernels({ threads: 1 });

function resident(): WasmResident {
  const wasm = loaded.kernels.wasm;
  if (!wasm) throw new Error(`the wasm kernels did not load: ${loaded.fallbackReason ?? loaded.backend}`);
  return wasm;
}
const ex = (): WasmKernelExports => resident().exports;

/** Lengths covering the 4-lane SIMD body alone, the scalar tail alone, and both. */
const LENGTHS = [1, 3, 4, 5, 7, 8, 13, 33, 130] as const;

/** Written into the heap's 64-byte slack after every operand: must survive every kernel. */
const GUARD = -7777.25;
const GUARD_FLOATS = 16;

/**
 * Operands in the kernels' memory for one test. `put` allocates a block,
 * copies the data in and fills the slack after it with GUARD; `run` checks the
 * guards after the test body and releases every block (the heap is shared by
 * all tests of this file).
 */
class Arena {
  private readonly blocks: { off: number; floats: number }[] = [];

  /** A block holding `data` (or `data` floats of NaN, for outputs the kernel must write in full). */
  put(data: Float32Array | number): number {
    const floats = typeof data === 'number' ? data : data.length;
    const off = resident().heap.alloc(floats * 4);
    const view = resident().heap.floats(); // after alloc: the memory may have grown
    if (typeof data === 'number') view.fill(Number.NaN, off >> 2, (off >> 2) + floats);
    else view.set(data, off >> 2);
    view.fill(GUARD, (off >> 2) + floats, (off >> 2) + floats + GUARD_FLOATS);
    this.blocks.push({ off, floats });
    return off;
  }

  /** A block of u32 values (gather orders). */
  putU32(data: Uint32Array): number {
    const off = this.put(data.length);
    new Uint32Array(resident().heap.floats().buffer).set(data, off >> 2);
    return off;
  }

  /** A copy of `floats` floats at byte offset `off`. */
  get(off: number, floats: number): Float32Array {
    return resident().heap.floats().slice(off >> 2, (off >> 2) + floats);
  }

  static run(body: (arena: Arena) => void): void {
    const arena = new Arena();
    try {
      body(arena);
      const view = resident().heap.floats();
      for (const { off, floats } of arena.blocks) {
        for (let i = 0; i < GUARD_FLOATS; i++) {
          const v = view[(off >> 2) + floats + i];
          if (v !== GUARD) throw new Error(`a kernel wrote past the end of the ${floats}-float block at ${off}: slack float ${i} is ${v}`);
        }
      }
    } finally {
      for (const { off } of arena.blocks) resident().heap.release(off);
    }
  }
}

/**
 * Asserts |got[i] − want[i]| ≤ rel·scale(i) + abs for every i (NaN matches
 * NaN, infinities must be equal), naming the first element that is not.
 */
function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, scale: (i: number) => number, rel: number, abs = 0, what = ''): void {
  expect(got.length, `${what} length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const g = got[i]!, w = want[i]!;
    if (g === w || (Number.isNaN(g) && Number.isNaN(w))) continue;
    const err = Math.abs(g - w), tol = rel * scale(i) + abs;
    if (!(err <= tol)) throw new Error(`${what} element ${i} of ${want.length}: got ${g}, want ${w} (|err| ${err} > tol ${tol})`);
  }
}

/** Relative to the expected values themselves. */
const relTo = (want: ArrayLike<number>) => (i: number): number => Math.abs(want[i]!);

function normals(rng: Rng, n: number, sd = 1): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = sd * rng.normal();
  return out;
}

/**
 * Pre-activations with the awkward values mixed in anywhere (SIMD body or
 * tail): exact 0, −0, negatives, and large magnitudes where exp saturates.
 */
function preActivations(rng: Rng, n: number): Float32Array {
  const z = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    z[i] = r < 0.1 ? 0 : r < 0.15 ? -0 : r < 0.2 ? rng.uniform(-60, 60) : 4 * rng.normal();
  }
  if (n >= 3) { z[0] = 0; z[n - 1] = -Math.abs(z[n - 1]!) - 0.5; } // a zero in the body, a negative in the tail
  return z;
}

const ACTIVATIONS: readonly { name: Exclude<ActivationName, 'softmax'>; kind: number }[] = [
  { name: 'linear', kind: 0 }, { name: 'relu', kind: 1 }, { name: 'leaky-relu', kind: 2 },
  { name: 'elu', kind: 3 }, { name: 'sigmoid', kind: 4 }, { name: 'tanh', kind: 5 },
];
const EXP_BASED = new Set<ActivationName>(['elu', 'sigmoid', 'tanh']);

describe('wasm training kernels: setup', () => {
  it('loads the single-threaded wasm build, with its resident exports and heap', () => {
    expect(loaded.fallbackReason).toBeUndefined();
    expect(loaded.backend).toBe('wasm-simd');
    expect(loaded.threads).toBe(1);
    expect(typeof resident().exports.adamStep).toBe('function');
  });

  it('the comparison used below fails on a perturbation far smaller than any formula error', () => {
    const want = Float32Array.of(1, -2, 3);
    expect(() => expectClose(Float32Array.of(1, -2, 3 * (1 + 1e-3)), want, relTo(want), REL_EXP)).toThrow(/element 2/);
    expect(() => expectClose(Float32Array.of(1, Number.NaN, 3), want, relTo(want), REL_EXP)).toThrow(/element 1/);
    expect(() => expectClose(Float32Array.of(1, -2, 3 * (1 + 1e-7)), want, relTo(want), REL)).not.toThrow();
  });

  it('the guard check notices a write past the end of an operand', () => {
    expect(() => Arena.run((arena) => {
      const at = arena.put(5);
      resident().heap.floats()[(at >> 2) + 5] = 0;
    })).toThrow(/wrote past the end/);
  });
});

describe('wasm activate matches activateInPlace', () => {
  const cases = ACTIVATIONS.flatMap(({ name, kind }) => LENGTHS.map((n) => ({ name, kind, n })));
  it.each(cases)('$name over $n floats, into another buffer and in place', ({ name, kind, n }) => {
    const z = preActivations(createRng(1000 * kind + n), n);
    const want = new Float32Array(n);
    activateInPlace(name, z, want, n);
    // σ(z) for z < 0 is 1 − 1/(1 + eᶻ) in both; in float32 the subtraction leaves
    // an absolute error of about one ulp at 1 (see the report on train.ts).
    const abs = name === 'sigmoid' ? ULP1 : 0;
    const rel = EXP_BASED.has(name) ? REL_EXP : REL;
    Arena.run((arena) => {
      const zAt = arena.put(z), aAt = arena.put(n);
      ex().activate(zAt, aAt, n, kind);
      expectClose(arena.get(aAt, n), want, relTo(want), rel, abs, name);
      expect(Array.from(arena.get(zAt, n)), 'z is read only').toEqual(Array.from(z));
      ex().activate(zAt, zAt, n, kind);
      expectClose(arena.get(zAt, n), want, relTo(want), rel, abs, `${name} in place`);
    });
  });

  it('relu and leaky-relu are exact on 0, −0 and negatives, in the SIMD body and the tail', () => {
    const z = Float32Array.of(0, -0, -3, 2.5, -0, 0, -1e-30, 7);
    for (const { name, kind } of ACTIVATIONS.filter((a) => a.name === 'relu' || a.name === 'leaky-relu')) {
      const want = new Float32Array(z.length);
      activateInPlace(name, z, want, z.length);
      Arena.run((arena) => {
        const zAt = arena.put(z), aAt = arena.put(z.length);
        ex().activate(zAt, aAt, z.length, kind);
        expectClose(arena.get(aAt, z.length), want, relTo(want), 2 ** -23, 0, name);
      });
    }
  });
});

describe('wasm activationBackward matches activationBackward', () => {
  const cases = ACTIVATIONS.flatMap(({ name, kind }) => LENGTHS.map((n) => ({ name, kind, n })));
  it.each(cases)('$name over $n floats (g updated in place)', ({ name, kind, n }) => {
    const rng = createRng(2000 * kind + n);
    const z = preActivations(rng, n);
    const a = new Float32Array(n);
    activateInPlace(name, z, a, n); // both sides differentiate at the same a = g(z)
    const g = normals(rng, n);
    const want = new Float32Array(n);
    activationBackward(name, z, a, g, want, n);
    // Bounded by |g| times the size of the derivative's terms: 1 − t² and a + α
    // may cancel, a product of float32 values does not.
    const scale = (i: number): number => Math.abs(g[i]!) * (1 + Math.abs(a[i]!));
    Arena.run((arena) => {
      const zAt = arena.put(z), aAt = arena.put(a), gAt = arena.put(g);
      ex().activationBackward(zAt, aAt, gAt, n, kind);
      expectClose(arena.get(gAt, n), want, scale, REL, 0, name);
      expect(Array.from(arena.get(zAt, n))).toEqual(Array.from(z));
      expect(Array.from(arena.get(aAt, n))).toEqual(Array.from(a));
    });
  });

  it('relu and leaky-relu give exactly 0 and α·g at z = 0 and z = −0 (derivative taken from the left)', () => {
    const z = Float32Array.of(0, -0, 1, -1, 0, -0, 2);
    const g = Float32Array.of(1.5, -2, 3, 4, -5, 6, 7);
    for (const { name, kind } of ACTIVATIONS.filter((x) => x.name === 'relu' || x.name === 'leaky-relu')) {
      const a = new Float32Array(z.length);
      activateInPlace(name, z, a, z.length);
      const want = new Float32Array(z.length);
      activationBackward(name, z, a, g, want, z.length);
      Arena.run((arena) => {
        const gAt = arena.put(g);
        ex().activationBackward(arena.put(z), arena.put(a), gAt, z.length, kind);
        expectClose(arena.get(gAt, z.length), want, relTo(want), 2 ** -23, 0, name);
      });
    }
  });
});

/** Targets for [rows × cols]: one-hot rows, soft rows (sums ≠ 1) and, now and then, an all-zero row. */
function categoricalTargets(rng: Rng, rows: number, cols: number, soft: boolean): Float32Array {
  const y = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    if (!soft) { y[r * cols + rng.int(cols)] = 1; continue; }
    if (rows > 2 && r === 1) continue; // ySum = 0: no loss, δ = 0
    const total = rng.uniform(0.3, 1.7);
    let sum = 0;
    for (let j = 0; j < cols; j++) { const w = rng.next() < 0.3 ? 0 : rng.next(); y[r * cols + j] = w; sum += w; }
    for (let j = 0; j < cols; j++) y[r * cols + j] = sum > 0 ? (y[r * cols + j]! / sum) * total : 0;
  }
  return y;
}

describe('wasm softmaxCrossEntropy matches softmaxRows + lossValue/lossGradient (softmax-cce)', () => {
  const SHAPES = [[1, 1], [1, 3], [3, 5], [7, 2], [13, 7], [33, 10], [4, 130], [2, 33]] as const;
  const cases = SHAPES.flatMap(([rows, cols]) => [false, true].map((soft) => ({ rows, cols, soft })));
  it.each(cases)('$rows×$cols, soft targets: $soft', ({ rows, cols, soft }) => {
    const rng = createRng(rows * 131 + cols * 7 + (soft ? 1 : 0));
    const n = rows * cols;
    const z = normals(rng, n, 3);
    if (rows > 1) for (let j = 0; j < cols; j++) z[j] = z[j]! + 40; // a row far from 0: max subtraction keeps exp finite
    for (let i = 2; i < n; i += 5) z[i] = 0;
    const y = categoricalTargets(rng, rows, cols, soft);

    const aRef = new Float32Array(n), dRef = new Float32Array(n);
    softmaxRows(z, aRef, rows, cols);
    const lossRef = lossValue('categorical-crossentropy', 'softmax-cce', z, aRef, y, rows, cols);
    expect(lossGradient('categorical-crossentropy', 'softmax-cce', aRef, y, dRef, rows, cols)).toBe(true);

    // The loss Σ y_k (lse − z_k) cancels when z_k is the maximum: bound it by Σ|y_k|(|lse| + |z_k|).
    let lossScale = 0;
    for (let r = 0; r < rows; r++) {
      let max = -Infinity, sum = 0;
      for (let j = 0; j < cols; j++) max = Math.max(max, z[r * cols + j]!);
      for (let j = 0; j < cols; j++) sum += Math.exp(z[r * cols + j]! - max);
      const lse = max + Math.log(sum);
      for (let j = 0; j < cols; j++) lossScale += Math.abs(y[r * cols + j]!) * (Math.abs(lse) + Math.abs(z[r * cols + j]!) + 1);
    }
    lossScale /= rows;
    const ySums = Array.from({ length: rows }, (_, r) => y.subarray(r * cols, (r + 1) * cols).reduce((s, v) => s + v, 0));

    Arena.run((arena) => {
      const zAt = arena.put(z), aAt = arena.put(n), yAt = arena.put(y), dAt = arena.put(n);
      const loss = ex().softmaxCrossEntropy(zAt, aAt, yAt, dAt, rows, cols);
      expectClose([loss], [lossRef], () => lossScale, REL_EXP, 0, 'loss');
      expectClose(arena.get(aAt, n), aRef, relTo(aRef), REL_EXP, 1e-38, 'softmax');
      // δ = (p·Σy − y)/rows cancels where p·Σy ≈ y: bounded by the two terms.
      const dScale = (i: number): number => (Math.abs(aRef[i]! * ySums[Math.floor(i / cols)]!) + Math.abs(y[i]!)) / rows;
      expectClose(arena.get(dAt, n), dRef, dScale, REL_EXP, 0, 'delta');
      expect(Array.from(arena.get(zAt, n))).toEqual(Array.from(z));
      expect(Array.from(arena.get(yAt, n))).toEqual(Array.from(y));
    });
  });

  it('softmax rows sum to 1 and one-hot targets give a gradient summing to 0 per row', () => {
    const rows = 6, cols = 5, n = rows * cols;
    const rng = createRng(77);
    const z = normals(rng, n, 2), y = categoricalTargets(rng, rows, cols, false);
    Arena.run((arena) => {
      const aAt = arena.put(n), dAt = arena.put(n);
      ex().softmaxCrossEntropy(arena.put(z), aAt, arena.put(y), dAt, rows, cols);
      const a = arena.get(aAt, n), d = arena.get(dAt, n);
      for (let r = 0; r < rows; r++) {
        expect(Math.abs(a.subarray(r * cols, (r + 1) * cols).reduce((s, v) => s + v, 0) - 1)).toBeLessThan(cols * 2 ** -22);
        expect(Math.abs(d.subarray(r * cols, (r + 1) * cols).reduce((s, v) => s + v, 0))).toBeLessThan((cols * 2 ** -22) / rows);
      }
    });
  });
});

describe('wasm sigmoidBinaryCrossEntropy matches lossValue/lossGradient (sigmoid-bce)', () => {
  const SHAPES = [[1, 1], [3, 1], [1, 5], [7, 1], [4, 2], [13, 1], [11, 3], [130, 1]] as const;
  const cases = SHAPES.flatMap(([rows, cols]) => [false, true].map((soft) => ({ rows, cols, soft })));
  it.each(cases)('$rows×$cols, soft targets: $soft', ({ rows, cols, soft }) => {
    const n = rows * cols;
    const rng = createRng(rows * 17 + cols * 3 + (soft ? 1 : 0) + 5000);
    const z = preActivations(rng, n);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) y[i] = soft ? rng.next() : rng.next() < 0.5 ? 0 : 1;
    const aRef = new Float32Array(n), dRef = new Float32Array(n);
    activateInPlace('sigmoid', z, aRef, n);
    const lossRef = lossValue('binary-crossentropy', 'sigmoid-bce', z, aRef, y, rows, cols);
    expect(lossGradient('binary-crossentropy', 'sigmoid-bce', aRef, y, dRef, rows, cols)).toBe(true);
    // max(z, 0) − z·y + log(1 + e^{−|z|}) cancels for z > 0, y = 1: bounded by its terms.
    let lossScale = 0;
    for (let i = 0; i < n; i++) lossScale += Math.abs(z[i]!) * (1 + Math.abs(y[i]!)) + 1;
    lossScale /= n;

    Arena.run((arena) => {
      const zAt = arena.put(z), aAt = arena.put(n), yAt = arena.put(y), dAt = arena.put(n);
      const loss = ex().sigmoidBinaryCrossEntropy(zAt, aAt, yAt, dAt, n);
      expectClose([loss], [lossRef], () => lossScale, REL_EXP, 0, 'loss');
      expectClose(arena.get(aAt, n), aRef, relTo(aRef), REL_EXP, ULP1, 'sigmoid');
      // δ = (σ(z) − y)/n, with σ's absolute error (ULP1) carried through.
      const dScale = (i: number): number => (Math.abs(aRef[i]!) + Math.abs(y[i]!)) / n;
      expectClose(arena.get(dAt, n), dRef, dScale, REL_EXP, ULP1 / n, 'delta');
    });
  });
});

describe('wasm regressionLoss matches lossValue/lossGradient (no fusion)', () => {
  const LOSSES: readonly { loss: LossName; kind: number }[] = [
    { loss: 'mse', kind: 0 }, { loss: 'half-sse', kind: 1 }, { loss: 'mae', kind: 2 }, { loss: 'huber', kind: 3 },
  ];
  const SHAPES = [[1, 1], [1, 3], [3, 1], [5, 7], [13, 3], [33, 4], [130, 1]] as const;
  const cases = LOSSES.flatMap(({ loss, kind }) => SHAPES.flatMap(([rows, cols]) =>
    (loss === 'huber' ? [1, 0.3, 2.5] : [1]).map((delta) => ({ loss, kind, rows, cols, delta }))));
  it.each(cases)('$loss on $rows×$cols, δ $delta', ({ loss, kind, rows, cols, delta }) => {
    const n = rows * cols;
    const rng = createRng(kind * 1000 + rows * 31 + cols + Math.round(delta * 10));
    const a = normals(rng, n, 2), y = normals(rng, n, 2);
    for (let i = n === 1 && loss === 'mae' ? 0 : 1; i < n; i += 4) y[i] = a[i]!; // residuals exactly 0, in the SIMD body and the tail
    const gradRef = new Float32Array(n);
    const lossRef = lossValue(loss, 'none', a, a, y, rows, cols, delta);
    expect(lossGradient(loss, 'none', a, y, gradRef, rows, cols, delta)).toBe(false);
    Arena.run((arena) => {
      const aAt = arena.put(a), yAt = arena.put(y), gAt = arena.put(n);
      const got = ex().regressionLoss(aAt, yAt, gAt, n, rows, kind, delta);
      // A sum of non-negative terms: no cancellation, relative to the value itself.
      expectClose([got], [lossRef], () => Math.abs(lossRef), REL, 0, 'loss');
      const grad = arena.get(gAt, n);
      if (loss === 'mae') {
        // sign(r)/n: exactly the reference (float32 subtraction keeps the sign and exact zeros).
        expect(Array.from(grad)).toEqual(Array.from(gradRef));
        expect(gradRef.filter((v) => v === 0).length).toBeGreaterThan(0);
      } else {
        expectClose(grad, gradRef, relTo(gradRef), REL, 0, 'gradient');
      }
    });
  });
});

/** Per-element Σ over steps of (|x_{t−1}| + |x_t − x_{t−1}|): the size of what each step's roundings act on. */
class Drift {
  readonly scale: Float64Array;
  constructor(n: number) { this.scale = new Float64Array(n); }
  add(prev: ArrayLike<number>, next: ArrayLike<number>): void {
    for (let i = 0; i < this.scale.length; i++) this.scale[i] = this.scale[i]! + Math.abs(prev[i]!) + Math.abs(next[i]! - prev[i]!);
  }
}

/**
 * How far 1 − β moves when β is rounded to float32, relative to 1 − β: the
 * kernels take their hyper-parameters as f32 and form 1 − β there, so for
 * β = 0.999 the second moment is (1 − 0.999000013)g², 1.3e-5 below the
 * reference's 0.001g². Zero for dyadic β (0.875, 1 − 2⁻⁹).
 */
const f32Gap = (beta: number): number => Math.abs((1 - Math.fround(beta)) - (1 - beta)) / (1 - beta);

interface OptimizerCase {
  title: string;
  config: OptimizerConfig;
  /** The wasm update with the reference's hyper-parameters; `t` is the 1-based step. */
  step(w: number, out: number, g: number, state: readonly number[], n: number, lr: number, t: number): number;
  /** State buffers, in the order of `stateArrays()`. */
  states: number;
  /** Extra relative tolerance from β rounded to float32. */
  gap: number;
}

const D = { mu: 0.9, rho: 0.9, b1: 0.9, b2: 0.999, eps: 1e-7 };
function adamCase(title: string, config: OptimizerConfig): OptimizerCase {
  const b1 = config.beta1 ?? D.b1, b2 = config.beta2 ?? D.b2, eps = config.epsilon ?? D.eps;
  return {
    title, config, states: 2, gap: f32Gap(b1) + f32Gap(b2),
    step: (w, out, g, [m, v], n, lr, t) => {
      // As core/optim/optimizers.ts computes them, in doubles.
      const stepSize = lr / (1 - Math.pow(b1, t));
      const rootC2 = Math.sqrt(1 / (1 - Math.pow(b2, t)));
      const keep = config.kind === 'adamw' ? 1 - lr * (config.weightDecay ?? 0.01) : 1;
      return ex().adamStep(w, out, g, m!, v!, n, stepSize, rootC2, eps, b1, b2, keep, 1 - b1, 1 - b2);
    },
  };
}

const OPTIMIZERS: readonly OptimizerCase[] = [
  { title: 'sgd', config: { kind: 'sgd', learningRate: 0.05 }, states: 0, gap: 0, step: (w, out, g, _s, n, lr) => ex().sgdStep(w, out, g, n, lr) },
  {
    title: 'momentum (nesterov 0)', config: { kind: 'momentum', learningRate: 0.05 }, states: 1, gap: 0,
    step: (w, out, g, [v], n, lr) => ex().momentumStep(w, out, g, v!, n, lr, D.mu, 0),
  },
  {
    title: 'nesterov (nesterov 1), μ 0.8', config: { kind: 'nesterov', learningRate: 0.05, momentum: 0.8 }, states: 1, gap: 0,
    step: (w, out, g, [v], n, lr) => ex().momentumStep(w, out, g, v!, n, lr, 0.8, 1),
  },
  {
    title: 'rmsprop', config: { kind: 'rmsprop', learningRate: 0.01 }, states: 1, gap: f32Gap(D.rho),
    step: (w, out, g, [s], n, lr) => ex().rmspropStep(w, out, g, s!, n, lr, D.rho, D.eps, 1 - D.rho),
  },
  {
    title: 'rmsprop, ρ 0.875, ε 1e-3', config: { kind: 'rmsprop', learningRate: 0.01, rho: 0.875, epsilon: 1e-3 }, states: 1, gap: 0,
    step: (w, out, g, [s], n, lr) => ex().rmspropStep(w, out, g, s!, n, lr, 0.875, 1e-3, 1 - 0.875),
  },
  adamCase('adam (keep = 1)', { kind: 'adam', learningRate: 0.02 }),
  adamCase('adam, dyadic β (0.875, 1 − 2⁻⁹)', { kind: 'adam', learningRate: 0.02, beta1: 0.875, beta2: 1 - 2 ** -9 }),
  adamCase('adamw (keep = 1 − ηλ, λ 0.05)', { kind: 'adamw', learningRate: 0.02, weightDecay: 0.05 }),
];

describe('wasm optimizer steps match createOptimizer over consecutive steps', () => {
  const STEPS = 6;
  const cases = OPTIMIZERS.flatMap((o) => LENGTHS.flatMap((n) => [true, false].map((inPlace) => ({ ...o, n, inPlace }))));
  it.each(cases)('$title over $n floats, in place: $inPlace', ({ config, step, states, gap, n, inPlace, title }) => {
    const rng = createRng(n * 7 + title.length * 1009 + (inPlace ? 1 : 0));
    const w0 = normals(rng, n);
    const slot: ParamSlot = { value: w0.slice(), grad: new Float32Array(n), isKernel: true };
    const opt = createOptimizer(config);
    const drift = [new Drift(n), ...Array.from({ length: states }, () => new Drift(n))];
    let prevState: Float32Array[] = Array.from({ length: states }, () => new Float32Array(n));
    const rel = REL + gap;

    Arena.run((arena) => {
      const bufs = [arena.put(w0), inPlace ? 0 : arena.put(n)];
      const state = prevState.map((s) => arena.put(s));
      const g = arena.put(n);
      let cur = 0;
      for (let t = 1; t <= STEPS; t++) {
        const grad = normals(rng, n, 0.5 + t / 4);
        if (n > 2) grad[t % n] = 0;
        slot.grad.set(grad);
        resident().heap.floats().set(grad, g >> 2);
        const lr = config.learningRate * (1 - 0.1 * (t - 1)); // a schedule: the rate changes every step

        const before = slot.value.slice();
        const check = opt.step([slot], lr);
        const from = bufs[cur]!, to = inPlace ? from : bufs[1 - cur]!;
        const fromBefore = arena.get(from, n);
        const ok = step(from, to, g, state, n, lr, t);

        expect(Number.isFinite(check)).toBe(true);
        expect(ok).toBe(0);
        drift[0]!.add(before, slot.value);
        expectClose(arena.get(to, n), slot.value, (i) => drift[0]!.scale[i]!, rel, 0, `weights after step ${t}`);
        if (!inPlace) expect(Array.from(arena.get(from, n)), 'the input weights are untouched').toEqual(Array.from(fromBefore));
        const ref = opt.stateArrays();
        expect(ref).toHaveLength(states);
        for (let s = 0; s < states; s++) {
          drift[s + 1]!.add(prevState[s]!, ref[s]!);
          expectClose(arena.get(state[s]!, n), ref[s]!, (i) => drift[s + 1]!.scale[i]!, rel, 0, `state ${s} after step ${t}`);
        }
        prevState = ref;
        if (!inPlace) cur = 1 - cur;
      }
    });
  });

  const BAD = [
    { what: 'an infinite gradient', w: 0.5, g: Infinity },
    { what: 'a −∞ gradient', w: 0.5, g: -Infinity },
    { what: 'a NaN gradient', w: 0.5, g: Number.NaN },
    { what: 'a NaN weight', w: Number.NaN, g: 0.1 },
    { what: 'an overflowing update', w: 3e38, g: -3e38 },
  ];
  const badCases = OPTIMIZERS.flatMap((o) => BAD.flatMap((b) => [3, 4, 7].flatMap((n) => [0, n - 1].map((at) => ({ ...o, ...b, n, at })))));
  it.each(badCases)('$title returns NaN for $what at float $at of $n, exactly when a new float32 weight is not finite', ({ config, step, states, n, at, w, g }) => {
    const rng = createRng(n * 13 + at);
    const weights = normals(rng, n), grads = normals(rng, n);
    weights[at] = w; grads[at] = g;
    const lr = config.kind === 'sgd' ? 1 : config.learningRate; // sgd overflows w − ηg only at a large enough η
    const slot: ParamSlot = { value: weights.slice(), grad: grads.slice(), isKernel: true };
    const check = createOptimizer(config).step([slot], lr);
    // The oracle is the reference's stored float32 weights. (Its checksum sums
    // the double values before they are stored, so it stays finite when a
    // weight overflows float32 only: see the report on optimizers.ts.)
    const finite = slot.value.every(Number.isFinite);
    if (Number.isFinite(w) && Number.isFinite(g) && Math.abs(g) < 1e38) expect(finite).toBe(true);
    if (!Number.isFinite(w) || !Number.isFinite(g)) expect(Number.isFinite(check)).toBe(false);
    Arena.run((arena) => {
      const wAt = arena.put(weights), out = arena.put(n), gAt = arena.put(grads);
      const state = Array.from({ length: states }, () => arena.put(new Float32Array(n)));
      const ok = step(wAt, out, gAt, state, n, lr, 1);
      expect(ok).toBe(finite ? 0 : Number.NaN);
      expect(Array.from(arena.get(wAt, n)), 'the old weights survive a diverged step').toEqual(Array.from(weights));
      const got = arena.get(out, n);
      for (let i = 0; i < n; i++) {
        if (i === at) expect(Number.isFinite(got[i]!), `weight ${i}`).toBe(Number.isFinite(slot.value[i]!));
        else expect(Number.isFinite(got[i]!), `weight ${i} is finite`).toBe(true);
      }
    });
  });

  it('sgd reports a float32 overflow of w − ηg (finite in doubles) as divergence', () => {
    Arena.run((arena) => {
      const w = Float32Array.of(1, 2, 3e38, 4, 5), g = Float32Array.of(0, 0, -3e38, 0, 0);
      const out = arena.put(5);
      expect(ex().sgdStep(arena.put(w), out, arena.put(g), 5, 1)).toBeNaN();
      expect(arena.get(out, 5)[2]).toBe(Infinity);
      expect(ex().sgdStep(arena.put(w), out, arena.put(g), 5, 0.1)).toBe(0); // 3.3e38 still fits
    });
  });
});

describe('wasm penalize matches applyPenalties', () => {
  const COEFFS = [[0.01, 0], [0, 0.1], [0.003, 0.02], [0, 0]] as const;
  const cases = COEFFS.flatMap(([l1, l2]) => LENGTHS.map((n) => ({ l1, l2, n })));
  it.each(cases)('λ₁ $l1, λ₂ $l2 over $n floats', ({ l1, l2, n }) => {
    const rng = createRng(n * 3 + l1 * 1e4 + l2 * 1e3);
    const w = normals(rng, n), g = normals(rng, n, 0.1);
    for (let i = 0; i < n; i += 3) w[i] = i % 2 === 0 ? 0 : -0; // sign(0) = 0: no L1 pull on a zero weight
    const slot: ParamSlot = { value: w.slice(), grad: g.slice(), isKernel: true };
    const penaltyRef = applyPenalties([slot], l1, l2);
    Arena.run((arena) => {
      const wAt = arena.put(w), gAt = arena.put(g);
      const penalty = ex().penalize(wAt, gAt, n, l1, l2);
      // Σ of non-negative terms (in doubles) with λ rounded to float32: relative.
      expectClose([penalty], [penaltyRef], () => Math.abs(penaltyRef), REL, 0, 'penalty');
      // g + λ₁ sign(w) + λ₂ w may cancel: bounded by its terms.
      expectClose(arena.get(gAt, n), slot.grad, (i) => Math.abs(g[i]!) + l1 + l2 * Math.abs(w[i]!), REL, 0, 'gradient');
      expect(Array.from(arena.get(wAt, n))).toEqual(Array.from(w));
    });
  });
});

describe('wasm sumSquares, scale and gatherRows', () => {
  it.each([0, ...LENGTHS])('sumSquares over %i floats is the same double sum', (n) => {
    const x = normals(createRng(n + 300), n, 3);
    let want = 0;
    for (let i = 0; i < n; i++) want += x[i]! * x[i]!; // the same order and precision as the kernel: exact
    Arena.run((arena) => {
      expect(ex().sumSquares(arena.put(x), n)).toBe(want);
    });
  });

  const scaleCases = [0.5, 0.3, -1.7, 0].flatMap((k) => LENGTHS.map((n) => ({ k, n })));
  it.each(scaleCases)('scale by $k over $n floats is the float32 product', ({ k, n }) => {
    const x = normals(createRng(n + 400), n, 3);
    // k arrives as float32; a product of two float32 values rounded once: exact.
    const want = x.map((v) => Math.fround(Math.fround(k) * v));
    Arena.run((arena) => {
      const at = arena.put(x);
      ex().scale(at, n, k);
      expect(Array.from(arena.get(at, n))).toEqual(Array.from(want));
    });
  });

  const gatherCases = [1, 3, 4, 7, 13].flatMap((width) => [[0, 1], [0, 5], [3, 4], [2, 11]].map(([r0, n]) => ({ width, r0: r0!, n: n! })));
  it.each(gatherCases)('gatherRows of $n rows from $r0, $width wide, copies the ordered rows', ({ width, r0, n }) => {
    const rng = createRng(width * 100 + r0 * 10 + n);
    const srcRows = 17;
    const src = normals(rng, srcRows * width);
    const order = new Uint32Array(r0 + n + 3);
    for (let i = 0; i < order.length; i++) order[i] = rng.int(srcRows);
    order[r0] = srcRows - 1; // the last row: reads up to the end of src
    const want = new Float32Array(n * width);
    for (let r = 0; r < n; r++) want.set(src.subarray(order[r0 + r]! * width, (order[r0 + r]! + 1) * width), r * width);
    Arena.run((arena) => {
      const srcAt = arena.put(src), dstAt = arena.put(n * width), orderAt = arena.putU32(order);
      ex().gatherRows(srcAt, dstAt, orderAt, r0, n, width);
      expect(Array.from(arena.get(dstAt, n * width))).toEqual(Array.from(want));
      expect(Array.from(arena.get(srcAt, src.length))).toEqual(Array.from(src));
    });
  });
});
