import type { Kernels } from './kernels';

/**
 * The WebAssembly SIMD backend: `Kernels` on top of the f32x4 GEMM compiled
 * from `wasm/assembly/kernels.ts` to `wasm/kernels.wasm`.
 *
 * Runtime-neutral: the host hands over the compiled module or its bytes (the
 * Node adapter is `wasm-kernels.node.ts`; a browser would `fetch` the file).
 * The WebAssembly global is reached through `globalThis` with the few
 * structural types below, because core's type environment has no DOM typings.
 *
 * Data flow per call: the operands are copied into a scratch arena in the
 * module's linear memory (A, B, C/init, then the packing scratch), the kernel
 * runs there, and C is copied back out. The arena only grows (memory.grow in
 * 64 KiB pages) and is reused across calls, so steady-state training does not
 * allocate wasm memory. The copies cost O(m·k + k·n + m·n) against the
 * kernel's O(m·k·n); `bench/kernels.ts` measures both together. Keeping
 * weights and gradients resident in wasm memory (no copies) is future work.
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

/** Whether this runtime has WebAssembly with fixed-width SIMD (the wasm backend's requirement). */
export function wasmSimdSupported(): boolean {
  const api = wasmApi();
  if (!api) return false;
  try {
    return api.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/** The raw exports of kernels.wasm: byte offsets into `memory`; see wasm/assembly/kernels.ts. */
export interface WasmKernelExports {
  memory: WasmMemory;
  heapBase(): number;
  gemm(
    a: number, aRow: number, aDepth: number,
    b: number, bDepth: number, bCol: number,
    c: number, m: number, k: number, n: number,
    init: number, initRow: number, scratch: number, pack: number,
  ): void;
  sumRows(src: number, out: number, rows: number, n: number, accumulate: number): void;
}

function exportsOf(instance: WasmInstance): WasmKernelExports {
  const e = instance.exports;
  for (const name of ['memory', 'heapBase', 'gemm', 'sumRows']) {
    if (!(name in e)) throw new Error(`kernels.wasm does not export ${name}: rebuild it (npm run build:wasm)`);
  }
  return e as unknown as WasmKernelExports;
}

const PAGE = 65536;
/** Slack after every region so vector loads/stores never run past the end. */
const PAD = 64;
const align = (bytes: number): number => (bytes + PAD + 63) & ~63;

/** Builds the `Kernels` on an instantiated module (see `createWasmKernels`). */
function kernelsOn(ex: WasmKernelExports): Kernels {
  const base = ex.heapBase();
  let heap = new Float32Array(ex.memory.buffer);

  /** Makes the arena at least `bytes` long past `base`; returns the (possibly new) float view. */
  function reserve(bytes: number): Float32Array {
    const need = base + bytes;
    const have = ex.memory.buffer.byteLength;
    if (need > have) ex.memory.grow(Math.ceil((need - have) / PAGE));
    if (heap.buffer !== ex.memory.buffer) heap = new Float32Array(ex.memory.buffer);
    return heap;
  }

  /** Copies the first `len` floats of `src` into the heap at byte offset `at`. */
  function put(h: Float32Array, src: Float32Array, len: number, at: number): void {
    if (src.length < len) throw new RangeError(`operand has ${src.length} floats, the shape needs ${len}`);
    h.set(src.length === len ? src : src.subarray(0, len), at >> 2);
  }

  function get(h: Float32Array, dst: Float32Array, len: number, at: number): void {
    if (dst.length < len) throw new RangeError(`result has ${dst.length} floats, the shape needs ${len}`);
    dst.set(h.subarray(at >> 2, (at >> 2) + len));
  }

  /**
   * C[m×n] = init + A·B with the strides of ts-matmul.ts's `gemm`; `initMode`
   * 'c' starts from C (accumulate), 'bias' from `bias` repeated down the rows.
   */
  function run(
    a: Float32Array, aLen: number, aRow: number, aDepth: number,
    b: Float32Array, bLen: number, bDepth: number, bCol: number,
    c: Float32Array, m: number, k: number, n: number,
    initMode: 'none' | 'c' | 'bias', bias: Float32Array | null,
  ): void {
    const cLen = m * n;
    const offA = base;
    const offB = offA + align(aLen * 4);
    const offC = offB + align(bLen * 4);
    const offInit = offC + align(cLen * 4);
    const offScratch = offInit + align(initMode === 'bias' ? n * 4 : 0);
    const h = reserve(offScratch + align(k * 32) - base);
    put(h, a, aLen, offA);
    put(h, b, bLen, offB);
    let init = 0, initRow = 0;
    if (initMode === 'c') {
      put(h, c, cLen, offC);
      init = offC; initRow = n;
    } else if (initMode === 'bias') {
      put(h, bias!, n, offInit);
      init = offInit;
    }
    ex.gemm(offA, aRow, aDepth, offB, bDepth, bCol, offC, m, k, n, init, initRow, offScratch, 0);
    get(h, c, cLen, offC);
  }

  return {
    name: 'wasm-simd',

    matmul(a, b, c, m, k, n, accumulate) {
      run(a, m * k, k, 1, b, k * n, n, 1, c, m, k, n, accumulate ? 'c' : 'none', null);
    },

    matmulTA(a, b, c, m, k, n, accumulate) {
      run(a, k * m, 1, m, b, k * n, n, 1, c, m, k, n, accumulate ? 'c' : 'none', null);
    },

    /** Dense Aᵀ·B: at 8 lanes per B load, skipping zero rows does not pay here. */
    matmulTASparseB(a, b, c, m, k, n, accumulate) {
      run(a, k * m, 1, m, b, k * n, n, 1, c, m, k, n, accumulate ? 'c' : 'none', null);
    },

    matmulTB(a, b, c, m, k, n, accumulate) {
      run(a, m * k, k, 1, b, n * k, 1, k, c, m, k, n, accumulate ? 'c' : 'none', null);
    },

    dense(x, w, bias, z, m, k, n) {
      run(x, m * k, k, 1, w, k * n, n, 1, z, m, k, n, bias === null ? 'none' : 'bias', bias);
    },

    sumRows(src, out, rows, n, accumulate) {
      const len = rows * n;
      const offSrc = base;
      const offOut = offSrc + align(len * 4);
      const h = reserve(offOut + align(n * 4) - base);
      put(h, src, len, offSrc);
      if (accumulate) put(h, out, n, offOut);
      ex.sumRows(offSrc, offOut, rows, n, accumulate ? 1 : 0);
      get(h, out, n, offOut);
    },
  };
}

/** Imports the module may ask for; built with `noAssert` it needs none, but `abort` is cheap insurance. */
const IMPORTS = {
  env: {
    abort(): never {
      throw new Error('kernels.wasm aborted');
    },
  },
};

/**
 * The wasm backend from a compiled module or the bytes of `kernels.wasm`,
 * synchronously. Throws when WebAssembly SIMD is unavailable (check
 * `wasmSimdSupported()` first) or the module is not the expected one.
 * Browsers' main threads refuse synchronous compilation of larger modules:
 * use `instantiateWasmKernels` there.
 */
export function createWasmKernels(source: WasmModule | Uint8Array): Kernels {
  return kernelsOn(instantiateWasmExports(source));
}

/**
 * A fresh instance's raw exports, for callers that keep operands resident in
 * wasm memory (the benchmark's no-copy rows; later, weights living in wasm).
 * Low-level: offsets and layout are the caller's business.
 */
export function instantiateWasmExports(source: WasmModule | Uint8Array): WasmKernelExports {
  const api = wasmApi();
  if (!api) throw new Error('this runtime has no WebAssembly');
  if (!wasmSimdSupported()) throw new Error('this runtime has no WebAssembly SIMD');
  const module = source instanceof Uint8Array ? new api.Module(source) : source;
  return exportsOf(new api.Instance(module, IMPORTS));
}

/** `createWasmKernels`, compiling bytes asynchronously (safe on a browser's main thread). */
export async function instantiateWasmKernels(source: WasmModule | Uint8Array): Promise<Kernels> {
  const api = wasmApi();
  if (!api) throw new Error('this runtime has no WebAssembly');
  const module = source instanceof Uint8Array ? await api.compile(source) : source;
  return createWasmKernels(module);
}
