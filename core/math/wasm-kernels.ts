import type { Kernels } from './kernels';
import { WasmHeap } from './wasm-heap';
import { CTL, HelperThread, WARM_BYTES, WARM_MS, type HelperOp, type ThreadSpawner } from './wasm-threads';

/**
 * The WebAssembly SIMD backend: `Kernels` on top of the kernels compiled
 * from `wasm/assembly/` into four builds (SIMD or relaxed-SIMD FMA, each with
 * its own memory or on imported shared memory; `KERNEL_BUILDS`).
 *
 * Runtime-neutral: the host hands over the compiled module or its bytes and,
 * for a shared build, the memory and a way to start helper threads (the Node
 * adapter is `wasm-kernels.node.ts`, the web edition's is
 * renderer/src/engine/engine.worker.ts). The WebAssembly global is reached
 * through `globalThis` with the few structural types below, because core's
 * type environment has no DOM typings.
 *
 * Two ways in:
 * - `Kernels` on JS arrays: the operands are copied into an arena in the
 *   module's memory, the kernel runs there, and C is copied back out. Used
 *   for prediction, evaluation and networks the wasm stepper does not take.
 * - `kernels.wasm` (`WasmResident`): offsets into the memory and its heap,
 *   for callers that keep their data there; training does
 *   (core/train/wasm-stepper.ts), with no copies per batch.
 * Large products, optimizer updates and gathers are split over helper
 * threads (`wasm-threads.ts`) when the build is shared.
 *
 * Results differ from the TS kernels by rounding only: sums run in float32
 * lanes (TS sums in doubles), each starting from C (accumulate) or the bias.
 */

/** The parts of the WebAssembly JS API used here (present in Node ≥ 20, browsers, workers). */
export interface WasmModule { readonly __wasmModule?: never }
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmInstance { readonly exports: Record<string, unknown> }
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance;
  compile(bytes: Uint8Array): Promise<WasmModule>;
}

