import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Kernels } from '../../../core/math/kernels';
import { zeros } from '../../../core/math/matrix';
import { naiveKernels } from '../../../core/math/naive-kernels';
import { createRng } from '../../../core/math/rng';
import { tsKernels } from '../../../core/math/ts-kernels';
import { KERNEL_BUILDS, createWasmKernels, instantiateWasmKernels, kernelBuildFor, wasmRelaxedSimdSupported, wasmSimdSupported } from '../../../core/math/wasm-kernels';
import { KERNELS_WASM_DIR, KERNELS_WASM_URL, loadNodeKernels } from '../../../core/math/wasm-kernels.node';
import { createModel } from '../../../core/nn/model';
import type { NetworkSpec } from '../../../core/nn/spec';
import type { TrainConfig } from '../../../core/train/config';
import { fit } from '../../../core/train/fit';
import { randomMatrix } from '../../helpers/data';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

// Node 20 has WebAssembly SIMD; a runtime without it must fall back (tested below).
const loaded = loadNodeKernels();
const wasm: Kernels = loaded.kernels;

type Shape = readonly [m: number, k: number, n: number];
type MatmulName = 'matmul' | 'matmulTA' | 'matmulTASparseB' | 'matmulTB';
const MATMULS: readonly MatmulName[] = ['matmul', 'matmulTA', 'matmulTASparseB', 'matmulTB'];

/** Odd, prime, vector-shaped and training shapes: every remainder of the 4×8 tile and of the 4-lane vectors. */
const SMALL = [1, 2, 3, 4, 5, 8, 9] as const;
const SHAPES: readonly Shape[] = [
  ...SMALL.flatMap((m) => [1, 3, 8].flatMap((k) => SMALL.map((n): Shape => [m, k, n]))),
  [1, 1, 127], [127, 1, 1], [1, 127, 1], [1, 33, 65], [65, 33, 1],
  [7, 13, 5], [7, 13, 17], [13, 7, 31], [31, 17, 29], [17, 31, 13], [31, 33, 63], [33, 63, 65], [127, 17, 7],
  [64, 64, 64], [32, 32, 64], [32, 64, 3], [64, 32, 3], [32, 3, 64], [64, 10, 128], [128, 64, 10], [64, 128, 10],
  [64, 784, 10], [16, 784, 128],
];

function randn(len: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(len);
  for (let i = 0; i < len; i++) out[i] = rng.normal();
  return out;
}

const abs = (x: Float32Array): Float32Array => x.map(Math.abs);

/**
 * Asserts |got − want| ≤ (depth + 2)·2⁻²³·scale + 1e-12 elementwise, where
 * `scale` = Σ|a·b| + |start value|: the classic bound for a float32 sum of
 * `depth` products in any order (the wasm kernels sum in float32 lanes, the
 * reference in doubles), tight for small outputs as for large ones.
 */
function expectClose(got: Float32Array, want: Float32Array, scale: Float32Array, depth: number): void {
  expect(got.length).toBe(want.length);
  const rel = (depth + 2) * 2 ** -23;
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs(got[i]! - want[i]!);
    if (!(err <= rel * scale[i]! + 1e-12)) {
      throw new Error(`element ${i}: got ${got[i]}, want ${want[i]} (|err| ${err}, scale ${scale[i]})`);
    }
  }
}

function operandSizes(name: MatmulName, [m, k, n]: Shape): [number, number] {
  if (name === 'matmulTA' || name === 'matmulTASparseB') return [k * m, k * n];
  return name === 'matmulTB' ? [m * k, n * k] : [m * k, k * n];
}

