/**
 * Kernel micro-benchmark: GFLOP/s of each backend's kernels on the shapes the
 * benchmark tasks train with, plus a 256³ multiply.
 *
 *   npx tsx bench/kernels.ts          (or `npm run bench -- --kernels`)
 *
 * Backends: `ts` (pure TypeScript), `wasm-simd` (core/math/wasm-kernels.ts
 * on JS arrays: it copies operands into wasm memory and the result back on
 * every call), `wasm-simd/resident` (the same kernel on operands already in
 * wasm memory, as training uses it: no copies), `wasm-simd/resident×T` (that,
 * split over T threads), and `naive` (the reference triple loops). `+fma`
 * marks the relaxed-SIMD build (see bench/relaxed-simd.ts).
 *
 * A multiply counts 2·m·k·n flops; dense adds m·n for the bias; sumRows counts
 * rows·n adds. Each case is warmed up, then timed for ≥0.5 s of wall clock in
 * five slices: `gflops` is the whole run, `best` the fastest slice (the better
 * estimate when the machine is busy).
 */
import { pathToFileURL } from 'node:url';
import type { Kernels } from '../core/math/kernels';
import { naiveKernels } from '../core/math/naive-kernels';
import { createRng } from '../core/math/rng';
import { tsKernels } from '../core/math/ts-kernels';
import type { WasmResident } from '../core/math/wasm-kernels';
import { loadNodeKernels } from '../core/math/wasm-kernels.node.ts'; // explicit .ts: tsx reads a bare `.node` as a native addon

export interface KernelBenchRow {
  backend: string;
  kernel: string;
  /** What the shape is in training, e.g. `A fwd 1` or `B dW1`. */
  case: string;
  /** m×k×n for multiplies, rows×n for sumRows. */
  shape: string;
  gflops: number;
  best: number;
  /** Microseconds per call. */
  usPerCall: number;
}

type KernelName = 'matmul' | 'matmulTA' | 'matmulTASparseB' | 'matmulTB' | 'dense' | 'sumRows';

interface BenchCase {
  kernel: KernelName;
  label: string;
  /** [m, k, n]; for sumRows [rows, 1, n]. */
  shape: readonly [number, number, number];
}

const CASES: readonly BenchCase[] = [
  // Task A: MLP 32-64-64-3, batch 32
  { kernel: 'dense', label: 'A fwd 1', shape: [32, 32, 64] },
  { kernel: 'dense', label: 'A fwd 2', shape: [32, 64, 64] },
  { kernel: 'dense', label: 'A fwd 3', shape: [32, 64, 3] },
  { kernel: 'matmul', label: 'A fwd 1', shape: [32, 32, 64] },
  { kernel: 'matmul', label: 'A fwd 2', shape: [32, 64, 64] },
  { kernel: 'matmul', label: 'A fwd 3', shape: [32, 64, 3] },
  { kernel: 'matmulTA', label: 'A dW1', shape: [32, 32, 64] },
  { kernel: 'matmulTA', label: 'A dW2', shape: [64, 32, 64] },
  { kernel: 'matmulTA', label: 'A dW3', shape: [64, 32, 3] },
  { kernel: 'matmulTB', label: 'A dX2', shape: [32, 64, 64] },
  { kernel: 'matmulTB', label: 'A dX3', shape: [32, 3, 64] },
  { kernel: 'sumRows', label: 'A db2', shape: [32, 1, 64] },
  { kernel: 'sumRows', label: 'A db3', shape: [32, 1, 3] },
  // Task B: MLP 784-128-10, batch 64
  { kernel: 'dense', label: 'B fwd 1', shape: [64, 784, 128] },
  { kernel: 'dense', label: 'B fwd 2', shape: [64, 128, 10] },
  { kernel: 'matmul', label: 'B fwd 1', shape: [64, 784, 128] },
  { kernel: 'matmul', label: 'B fwd 2', shape: [64, 128, 10] },
  { kernel: 'matmulTA', label: 'B dW1', shape: [784, 64, 128] },
  // The same behind a ReLU: half of δ zero, skipped (GFLOP/s counted as for the dense product).
  { kernel: 'matmulTASparseB', label: 'B dW1 ½0', shape: [784, 64, 128] },
  { kernel: 'matmulTA', label: 'B dW2', shape: [128, 64, 10] },
  { kernel: 'matmulTB', label: 'B dH', shape: [64, 10, 128] },
  { kernel: 'sumRows', label: 'B db1', shape: [64, 1, 128] },
  // square
  { kernel: 'matmul', label: 'square', shape: [256, 256, 256] },
  { kernel: 'matmulTA', label: 'square', shape: [256, 256, 256] },
  { kernel: 'matmulTB', label: 'square', shape: [256, 256, 256] },
];