function wasmApi(): WasmApi | undefined {
  return (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
}

/**
 * The smallest module using a SIMD instruction (v128.const, i8x16.popcnt;
 * the probe wasm-feature-detect uses). Validates only where SIMD is supported.
 */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** Whether this runtime's WebAssembly validates `probe` (a module using the feature asked about). */
function validates(probe: Uint8Array): boolean {
  const api = wasmApi();
  if (!api) return false;
  try {
    return api.validate(probe);
  } catch {
    return false;
  }
}

/** Whether this runtime has WebAssembly with fixed-width SIMD (the wasm backend's requirement). */
export function wasmSimdSupported(): boolean {
  return validates(SIMD_PROBE);
}

/** The raw exports of kernels.wasm: byte offsets into `memory`; see wasm/assembly/kernels.ts and train.ts. */
export interface WasmKernelExports {
  memory: WasmMemory;
  heapBase(): number;
  gemm(
    a: number, aRow: number, aDepth: number,
    b: number, bDepth: number, bCol: number,
    c: number, cRow: number, m: number, k: number, n: number,
    init: number, initRow: number, scratch: number, pack: number,
  ): void;
  gemmSparseTA(a: number, aDepth: number, b: number, bDepth: number, c: number, cRow: number, m: number, k: number, j0: number, j1: number, scratch: number): number;
  sumRows(src: number, out: number, rows: number, n: number, accumulate: number): void;
  activate(z: number, a: number, count: number, kind: number): void;
  activationBackward(z: number, a: number, g: number, count: number, kind: number): void;
  softmaxCrossEntropy(z: number, a: number, y: number, delta: number, rows: number, cols: number): number;
  sigmoidBinaryCrossEntropy(z: number, a: number, y: number, delta: number, count: number): number;
  regressionLoss(a: number, y: number, grad: number, count: number, rows: number, kind: number, huberDelta: number): number;
  sgdStep(w: number, out: number, g: number, count: number, lr: number): number;
  momentumStep(w: number, out: number, g: number, v: number, count: number, lr: number, mu: number, nesterov: number): number;
  rmspropStep(w: number, out: number, g: number, s: number, count: number, lr: number, rho: number, eps: number, rest: number): number;
  adamStep(w: number, out: number, g: number, m: number, v: number, count: number, stepSize: number, rootC2: number, eps: number, beta1: number, beta2: number, keep: number, rest1: number, rest2: number): number;
  penalize(w: number, g: number, count: number, l1: number, l2: number): number;
  sumSquares(x: number, count: number): number;
  scale(x: number, count: number, k: number): void;
  gatherRows(src: number, dst: number, order: number, r0: number, n: number, width: number): void;
}

const EXPORTS: readonly (keyof WasmKernelExports)[] = [
  'memory', 'heapBase', 'gemm', 'gemmSparseTA', 'sumRows', 'activate', 'activationBackward', 'softmaxCrossEntropy',
  'sigmoidBinaryCrossEntropy', 'regressionLoss', 'sgdStep', 'momentumStep', 'rmspropStep', 'adamStep',
  'penalize', 'sumSquares', 'scale', 'gatherRows',
];

function exportsOf(instance: WasmInstance): WasmKernelExports {
  const e = instance.exports;
  for (const name of EXPORTS) {
    if (!(name in e)) throw new Error(`kernels.wasm does not export ${name}: rebuild it (npm run build:wasm)`);
  }
  return e as unknown as WasmKernelExports;
}

/**
 * Operands already in the module's memory: what the resident trainer
 * (core/train/wasm-stepper.ts) works on. Offsets come from `heap`.
 */
export interface WasmResident {
  readonly exports: WasmKernelExports;
  readonly heap: WasmHeap;
  /** Threads a large product is split over (1: no helpers). */
  readonly threads: number;
  /** Whether the module uses relaxed-SIMD fused multiply-adds. */
  readonly fma: boolean;
  /**
   * C = init + A·B on offsets, with the strides of the `gemm` export (C's row
   * stride `cRow`); split over the helper threads when m·k·n is at least
   * `parallelMacs`.
   */
  gemm(a: number, aRow: number, aDepth: number, b: number, bDepth: number, bCol: number, c: number, cRow: number, m: number, k: number, n: number, init: number, initRow: number): void;
  /**
   * C[m×n] = Aᵀ·B skipping B's zero entries (the `gemmSparseTA` export: A
   * [k×m] with row stride `aDepth`, B [k×n] with row stride `bDepth`): the
   * weight gradient of a ReLU layer, whose δ is about half zeros. Equals
   * `gemm`'s Aᵀ·B for finite A. Split by columns over the helper threads
   * when m·k·n is at least `parallelMacs`. Returns how many entries of B
   * are nonzero (above ~85% the dense `gemm` is faster).
   */
  gemmSparseTA(a: number, aDepth: number, b: number, bDepth: number, c: number, cRow: number, m: number, k: number, n: number): number;
  /**
   * Makes calls[0] of export `op` here and the other calls on helper threads
   * at the same time (each call on its own part of the data); returns the sum
   * of their results (the optimizers' finiteness checks). With `work` (each
   * call's amount of work, any unit), it learns each helper's speed relative
   * to this thread from how long their calls took (see `blocksFor`).
   */
  fork(op: HelperOp, calls: readonly (readonly number[])[], work?: readonly number[]): number;
  /**
   * `total` units (elements of a pass, rows or columns of a product) cut into
   * one block per thread, [from, length], in multiples of `unit`, sized by
   * each thread's measured speed: a helper whose core is shared with other
   * work gets a smaller block, so it finishes with this thread instead of
   * holding it up. One block when total × workPerUnit is below
   * `parallelMacs` (multiply-adds; an element-wise pass counts 16 per value)
   * or there are no helpers.
   */
  blocksFor(total: number, unit: number, workPerUnit: number): [from: number, length: number][];
  /** This thread's speed (1) and each ready helper's, relative to it, as `blocksFor` uses them. */
  speeds(): number[];
  /**
   * Keeps a copy of `data` in the module's memory until `unpin(data)`, so
   * work on it (a training run's rows) can start without copying it; `data`
   * must not change meanwhile. False when memory cannot grow that far.
   * Pinning a pinned array does nothing.
   */
  pin(data: Float32Array): boolean;
  unpin(data: Float32Array): void;
  /** Byte offset of `data`'s pinned copy, or null. */
  pinned(data: Float32Array): number | null;
  /** Runs every kernel briefly so the runtime optimizes them before real work (the loaders call it). */
  warmUp(): void;
  /** Resolves with `threads` once every helper is up, or when `timeoutMs` has passed (helpers that are not up by then may still join later). */
  ready(timeoutMs: number): Promise<number>;
}

/** How the backend is put together; see the Node and browser adapters. */
export interface WasmBackendOptions {
  /** The shared memory a `kernels-shared*.wasm` module imports (absent: the module has its own). */
  memory?: WasmMemory;
  /** Starts helper threads (needs `memory`); absent: one thread. */
  spawn?: ThreadSpawner;
  /** Helper threads to start (default 1). */
  helpers?: number;
  /** Smallest product (multiply-adds) worth splitting (default 2¹⁸ ≈ 262k). */
  parallelMacs?: number;
  /** The module was built with relaxed SIMD (kernels-relaxed*.wasm). */
  fma?: boolean;
}

/** Slack after every region so vector loads/stores never run past the end. */
const PAD = 64;
const align = (bytes: number): number => (bytes + PAD + 63) & ~63;

/** Products smaller than this stay on one thread: below it a fork-join costs more than it saves. */
export const DEFAULT_PARALLEL_MACS = 1 << 18;
/** Weight of the newest observation in a helper's learned speed. */
const SPEED_RATE = 0.25;
/** Split calls shorter than this (ms) are not timed for the speeds. */
const MIN_TIMED_MS = 0.02;

/** Builds the `Kernels` on an instantiated module (see `createWasmKernels`). */
function kernelsOn(ex: WasmKernelExports, module: WasmModule, options: WasmBackendOptions): Kernels {
  const memory = options.memory ?? ex.memory;
  const heap = new WasmHeap(memory, ex.heapBase());
  const parallelMacs = options.parallelMacs ?? DEFAULT_PARALLEL_MACS;

  const helpers: HelperThread[] = [];
  if (options.spawn && options.memory) {
    for (let i = 0; i < (options.helpers ?? 1); i++) {
      const control = heap.alloc(CTL.SIZE * 4);
      const warm = heap.alloc(WARM_BYTES);
      helpers.push(new HelperThread(options.spawn, { module, memory: options.memory }, control, warm, memory.buffer));
    }
  }

  /** One scratch area per thread (gemm's packed panel, gemmSparseTA's lists), grown on demand. */
  const scratch: { off: number; bytes: number }[] = [];
  /** gemm's: one packed 8-wide panel of depth k. */
  const panelBytes = (k: number): number => k * 32;
  /** gemmSparseTA's: a count per column, then a list of (offset, value) pairs of length k per column. */
  const listBytes = (cols: number, k: number): number => ((cols * 4 + 63) & ~63) + cols * k * 8;
  function scratchFor(thread: number, bytes: number): number {
    let s = scratch[thread];
    if (!s) s = scratch[thread] = { off: 0, bytes: 0 };
    if (s.bytes < bytes) {
      heap.release(s.off);
      s.off = heap.alloc(bytes);
      s.bytes = bytes;
    }
    return s.off;
  }

  const call = (op: HelperOp, args: readonly number[]): number => (ex[op] as (...a: readonly number[]) => number)(...args) || 0;

  /** Each helper's speed relative to this thread (index-aligned with `helpers`), learned by `fork`. */
  const speed = helpers.map(() => 1);
  const now = (): number => globalThis.performance.now();

  /**
   * Makes calls[0] here and the others on ready helpers, at the same time;
   * returns the sum of the calls' results. Calls without a ready helper, or
   * that their helper has not picked up when this thread is done, are made here.
   */
  function fork(op: HelperOp, calls: readonly (readonly number[])[], work?: readonly number[]): number {
    const ready = helpers.filter((h) => h.ready).slice(0, calls.length - 1);
    for (let t = 0; t < ready.length; t++) ready[t]!.start(op, calls[t + 1]!);
    const t0 = now();
    let sum = call(op, calls[0]!);
    const own = now() - t0;
    for (let t = ready.length + 1; t < calls.length; t++) sum += call(op, calls[t]!);
    for (let t = 0; t < ready.length; t++) {
      const h = ready[t]!;
      const picked = h.join();
      sum += picked ? h.result : call(op, calls[t + 1]!);
      if (work) learn(helpers.indexOf(h), picked ? h.duration : Infinity, work[t + 1]!, own, work[0]!);
    }
    return sum;
  }

  /**
   * Updates helper i's relative speed from one split call: it did `work`
   * in `ms` (Infinity: it did not pick the call up) while this thread did
   * `ownWork` in `ownMs`. A moving average, kept within [1/8, 8] so a helper
   * always gets some work and can show it has recovered; calls too short to
   * time (under 20 µs; browsers coarsen their clocks) teach nothing.
   */
  function learn(i: number, ms: number, work: number, ownMs: number, ownWork: number): void {
    if (ownMs < MIN_TIMED_MS || ms < MIN_TIMED_MS || !(work > 0) || !(ownWork > 0)) return;
    const observed = Math.min(8, Math.max(1 / 8, (work / ms) / (ownWork / ownMs)));
    speed[i] = Math.min(8, Math.max(1 / 8, (1 - SPEED_RATE) * speed[i]! + SPEED_RATE * observed));
  }

  function speeds(): number[] {
    return [1, ...helpers.flatMap((h, i) => (h.ready ? [speed[i]!] : []))];
  }

  /** `total` units into blocks sized by `shares` (one per thread), in multiples of `unit`; empty blocks are dropped only from the end. */
  function weightedBlocks(total: number, unit: number, shares: readonly number[]): [number, number][] {
    const units = Math.ceil(total / unit);
    const sum = shares.reduce((a, b) => a + b, 0);
    const out: [number, number][] = [];
    let done = 0, acc = 0;
    for (let t = 0; t < shares.length && done < units; t++) {
      acc += shares[t]!;
      const left = shares.length - 1 - t;
      // At least one unit each while they last, the rest by share; the last block takes what remains.
      let end = t === shares.length - 1 ? units : Math.round((units * acc) / sum);
      end = Math.min(units - Math.min(left, units - done - 1), Math.max(done + 1, end));
      out.push([done * unit, Math.min(end * unit, total) - done * unit]);
      done = end;
    }
    return out;
  }

  function blocksFor(total: number, unit: number, workPerUnit: number): [number, number][] {
    if (total * workPerUnit < parallelMacs) return [[0, total]];
    const shares = speeds();
    return shares.length === 1 ? [[0, total]] : weightedBlocks(total, unit, shares);
  }

  function gemm(a: number, aRow: number, aDepth: number, b: number, bDepth: number, bCol: number, c: number, cRow: number, m: number, k: number, n: number, init: number, initRow: number): void {
    // Row blocks of C (multiples of the 4-row tile) or, when it is wider
    // than tall, column blocks (multiples of the 8-wide panel).
    const byRows = m >= n;
    const blocks = blocksFor(byRows ? m : n, byRows ? 4 : 8, byRows ? k * n : m * k);
    if (blocks.length === 1) {
      ex.gemm(a, aRow, aDepth, b, bDepth, bCol, c, cRow, m, k, n, init, initRow, scratchFor(0, panelBytes(k)), 0);
      return;
    }
    const jobs = blocks.map(([from, len], t) => {
      const sc = scratchFor(t, panelBytes(k));
      return byRows
        ? [a + from * aRow * 4, aRow, aDepth, b, bDepth, bCol, c + from * cRow * 4, cRow, len, k, n, init === 0 ? 0 : init + from * initRow * 4, initRow, sc, 0]
        : [a, aRow, aDepth, b + from * bCol * 4, bDepth, bCol, c + from * 4, cRow, m, k, len, init === 0 ? 0 : init + from * 4, initRow, sc, 0];
    });
    fork('gemm', jobs, blocks.map(([, len]) => len));
  }

  function gemmSparseTA(a: number, aDepth: number, b: number, bDepth: number, c: number, cRow: number, m: number, k: number, n: number): number {
    // Column blocks, in multiples of 8 columns where C is that wide.
    const blocks = blocksFor(n, n >= 16 ? 8 : 1, m * k);
    if (blocks.length === 1) return ex.gemmSparseTA(a, aDepth, b, bDepth, c, cRow, m, k, 0, n, scratchFor(0, listBytes(n, k)));
    const jobs = blocks.map(([from, len], t) => [a, aDepth, b, bDepth, c, cRow, m, k, from, from + len, scratchFor(t, listBytes(len, k))]);
    return fork('gemmSparseTA', jobs, blocks.map(([, len]) => len));
  }

  /**
   * Runs every kernel on small operands until the runtime has had reason to
   * optimize it: V8 first runs wasm from a quick baseline compile and tiers
   * hot functions up in the background, so without this a user's first
   * seconds of training run on the slow tier. About 25 ms, once (the helper
   * threads do the same with their kernel before they report ready).
   */
  function warmUp(): void {
    const n = 32, len = n * n;
    const at = heap.alloc(len * 4 * 8);
    const [a, b, c, d, e, f, g, h] = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => at + i * len * 4) as [number, number, number, number, number, number, number, number];
    const view = heap.floats();
    for (let i = 0; i < len * 8; i++) view[(at >> 2) + i] = ((i * 7919) % 17) / 17 - 0.5;
    const order = h;
    new Uint32Array(view.buffer).fill(1, order >> 2, (order >> 2) + n);
    const sc = scratchFor(0, Math.max(panelBytes(n), listBytes(n, n)));
    for (let r = 0, t0 = Date.now(); r < 200 || Date.now() - t0 < WARM_MS; r++) {
      ex.gemm(a, n, 1, b, n, 1, c, n, n, n, n, d, 0, sc, 0);
      ex.gemm(a, 1, n, b, n, 1, c, n, n, n, n - 3, 0, 0, sc, 0);
      ex.gemm(a, n, 1, b, 1, n, c, n, n - 1, n, n, c, n, sc, 0);
      ex.gemmSparseTA(a, n, f, n, c, n, n, n, 0, n, sc);
      ex.gemmSparseTA(a, n, f, n, c, n, n - 5, n, 1, n - 2, sc);
      for (let kind = 0; kind < 6; kind++) {
        ex.activate(c, e, len, kind);
        ex.activationBackward(c, e, f, len, kind);
      }
      ex.softmaxCrossEntropy(c, e, d, f, n, n);
      ex.sigmoidBinaryCrossEntropy(c, e, d, f, len);
      for (let kind = 0; kind < 4; kind++) ex.regressionLoss(e, d, f, len, n, kind, 1);
      ex.sumRows(f, g, n, n, 0);
      ex.sgdStep(a, g, b, len, 1e-3);
      ex.momentumStep(a, g, b, c, len, 1e-3, 0.9, r & 1);
      ex.rmspropStep(a, g, b, c, len, 1e-3, 0.9, 1e-7, 0.1);
      ex.adamStep(a, g, b, c, d, len, 1e-3, 1, 1e-7, 0.9, 0.999, 1, 0.1, 0.001);
      ex.penalize(a, b, len, 1e-3, 1e-3);
      ex.sumSquares(b, len);
      ex.scale(g, len, 0.5);
      ex.gatherRows(a, g, order, 0, n, n);
    }
    heap.release(at);
  }

  const pins = new Map<Float32Array, number>();
  function pin(data: Float32Array): boolean {
    if (pins.has(data)) return true;
    let at: number;
    try {
      at = heap.alloc(data.length * 4);
    } catch {
      return false; // at the memory's maximum
    }
    heap.floats().set(data, at >> 2);
    pins.set(data, at);
    return true;
  }

  const resident: WasmResident = {
    exports: ex, heap, fma: options.fma === true, gemm, gemmSparseTA, warmUp, fork, blocksFor, speeds, pin,
    unpin(data) {
      const at = pins.get(data);
      if (at === undefined) return;
      pins.delete(data);
      heap.release(at);
    },
    pinned: (data) => pins.get(data) ?? null,
    get threads() { return 1 + helpers.filter((h) => h.ready).length; },
    async ready(timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (helpers.some((h) => h.alive && !h.ready) && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
      return resident.threads;
    },
  };

  /** Copies the first `len` floats of `src` into the heap at byte offset `at`. */
  function put(src: Float32Array, len: number, at: number): void {
    if (src.length < len) throw new RangeError(`operand has ${src.length} floats, the shape needs ${len}`);
    heap.floats().set(src.length === len ? src : src.subarray(0, len), at >> 2);
  }

  function get(dst: Float32Array, len: number, at: number): void {
    if (dst.length < len) throw new RangeError(`result has ${dst.length} floats, the shape needs ${len}`);
    const h = heap.floats();
    dst.set(h.subarray(at >> 2, (at >> 2) + len));
  }

  /** The copy-in/copy-out arena for operands that live in JS arrays. */
  let arena = { off: 0, bytes: 0 };
  function reserve(bytes: number): number {
    if (arena.bytes < bytes) {
      heap.release(arena.off);
      arena = { off: heap.alloc(bytes), bytes };
    }
    return arena.off;
  }

  /**
   * C[m×n] = init + A·B with the strides of ts-matmul.ts's `gemm`; `initMode`
   * 'c' starts from C (accumulate), 'bias' from `bias` repeated down the rows.
   */
  function run(
    a: Float32Array, aLen: number, aRow: number, aDepth: number,
    b: Float32Array, bLen: number, bDepth: number, bCol: number,
    c: Float32Array, m: number, k: number, n: number,
    initMode: 'none' | 'c' | 'bias', bias: Float32Array | null, skipZerosOfB = false,
  ): void {
    const cLen = m * n;
    const sizeA = align(aLen * 4), sizeB = align(bLen * 4), sizeC = align(cLen * 4);
    const offA = reserve(sizeA + sizeB + sizeC + align(initMode === 'bias' ? n * 4 : 0));
    const offB = offA + sizeA, offC = offB + sizeB, offInit = offC + sizeC;
    put(a, aLen, offA);
    put(b, bLen, offB);
    let init = 0, initRow = 0;
    if (initMode === 'c') {
      put(c, cLen, offC);
      init = offC; initRow = n;
    } else if (initMode === 'bias') {
      put(bias!, n, offInit);
      init = offInit;
    }
    if (skipZerosOfB) gemmSparseTA(offA, aDepth, offB, bDepth, offC, n, m, k, n);
    else gemm(offA, aRow, aDepth, offB, bDepth, bCol, offC, n, m, k, n, init, initRow);
    get(c, cLen, offC);
  }

  return {
    name: 'wasm-simd',
    wasm: resident,

    matmul(a, b, c, m, k, n, accumulate) {
      run(a, m * k, k, 1, b, k * n, n, 1, c, m, k, n, accumulate ? 'c' : 'none', null);
    },

    matmulTA(a, b, c, m, k, n, accumulate) {
      run(a, k * m, 1, m, b, k * n, n, 1, c, m, k, n, accumulate ? 'c' : 'none', null);
    },

    /** Aᵀ·B skipping B's zeros (`gemmSparseTA`); accumulating products take the dense kernel. */
    matmulTASparseB(a, b, c, m, k, n, accumulate) {
      run(a, k * m, 1, m, b, k * n, n, 1, c, m, k, n, accumulate ? 'c' : 'none', null, !accumulate);
    },

    matmulTB(a, b, c, m, k, n, accumulate) {
      run(a, m * k, k, 1, b, n * k, 1, k, c, m, k, n, accumulate ? 'c' : 'none', null);
    },

    dense(x, w, bias, z, m, k, n) {
      run(x, m * k, k, 1, w, k * n, n, 1, z, m, k, n, bias === null ? 'none' : 'bias', bias);
    },

    sumRows(src, out, rows, n, accumulate) {
      const len = rows * n;
      const offSrc = reserve(align(len * 4) + align(n * 4));
      const offOut = offSrc + align(len * 4);
      put(src, len, offSrc);
      if (accumulate) put(out, n, offOut);
      ex.sumRows(offSrc, offOut, rows, n, accumulate ? 1 : 0);
      get(out, n, offOut);
    },

    dispose() {
      for (const h of helpers) h.stop();
    },
  };
}

/** Imports the module may ask for: `abort` (cheap insurance), and the memory of a shared build. */
function importsFor(memory: WasmMemory | undefined): Record<string, Record<string, unknown>> {
  const env: Record<string, unknown> = {
    abort(): never {
      throw new Error('kernels.wasm aborted');
    },
  };
  if (memory) env.memory = memory;
  return { env };
}

/**
 * The wasm backend from a compiled module or the bytes of one of the
 * kernels*.wasm builds, synchronously. Throws when WebAssembly SIMD is
 * unavailable (check `wasmSimdSupported()` first) or the module is not the
 * expected one. A shared build needs `options.memory` (see
 * `createSharedMemory`). Browsers' main threads refuse synchronous
 * compilation of larger modules: use `instantiateWasmKernels` there.
 */
export function createWasmKernels(source: WasmModule | Uint8Array, options: WasmBackendOptions = {}): Kernels {
  const api = wasmApi();
  if (!api) throw new Error('this runtime has no WebAssembly');
  if (!wasmSimdSupported()) throw new Error('this runtime has no WebAssembly SIMD');
  const module = source instanceof Uint8Array ? new api.Module(source) : source;
  return kernelsOn(exportsOf(new api.Instance(module, importsFor(options.memory))), module, options);
}

/**
 * A fresh instance's raw exports, for callers that keep operands resident in
 * wasm memory themselves (the benchmark's no-copy rows). Low-level: offsets
 * and layout are the caller's business. Non-shared builds only.
 */
export function instantiateWasmExports(source: WasmModule | Uint8Array): WasmKernelExports {
  const api = wasmApi();
  if (!api) throw new Error('this runtime has no WebAssembly');
  if (!wasmSimdSupported()) throw new Error('this runtime has no WebAssembly SIMD');
  const module = source instanceof Uint8Array ? new api.Module(source) : source;
  return exportsOf(new api.Instance(module, importsFor(undefined)));
}

/** Compiles kernel bytes synchronously (fine in Node and workers; the helpers get the same module). */
export function compileWasmModule(bytes: Uint8Array): WasmModule {
  const api = wasmApi();
  if (!api) throw new Error('this runtime has no WebAssembly');
  return new api.Module(bytes);
}

/** `createWasmKernels`, compiling bytes asynchronously (safe on a browser's main thread). */
export async function instantiateWasmKernels(source: WasmModule | Uint8Array, options: WasmBackendOptions = {}): Promise<Kernels> {
  const api = wasmApi();
  if (!api) throw new Error('this runtime has no WebAssembly');
  const module = source instanceof Uint8Array ? await api.compile(source) : source;
  return createWasmKernels(module, options);
}

/** Maximum pages of the shared memory (2 GiB; the shared builds declare up to 4 GiB). */
const SHARED_MAX_PAGES = 32768;

/** A shared memory for the `kernels-shared*.wasm` builds, or undefined where this runtime cannot share memory. */
export function createSharedMemory(): WasmMemory | undefined {
  const api = wasmApi() as (WasmApi & { Memory?: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory }) | undefined;
  const g = globalThis as { SharedArrayBuffer?: unknown; crossOriginIsolated?: boolean };
  if (!api?.Memory || typeof g.SharedArrayBuffer !== 'function' || g.crossOriginIsolated === false) return undefined;
  try {
    return new api.Memory({ initial: 16, maximum: SHARED_MAX_PAGES, shared: true });
  } catch {
    return undefined;
  }
}

/**
 * The smallest module using a relaxed-SIMD instruction (three v128.const,
 * f32x4.relaxed_madd, drop). Validates only where relaxed SIMD is supported.
 */
const RELAXED_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 62, 1, 60, 0,
  253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  253, 133, 2, 26, 11,
]);

/** Whether this runtime has relaxed SIMD (fused multiply-add), for the kernels-relaxed*.wasm builds. */
export function wasmRelaxedSimdSupported(): boolean {
  return validates(RELAXED_PROBE);
}

/** The four builds of the kernels, by what the runtime offers. */
export const KERNEL_BUILDS = {
  simd: 'kernels.wasm',
  relaxed: 'kernels-relaxed.wasm',
  shared: 'kernels-shared.wasm',
  sharedRelaxed: 'kernels-shared-relaxed.wasm',
} as const;

/** Which build to load: relaxed SIMD where validated, shared memory where there will be threads. */
export function kernelBuildFor(relaxed: boolean, shared: boolean): (typeof KERNEL_BUILDS)[keyof typeof KERNEL_BUILDS] {
  if (shared) return relaxed ? KERNEL_BUILDS.sharedRelaxed : KERNEL_BUILDS.shared;
  return relaxed ? KERNEL_BUILDS.relaxed : KERNEL_BUILDS.simd;
}