/** Runs `name` on the wasm backend against the naive reference; `slack` extra floats after each operand (workspace-sized buffers). */
function checkMatmul(name: MatmulName, shape: Shape, accumulate: boolean, seed: number, slack = 0): void {
  const [m, k, n] = shape;
  const ref = name === 'matmulTASparseB' ? 'matmulTA' : name;
  const [aLen, bLen] = operandSizes(name, shape);
  const a = randn(aLen + slack, seed), b = randn(bLen + slack, seed + 1), c0 = randn(m * n + slack, seed + 2);
  if (name === 'matmulTASparseB') for (let i = 0; i < b.length; i++) if (i % 3 === 0) b[i] = 0;
  const want = c0.slice();
  naiveKernels[ref](a, b, want, m, k, n, accumulate);
  // overwrite mode must ignore whatever C held, even NaN
  const got = accumulate ? c0.slice() : new Float32Array(m * n + slack).fill(Number.NaN);
  wasm[name](a, b, got, m, k, n, accumulate, new Int32Array(k));
  const scale = accumulate ? abs(c0) : new Float32Array(m * n + slack);
  naiveKernels[ref](abs(a), abs(b), scale, m, k, n, true);
  expectClose(got.subarray(0, m * n), want.subarray(0, m * n), scale.subarray(0, m * n), k);
  // cells past m·n are never written
  if (slack) expect(Array.from(got.subarray(m * n))).toEqual(Array.from((accumulate ? c0 : got).subarray(m * n)));
}

const title = ([m, k, n]: Shape): string => `${m}×${k}×${n}`;

describe('wasm backend loading', () => {
  it('loads WebAssembly SIMD kernels in Node', () => {
    expect(wasmSimdSupported()).toBe(true);
    expect(loaded.fallbackReason).toBeUndefined();
    expect(loaded.backend).toBe('wasm-simd');
    expect(wasm.name).toBe('wasm-simd');
  });

  it('falls back to the TypeScript kernels, saying why, where WebAssembly SIMD is missing', () => {
    // (the tools program has no WebAssembly typings, hence the cast)
    const wasmGlobal = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;
    const validate = vi.spyOn(wasmGlobal, 'validate').mockReturnValue(false);
    try {
      expect(wasmSimdSupported()).toBe(false);
      const fallback = loadNodeKernels();
      expect(fallback.backend).toBe('ts');
      expect(fallback.kernels).toBe(tsKernels);
      expect(fallback.fallbackReason).toMatch(/SIMD is not supported/);
      expect(() => createWasmKernels(new Uint8Array(readFileSync(KERNELS_WASM_URL)))).toThrow('no WebAssembly SIMD');
    } finally {
      validate.mockRestore();
    }
  });

  it('instantiates asynchronously too', async () => {
    const k = await instantiateWasmKernels(new Uint8Array(readFileSync(KERNELS_WASM_URL)));
    const c = new Float32Array(1);
    k.matmul(Float32Array.of(2), Float32Array.of(3), c, 1, 1, 1, false);
    expect(c[0]).toBe(6);
  });

  it('refuses bytes that are not the kernels module', () => {
    const notKernels = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]); // an empty module
    expect(() => createWasmKernels(notKernels)).toThrow('does not export');
  });

  it('the four committed kernel builds are what `npm run build:wasm` builds from the sources', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kernels-wasm-'));
    try {
      execFileSync(process.execPath, [join(ROOT, 'core/math/wasm/build.mjs'), dir], { cwd: ROOT, stdio: 'pipe' });
      for (const file of Object.values(KERNEL_BUILDS)) {
        const fresh = readFileSync(join(dir, file));
        const committed = readFileSync(new URL(file, KERNELS_WASM_DIR));
        expect(fresh.equals(committed), `core/math/wasm/${file} is stale: run \`npm run build:wasm\` and commit it`).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe.each(MATMULS)('wasm %s matches the naive reference', (name) => {
  const cases = SHAPES.flatMap((shape) => [false, true].map((accumulate) => ({ shape, accumulate, t: title(shape) })));
  it.each(cases)('$t (m×k×n), accumulate=$accumulate', ({ shape, accumulate }) => {
    checkMatmul(name, shape, accumulate, shape[0] * 7919 + shape[1] * 104729 + shape[2] * 31 + (accumulate ? 1 : 0));
  });

  it('on random shapes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }), fc.integer({ min: 0, max: 70 }), fc.integer({ min: 1, max: 70 }),
        fc.boolean(), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 1e6 }),
        (m, k, n, accumulate, slack, seed) => checkMatmul(name, [m, k, n], accumulate, seed, slack),
      ),
      { numRuns: 150 },
    );
  });
});

