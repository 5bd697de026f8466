/**
 * Run by tests/unit/math/wasm-kernels.test.ts in a Node with relaxed SIMD
 * (Node 20: `--experimental-wasm-relaxed-simd`): loads the kernels as the
 * engine does, and prints as JSON which build loaded and the largest error of
 * the fused-multiply-add products against the TypeScript reference, relative
 * to Σ|a·b| per cell (the float32 rounding bound's scale), and how many cells
 * of the zero-skipping Aᵀ·B differ from the dense one's.
 */
import { createRng } from '../../core/math/rng';
import { tsKernels } from '../../core/math/ts-kernels';
import { loadNodeKernels } from '../../core/math/wasm-kernels.node.ts';

const loaded = loadNodeKernels({ threads: 2, parallelMacs: 1 });
const k = loaded.kernels;
await k.wasm?.ready(5000);
const rng = createRng(4);
let worst = 0;
for (const [m, kk, n] of [[1, 1, 1], [3, 5, 7], [13, 7, 31], [64, 300, 10], [100, 513, 40], [33, 64, 130]] as const) {
  const a = Float32Array.from({ length: m * kk }, () => rng.normal());
  const b = Float32Array.from({ length: kk * n }, () => rng.normal());
  for (const name of ['matmul', 'matmulTA', 'matmulTB'] as const) {
    const got = new Float32Array(m * n), want = new Float32Array(m * n), scale = new Float32Array(m * n);
    k[name](a, b, got, m, kk, n, false);
    tsKernels[name](a, b, want, m, kk, n, false);
    tsKernels[name](a.map(Math.abs), b.map(Math.abs), scale, m, kk, n, false);
    for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!) / (scale[i]! * (kk + 2) * 2 ** -23 + 1e-30));
  }
}
// The zero-skipping Aᵀ·B must equal the dense one bit for bit in the FMA build too (split over both threads here).
let sparseMismatches = 0;
for (const [m, kk, n] of [[3, 5, 7], [57, 33, 40], [784, 64, 128]] as const) {
  const a = Float32Array.from({ length: kk * m }, () => rng.normal());
  const b = Float32Array.from({ length: kk * n }, () => (rng.next() < 0.5 ? rng.normal() : 0));
  const dense = new Float32Array(m * n), sparse = new Float32Array(m * n);
  k.matmulTA(a, b, dense, m, kk, n, false);
  k.matmulTASparseB(a, b, sparse, m, kk, n, false, new Int32Array(kk));
  for (let i = 0; i < dense.length; i++) if (!Object.is(dense[i], sparse[i])) sparseMismatches++;
}
process.stdout.write(JSON.stringify({ build: loaded.build, fma: loaded.fma, threads: k.wasm?.threads, worst, sparseMismatches }));
k.dispose?.();