const MIN_SECONDS = 0.5;
const SLICES = 5;
const WARMUP_SECONDS = 0.1;

/** Zeroes every other entry of `b` (δ behind a ReLU is about half zeros). */
function halfZeros(b: Float32Array): Float32Array {
  for (let i = 0; i < b.length; i += 2) b[i] = 0;
  return b;
}

function randn(len: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(len);
  for (let i = 0; i < len; i++) out[i] = rng.normal();
  return out;
}

/** One call of the case's kernel on preallocated operands, and its flop count. */
function prepare(kernels: Kernels, { kernel, shape: [m, k, n] }: BenchCase): { call: () => void; flops: number } {
  if (kernel === 'sumRows') {
    const src = randn(m * n, 1), out = new Float32Array(n);
    return { call: () => kernels.sumRows(src, out, m, n, false), flops: m * n };
  }
  const a = randn(m * k, 1), b = randn(k * n, 2), c = new Float32Array(m * n);
  if (kernel === 'matmulTASparseB') {
    halfZeros(b);
    const rows = new Int32Array(k);
    return { call: () => kernels.matmulTASparseB(a, b, c, m, k, n, false, rows), flops: 2 * m * k * n };
  }
  if (kernel === 'dense') {
    const bias = randn(n, 3);
    return { call: () => kernels.dense(a, b, bias, c, m, k, n), flops: 2 * m * k * n + m * n };
  }
  const f = kernels[kernel];
  return { call: () => f.call(kernels, a, b, c, m, k, n, false), flops: 2 * m * k * n };
}

/** Runs `call` for ≥ `seconds`, doubling the batch size; returns [calls, seconds]. */
function timeFor(call: () => void, seconds: number, start: number): [number, number] {
  let calls = 0, reps = start;
  const t0 = performance.now();
  for (;;) {
    for (let r = 0; r < reps; r++) call();
    calls += reps;
    const dt = (performance.now() - t0) / 1000;
    if (dt >= seconds) return [calls, dt];
    reps *= 2;
  }
}

/**
 * The wasm kernel on operands laid out once in wasm memory (A, B, C, bias),
 * with the strides `wasm-kernels.ts` uses: the kernel alone, without the
 * per-call copies in and out; split over the backend's threads when it has
 * helpers and the product is large enough.
 */
function prepareResident(res: WasmResident, { kernel, shape: [m, k, n] }: BenchCase): { call: () => void; flops: number } {
  const at = (floats: number, values?: Float32Array): number => {
    const off = res.heap.alloc(floats * 4);
    if (values) res.heap.floats().set(values, off >> 2);
    return off;
  };
  if (kernel === 'sumRows') {
    const src = at(m * n, randn(m * n, 1)), out = at(n);
    return { call: () => res.exports.sumRows(src, out, m, n, 0), flops: m * n };
  }
  const offA = at(m * k, randn(m * k, 1)), offB = at(k * n, randn(k * n, 2)), offBias = at(n, randn(n, 3)), offC = at(m * n);
  const flops = 2 * m * k * n;
  switch (kernel) {
    case 'dense': return { call: () => res.gemm(offA, k, 1, offB, n, 1, offC, n, m, k, n, offBias, 0), flops: flops + m * n };
    case 'matmul': return { call: () => res.gemm(offA, k, 1, offB, n, 1, offC, n, m, k, n, 0, 0), flops };
    case 'matmulTA': return { call: () => res.gemm(offA, 1, m, offB, n, 1, offC, n, m, k, n, 0, 0), flops };
    case 'matmulTASparseB': {
      const sparseB = at(k * n, halfZeros(randn(k * n, 2)));
      return { call: () => res.gemmSparseTA(offA, m, sparseB, n, offC, n, m, k, n), flops };
    }
    case 'matmulTB': return { call: () => res.gemm(offA, k, 1, offB, 1, k, offC, n, m, k, n, 0, 0), flops };
  }
}