describe('wasm dense', () => {
  const denseCheck = (shape: Shape, withBias: boolean, seed: number, slack = 0): void => {
    const [m, k, n] = shape;
    const x = randn(m * k + slack, seed), w = randn(k * n + slack, seed + 1);
    const bias = withBias ? randn(n + slack, seed + 2) : null;
    const want = new Float32Array(m * n);
    naiveKernels.dense(x, w, bias, want, m, k, n);
    const got = new Float32Array(m * n + slack).fill(Number.NaN);
    wasm.dense(x, w, bias, got, m, k, n);
    const scale = new Float32Array(m * n);
    naiveKernels.dense(abs(x), abs(w), bias === null ? null : abs(bias), scale, m, k, n);
    expectClose(got.subarray(0, m * n), want, scale, k);
    if (slack) expect(got.subarray(m * n).every(Number.isNaN)).toBe(true);
  };
  const cases = SHAPES.flatMap((shape) => [true, false].map((withBias) => ({ shape, withBias, t: title(shape) })));
  it.each(cases)('$t (m×k×n), bias=$withBias, matches naive X·W + b', ({ shape, withBias }) => {
    denseCheck(shape, withBias, shape[0] * 13 + shape[1] * 17 + shape[2] * 19 + (withBias ? 1 : 0));
  });

  it('on random shapes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }), fc.integer({ min: 0, max: 70 }), fc.integer({ min: 1, max: 70 }),
        fc.boolean(), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 1e6 }),
        (m, k, n, withBias, slack, seed) => denseCheck([m, k, n], withBias, seed, slack),
      ),
      { numRuns: 150 },
    );
  });
});

describe('wasm sumRows', () => {
  const sumCheck = (rows: number, n: number, accumulate: boolean, seed: number): void => {
    const src = randn(rows * n, seed), out0 = randn(n, seed + 1);
    const want = out0.slice();
    naiveKernels.sumRows(src, want, rows, n, accumulate);
    const got = accumulate ? out0.slice() : new Float32Array(n).fill(Number.NaN);
    wasm.sumRows(src, got, rows, n, accumulate);
    const scale = accumulate ? abs(out0) : new Float32Array(n);
    naiveKernels.sumRows(abs(src), scale, rows, n, true);
    expectClose(got, want, scale, rows);
  };
  it.each([[1, 1], [1, 7], [7, 1], [2, 3], [3, 4], [5, 5], [13, 17], [32, 64], [32, 3], [64, 128], [64, 10], [127, 33]] as const)(
    '%i×%i matches naive column sums', (rows, n) => {
      sumCheck(rows, n, false, rows * 31 + n);
      sumCheck(rows, n, true, rows * 37 + n);
    },
  );

  it('on random shapes (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 100 }), fc.boolean(), fc.integer({ min: 1, max: 1e6 }),
        (rows, n, accumulate, seed) => sumCheck(rows, n, accumulate, seed)),
      { numRuns: 150 },
    );
  });
});

