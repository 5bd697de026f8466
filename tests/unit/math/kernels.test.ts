import { describe, expect, it } from 'vitest';
import type { Kernels } from '../../../core/math/kernels';
import { naiveKernels } from '../../../core/math/naive-kernels';
import { createRng } from '../../../core/math/rng';
import { tsKernels } from '../../../core/math/ts-kernels';

type Shape = readonly [m: number, k: number, n: number];
type MatmulName = 'matmul' | 'matmulTA' | 'matmulTB';

/** Every m×k×n over {1,2,3,5} (all remainder cases of the 4×2 tile), plus odd, prime and training shapes. */
const SMALL = [1, 2, 3, 5] as const;
const SHAPES: readonly Shape[] = [
  ...SMALL.flatMap((m) => SMALL.flatMap((k) => SMALL.map((n): Shape => [m, k, n]))),
  [1, 1, 127], [127, 1, 1], [1, 127, 1], [1, 33, 65], [65, 33, 1],
  [7, 13, 17], [13, 7, 31], [17, 31, 13], [31, 33, 63], [33, 63, 65], [63, 65, 127], [127, 17, 7],
  [4, 4, 4], [8, 8, 8], [6, 9, 10], [9, 6, 11],
  [32, 32, 64], [32, 64, 64], [32, 64, 3], [64, 32, 3], [32, 3, 64],
  [64, 10, 128], [128, 64, 10], [64, 128, 10],
];

function randn(len: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(len);
  for (let i = 0; i < len; i++) out[i] = rng.normal();
  return out;
}

function seedOf(...xs: readonly number[]): number {
  return xs.reduce((h, x) => Math.imul(h ^ x, 0x9e3779b1) >>> 0, 17);
}

/**
 * Asserts |got − want| ≤ 2e-6·scale + 1e-12 elementwise, where `scale` is the
 * magnitude the result was summed from (Σ|a·b| + |start value|), so the check
 * is as tight for tiny outputs as for large ones.
 */
function expectClose(got: Float32Array, want: Float32Array, scale: Float32Array): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs(got[i]! - want[i]!);
    if (!(err <= 2e-6 * scale[i]! + 1e-12)) {
      throw new Error(`element ${i}: got ${got[i]}, want ${want[i]} (|err| ${err}, scale ${scale[i]})`);
    }
  }
}

const abs = (x: Float32Array): Float32Array => x.map(Math.abs);

/** Operand lengths for each layout: [A length, B length]. */
function operandSizes(name: MatmulName, [m, k, n]: Shape): [number, number] {
  return name === 'matmulTA' ? [k * m, k * n] : name === 'matmulTB' ? [m * k, n * k] : [m * k, k * n];
}

function checkMatmul(kernels: Kernels, name: MatmulName, shape: Shape, accumulate: boolean): void {
  const [m, k, n] = shape;
  const [aLen, bLen] = operandSizes(name, shape);
  const seed = seedOf(m, k, n, name.length, accumulate ? 1 : 0);
  const a = randn(aLen, seed), b = randn(bLen, seed + 1), c0 = randn(m * n, seed + 2);
  const want = c0.slice();
  naiveKernels[name](a, b, want, m, k, n, accumulate);
  // overwrite mode must ignore whatever C held, even NaN
  const got = accumulate ? c0.slice() : new Float32Array(m * n).fill(Number.NaN);
  kernels[name](a, b, got, m, k, n, accumulate);
  const scale = accumulate ? abs(c0) : new Float32Array(m * n);
  naiveKernels[name](abs(a), abs(b), scale, m, k, n, true);
  expectClose(got, want, scale);
}

const shapeTitle = ([m, k, n]: Shape): string => `${m}×${k}×${n}`;
const cases = SHAPES.flatMap((shape) => [false, true].map((accumulate) => ({ shape, accumulate, title: shapeTitle(shape) })));

describe.each(['matmul', 'matmulTA', 'matmulTB'] as const)('tsKernels.%s', (name) => {
  it.each(cases)(`$title (m×k×n), accumulate=$accumulate, matches naive`, ({ shape, accumulate }) => {
    checkMatmul(tsKernels, name, shape, accumulate);
  });
});

describe('tsKernels.dense', () => {
  const denseCases = SHAPES.flatMap((shape) => [true, false].map((withBias) => ({ shape, withBias, title: shapeTitle(shape) })));
  it.each(denseCases)('$title (m×k×n), bias=$withBias, matches naive X·W + b', ({ shape, withBias }) => {
    const [m, k, n] = shape;
    const seed = seedOf(m, k, n, withBias ? 7 : 8);
    const x = randn(m * k, seed), w = randn(k * n, seed + 1);
    const bias = withBias ? randn(n, seed + 2) : null;
    const want = new Float32Array(m * n);
    naiveKernels.dense(x, w, bias, want, m, k, n);
    const got = new Float32Array(m * n).fill(Number.NaN);
    tsKernels.dense(x, w, bias, got, m, k, n);
    const scale = new Float32Array(m * n);
    naiveKernels.dense(abs(x), abs(w), bias === null ? null : abs(bias), scale, m, k, n);
    expectClose(got, want, scale);
  });

  it('equals matmul followed by adding the bias to every row', () => {
    const [m, k, n] = [13, 17, 31];
    const x = randn(m * k, 1), w = randn(k * n, 2), bias = randn(n, 3);
    const viaMatmul = new Float32Array(m * n);
    tsKernels.matmul(x, w, viaMatmul, m, k, n, false);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) viaMatmul[i * n + j]! += bias[j]!;
    const z = new Float32Array(m * n);
    tsKernels.dense(x, w, bias, z, m, k, n);
    const scale = new Float32Array(m * n);
    naiveKernels.dense(abs(x), abs(w), abs(bias), scale, m, k, n);
    expectClose(z, viaMatmul, scale);
  });
});