/** A backend to time: its name and how to set up one case. */
interface Bench {
  name: string;
  prepare(c: BenchCase): { call: () => void; flops: number };
}

const benchOf = (kernels: Kernels): Bench => ({ name: kernels.name, prepare: (c) => prepare(kernels, c) });

function measure(bench: Bench, c: BenchCase): KernelBenchRow {
  const { call, flops } = bench.prepare(c);
  const [warmCalls, warmDt] = timeFor(call, WARMUP_SECONDS, 1);
  const perSlice = Math.max(1, Math.ceil(((MIN_SECONDS / SLICES) * warmCalls) / warmDt / 4));
  let calls = 0, seconds = 0, best = 0;
  for (let s = 0; s < SLICES; s++) {
    const [n, dt] = timeFor(call, MIN_SECONDS / SLICES, perSlice);
    calls += n; seconds += dt;
    best = Math.max(best, (n * flops) / dt / 1e9);
  }
  const [m, k, n] = c.shape;
  return {
    backend: bench.name,
    kernel: c.kernel,
    case: c.label,
    shape: c.kernel === 'sumRows' ? `${m}×${n}` : `${m}×${k}×${n}`,
    gflops: (calls * flops) / seconds / 1e9,
    best,
    usPerCall: (seconds / calls) * 1e6,
  };
}

/**
 * The default backends: ts, wasm-simd on one thread with copies and without
 * (`/resident`), wasm-simd resident on all threads (`/resident×T`, when this
 * machine has more than one core; products below the split threshold stay on
 * one thread), and naive. The wasm build is the one this runtime takes
 * (`+fma` in the name when it is a relaxed-SIMD build).
 */
function defaultBenches(): Bench[] {
  const one = loadNodeKernels({ threads: 1 });
  const benches = [benchOf(tsKernels)];
  if (one.fallbackReason === undefined && one.kernels.wasm) {
    const name = `${one.kernels.name}${one.fma ? '+fma' : ''}`;
    const single = one.kernels.wasm;
    benches.push({ name, prepare: (c) => prepare(one.kernels, c) }, { name: `${name}/resident`, prepare: (c) => prepareResident(single, c) });
    const all = loadNodeKernels();
    if (all.threads > 1 && all.kernels.wasm) {
      const multi = all.kernels.wasm;
      benches.push({ name: `${name}/resident×${all.threads}`, prepare: (c) => prepareResident(multi, c) });
    }
  } else {
    process.stderr.write(`wasm kernels skipped: ${one.fallbackReason ?? 'no resident side'}\n`);
  }
  benches.push(benchOf(naiveKernels));
  return benches;
}

/**
 * Benchmarks each backend on every case (default: ts, wasm-simd,
 * wasm-simd/resident, naive); about a minute in all. `BENCH_KERNELS=ts,wasm-simd`
 * keeps only the named backends.
 */
export async function runKernelBench(backends?: readonly Kernels[]): Promise<KernelBenchRow[]> {
  const only = process.env['BENCH_KERNELS']?.split(',').map((s) => s.trim()).filter(Boolean);
  const benches = (backends ? backends.map(benchOf) : defaultBenches()).filter((b) => !only?.length || only.includes(b.name));
  const rows: KernelBenchRow[] = [];
  for (const bench of benches) {
    for (const c of CASES) {
      rows.push(measure(bench, c));
      await new Promise((resolve) => setImmediate(resolve)); // let the event loop breathe between cases
    }
  }
  return rows;
}

function format(rows: readonly KernelBenchRow[]): string {
  const head = ['backend', 'kernel', 'case', 'shape', 'GFLOP/s', 'best', 'µs/call'];
  const cells = [head, ...rows.map((r) => [r.backend, r.kernel, r.case, r.shape, r.gflops.toFixed(2), r.best.toFixed(2), r.usPerCall.toFixed(1)])];
  const widths = head.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  return cells.map((c) => c.map((s, i) => (i >= 4 ? s.padStart(widths[i]!) : s.padEnd(widths[i]!))).join('  ')).join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runKernelBench().then(
    (rows) => process.stdout.write(`${format(rows)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