describe('the zero-skipping Aᵀ·B (gemmSparseTA, behind matmulTASparseB)', () => {
  /** B [k×n] with about `density` of its entries nonzero. */
  function sparseB(k: number, n: number, density: number, seed: number): Float32Array {
    const rng = createRng(seed);
    return Float32Array.from({ length: k * n }, () => (rng.next() < density ? rng.normal() : 0));
  }
  const same = (m: number, k: number, n: number, density: number, seed: number): void => {
    const a = randn(k * m, seed), b = sparseB(k, n, density, seed + 1);
    const dense = new Float32Array(m * n), sparse = new Float32Array(m * n).fill(Number.NaN);
    wasm.matmulTA(a, b, dense, m, k, n, false);
    wasm.matmulTASparseB(a, b, sparse, m, k, n, false, new Int32Array(k));
    expect(Array.from(sparse)).toEqual(Array.from(dense));
  };
  // Rows: strips of 28, then 16, 8 and 4, then single rows; every combination up to 2 strips, and Task B's 784.
  const ROWS = [1, 2, 3, 4, 5, 7, 8, 12, 15, 16, 20, 24, 27, 28, 29, 31, 32, 44, 52, 55, 56, 57, 83, 784];
  it.each(ROWS)('equals the dense product bit for bit with m = %i, at densities 0, 0.1, 0.5, 0.9 and 1', (m) => {
    for (const density of [0, 0.1, 0.5, 0.9, 1]) for (const [k, n] of [[1, 1], [7, 3], [64, 13], [0, 5]] as const) same(m, k, n, density, m * 101 + k * 7 + n);
  });

  it('on random shapes and densities (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 0, max: 70 }), fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 1e6 }),
        (m, k, n, density, seed) => same(m, k, n, density, seed)),
      { numRuns: 150 },
    );
  });

  it('counts the nonzero entries of B and writes only columns j0..j1−1', () => {
    const res = wasm.wasm!, heap = res.heap;
    const [m, k, n] = [30, 9, 11];
    const a = randn(k * m, 1), b = sparseB(k, n, 0.4, 2);
    const at = heap.alloc((k * m + k * n + 2 * m * n) * 4 + 64 * 4), scratch = heap.alloc(n * (4 + 8 * k) + 64);
    const aAt = at, bAt = aAt + k * m * 4, cAt = bAt + k * n * 4, dAt = cAt + m * n * 4;
    const h = heap.floats();
    h.set(a, aAt >> 2);
    h.set(b, bAt >> 2);
    h.fill(7, cAt >> 2, (cAt >> 2) + m * n);
    const [j0, j1] = [3, 8];
    let nonzero = 0;
    for (let p = 0; p < k; p++) for (let j = j0; j < j1; j++) if (b[p * n + j] !== 0) nonzero++;
    expect(res.exports.gemmSparseTA(aAt, m, bAt, n, cAt, n, m, k, j0, j1, scratch)).toBe(nonzero);
    res.gemm(aAt, 1, m, bAt, n, 1, dAt, n, m, k, n, 0, 0);
    const c = heap.floats().slice(cAt >> 2, (cAt >> 2) + m * n), d = heap.floats().slice(dAt >> 2, (dAt >> 2) + m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) expect(c[i * n + j], `${i},${j}`).toBe(j >= j0 && j < j1 ? d[i * n + j] : 7);
    let all = 0;
    b.forEach((v) => { if (v !== 0) all++; });
    expect(res.gemmSparseTA(aAt, m, bAt, n, cAt, n, m, k, n)).toBe(all);
    heap.release(at);
    heap.release(scratch);
  });

  it('accumulates through the dense kernel', () => {
    checkMatmul('matmulTASparseB', [31, 9, 13], true, 12);
  });
});