describe('tsKernels.sumRows', () => {
  const sumCases = ([[1, 1], [1, 7], [7, 1], [2, 3], [3, 4], [5, 5], [13, 17], [32, 64], [32, 3], [64, 128], [64, 10], [127, 33]] as const)
    .flatMap(([rows, n]) => [false, true].map((accumulate) => ({ rows, n, accumulate })));
  it.each(sumCases)('$rows×$n, accumulate=$accumulate, matches naive column sums', ({ rows, n, accumulate }) => {
    const seed = seedOf(rows, n, accumulate ? 3 : 4);
    const src = randn(rows * n, seed), out0 = randn(n, seed + 1);
    const want = out0.slice();
    naiveKernels.sumRows(src, want, rows, n, accumulate);
    const got = accumulate ? out0.slice() : new Float32Array(n).fill(Number.NaN);
    tsKernels.sumRows(src, got, rows, n, accumulate);
    const scale = accumulate ? abs(out0) : new Float32Array(n);
    naiveKernels.sumRows(abs(src), scale, rows, n, true);
    expectClose(got, want, scale);
  });
});

describe('kernel edge cases', () => {
  it.each(['matmul', 'matmulTA', 'matmulTB'] as const)('%s with k = 0 gives zeros, or leaves C unchanged when accumulating', (name) => {
    const empty = new Float32Array(0);
    const c = new Float32Array(6).fill(Number.NaN);
    tsKernels[name](empty, empty, c, 2, 0, 3, false);
    expect(Array.from(c)).toEqual([0, 0, 0, 0, 0, 0]);
    const d = Float32Array.of(1, 2, 3, 4, 5, 6);
    tsKernels[name](empty, empty, d, 2, 0, 3, true);
    expect(Array.from(d)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('works on subarray views of larger buffers without touching neighbours', () => {
    const [m, k, n] = [5, 7, 3];
    const buf = new Float32Array(4 + m * n + 4).fill(99);
    const c = buf.subarray(4, 4 + m * n);
    const a = randn(m * k, 11), b = randn(k * n, 12);
    tsKernels.matmul(a, b, c, m, k, n, false);
    const want = new Float32Array(m * n);
    naiveKernels.matmul(a, b, want, m, k, n, false);
    const scale = new Float32Array(m * n);
    naiveKernels.matmul(abs(a), abs(b), scale, m, k, n, false);
    expectClose(c, want, scale);
    expect(Array.from(buf.subarray(0, 4))).toEqual([99, 99, 99, 99]);
    expect(Array.from(buf.subarray(4 + m * n))).toEqual([99, 99, 99, 99]);
  });

  it('backend names are "ts" and "naive"', () => {
    expect(tsKernels.name).toBe('ts');
    expect(naiveKernels.name).toBe('naive');
  });
});

describe('tsKernels.matmulTASparseB', () => {
  it.each(cases)('$title (m×k×n) with half of B zeroed, accumulate=$accumulate, equals matmulTA exactly', ({ shape, accumulate }) => {
    const [m, k, n] = shape;
    const seed = seedOf(m, k, n, 99, accumulate ? 1 : 0);
    const a = randn(k * m, seed), b = randn(k * n, seed + 1), c0 = randn(m * n, seed + 2);
    // zero about half of B, as a ReLU mask does, and one whole column when there are several
    const mask = createRng(seed + 3);
    for (let i = 0; i < b.length; i++) if (mask.next() < 0.5 || (n > 1 && i % n === 0)) b[i] = 0;
    const want = c0.slice();
    tsKernels.matmulTA(a, b, want, m, k, n, accumulate);
    const got = accumulate ? c0.slice() : new Float32Array(m * n).fill(Number.NaN);
    tsKernels.matmulTASparseB(a, b, got, m, k, n, accumulate, new Int32Array(k));
    expect(Array.from(got)).toEqual(Array.from(want));
  });

  it('refuses a scratch buffer shorter than the depth', () => {
    const f = new Float32Array(6);
    expect(() => tsKernels.matmulTASparseB(f, f, f, 2, 3, 2, false, new Int32Array(2))).toThrow('sparse Aᵀ·B needs 3 scratch rows, got 2');
  });
});