describe('wasm edge cases', () => {
  it.each(['matmul', 'matmulTA', 'matmulTB'] as const)('%s with k = 0 gives zeros, or leaves C unchanged when accumulating', (name) => {
    const empty = new Float32Array(0);
    const c = new Float32Array(6).fill(Number.NaN);
    wasm[name](empty, empty, c, 2, 0, 3, false);
    expect(Array.from(c)).toEqual([0, 0, 0, 0, 0, 0]);
    const d = Float32Array.of(1, 2, 3, 4, 5, 6);
    wasm[name](empty, empty, d, 2, 0, 3, true);
    expect(Array.from(d)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('works on subarray views of larger buffers without touching neighbours', () => {
    const [m, k, n] = [5, 7, 3];
    const buf = new Float32Array(4 + m * n + 4).fill(99);
    const c = buf.subarray(4, 4 + m * n);
    const aBuf = randn(3 + m * k, 11), a = aBuf.subarray(3), b = randn(k * n, 12);
    wasm.matmul(a, b, c, m, k, n, false);
    const want = new Float32Array(m * n);
    naiveKernels.matmul(a, b, want, m, k, n, false);
    const scale = new Float32Array(m * n);
    naiveKernels.matmul(abs(a), abs(b), scale, m, k, n, false);
    expectClose(c, want, scale, k);
    expect(Array.from(buf.subarray(0, 4))).toEqual([99, 99, 99, 99]);
    expect(Array.from(buf.subarray(4 + m * n))).toEqual([99, 99, 99, 99]);
  });

  it('grows its memory for large operands and keeps working afterwards', () => {
    checkMatmul('matmul', [300, 400, 200], false, 5); // ~1.3 MB of operands: several page grows
    checkMatmul('matmulTB', [3, 5, 7], true, 6);
  });

  it('refuses operands shorter than their shape', () => {
    const f = new Float32Array(5);
    expect(() => wasm.matmul(f, new Float32Array(6), new Float32Array(6), 2, 3, 2, false)).toThrow(RangeError);
  });
});

describe('training with the wasm backend', () => {
  async function train(kernels: Kernels, spec: NetworkSpec): Promise<{ losses: number[]; weights: Float32Array[] }> {
    const data = createRng(3);
    const x = randomMatrix(data, 256, 12);
    const y = zeros(256, 3);
    for (let r = 0; r < 256; r++) {
      const s = x.data[r * 12]! + x.data[r * 12 + 1]! - x.data[r * 12 + 2]!;
      y.data[r * 3 + (s < -0.5 ? 0 : s < 0.5 ? 1 : 2)] = 1;
    }
    const rng = createRng(9);
    const model = createModel(spec, { rng, kernels });
    const config: TrainConfig = { epochs: 8, batchSize: 32, optimizer: { kind: 'adam', learningRate: 0.01 }, shuffle: true };
    const result = await fit(model, { train: { x, y } }, config, {}, { rng });
    return { losses: result.history.map((h) => h.train.loss!), weights: model.getWeights() };
  }

  it.each<[string, NetworkSpec]>([
    ['relu MLP 12-32-16-3, softmax', {
      inputs: 12, layers: [{ units: 32, activation: 'relu' }, { units: 16, activation: 'relu' }, { units: 3, activation: 'softmax' }],
      loss: 'categorical-crossentropy',
    }],
    ['tanh MLP 12-9-3, no bias on the hidden layer', {
      inputs: 12, layers: [{ units: 9, activation: 'tanh', useBias: false }, { units: 3, activation: 'softmax' }],
      loss: 'categorical-crossentropy',
    }],
  ])('%s: fit gives the TS backend\'s losses and weights within float tolerance', async (_, spec) => {
    const ts = await train(tsKernels, spec);
    const ws = await train(wasm, spec);
    expect(ws.losses).toHaveLength(8);
    for (let e = 0; e < ts.losses.length; e++) expect(Math.abs(ws.losses[e]! - ts.losses[e]!)).toBeLessThan(1e-4 * Math.max(1, ts.losses[e]!));
    expect(ws.losses[7]!).toBeLessThan(ws.losses[0]!);
    for (let l = 0; l < ts.weights.length; l++) {
      const a = ts.weights[l]!, b = ws.weights[l]!;
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-3);
    }
  });
});

describe('the relaxed-SIMD (fused multiply-add) builds', () => {
  it('are chosen exactly when the runtime validates relaxed SIMD', () => {
    const relaxed = new Uint8Array(readFileSync(new URL(KERNEL_BUILDS.relaxed, KERNELS_WASM_DIR)));
    const validate = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly.validate;
    expect(wasmRelaxedSimdSupported()).toBe(validate(relaxed));
    expect(loadNodeKernels({ threads: 1 }).build).toBe(wasmRelaxedSimdSupported() ? KERNEL_BUILDS.relaxed : KERNEL_BUILDS.simd);
    expect(kernelBuildFor(true, true)).toBe(KERNEL_BUILDS.sharedRelaxed);
    expect(kernelBuildFor(false, true)).toBe(KERNEL_BUILDS.shared);
  });

  it('load and multiply within the float32 rounding bound, on two threads, in a Node with relaxed SIMD', () => {
    // Node 20 has relaxed SIMD behind a flag (on by default from Node 22, Electron and Chrome).
    const flags = wasmRelaxedSimdSupported() ? [] : ['--experimental-wasm-relaxed-simd'];
    const out = execFileSync(process.execPath, [...flags, '--import', 'tsx', join(ROOT, 'tests/helpers/relaxed-simd-check.ts')], { cwd: ROOT, encoding: 'utf8' });
    const result = JSON.parse(out) as { build: string; fma: boolean; threads: number; worst: number; sparseMismatches: number };
    expect(result).toMatchObject({ build: KERNEL_BUILDS.sharedRelaxed, fma: true, threads: 2, sparseMismatches: 0 });
    expect(result.worst).toBeLessThanOrEqual(1);
  }, 60_000);
});

