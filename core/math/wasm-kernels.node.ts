import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Kernels } from './kernels';
import { tsKernels } from './ts-kernels';
import {
  compileWasmModule, createSharedMemory, createWasmKernels, kernelBuildFor, wasmRelaxedSimdSupported, wasmSimdSupported,
} from './wasm-kernels';
import { HELPER_SOURCE, type ThreadSpawner } from './wasm-threads';

/** The backend `loadNodeKernels` chose, and why when it is not the one asked for. */
export interface LoadedKernels {
  kernels: Kernels;
  /** `kernels.name`: `"wasm-simd"` or `"ts"`. */
  backend: string;
  /** The build loaded (`kernels.wasm`, `kernels-shared-relaxed.wasm`, …), when wasm loaded. */
  build?: string;
  /** Threads a large product is split over. */
  threads: number;
  /** Whether fused multiply-adds (relaxed SIMD) are used. */
  fma: boolean;
  /** Why the TypeScript kernels are used instead of WebAssembly SIMD (absent when wasm loaded). */
  fallbackReason?: string;
}

export interface NodeKernelOptions {
  /**
   * Threads in all, this one included (default: the CPU count, at most 4).
   * 1 loads the non-shared build and starts no helpers.
   */
  threads?: number;
  /** Smallest product split over the threads (default: the backend's, 2¹⁸ multiply-adds). */
  parallelMacs?: number;
}

/** Where the committed, `npm run build:wasm`-built modules live. */
export const KERNELS_WASM_DIR = new URL('./wasm/', import.meta.url);
export const KERNELS_WASM_URL = new URL('./wasm/kernels.wasm', import.meta.url);

/** Helper threads as Node worker threads running `HELPER_SOURCE`; they never keep the process alive. */
const spawnNodeHelper: ThreadSpawner = (data) => {
  const worker = new Worker(`${HELPER_SOURCE}\nserve(require('node:worker_threads').workerData);`, { eval: true, workerData: data });
  worker.unref();
  worker.on('error', () => { /* the pool notices by timeout and computes alone */ });
  return { terminate: () => void worker.terminate() };
};

/**
 * Node adapter for the wasm backend: picks the build this runtime can run
 * (relaxed SIMD where validated; shared memory with helper threads when more
 * than one thread is wanted), instantiates it, or falls back to the
 * TypeScript kernels when this Node has no WebAssembly SIMD or the file is
 * missing or broken. Synchronous (Node compiles modules of any size synchronously;
 * helpers join when they are ready, products before that run on one thread).
 */
export function loadNodeKernels(options: NodeKernelOptions = {}): LoadedKernels {
  const fallback = (why: string): LoadedKernels => ({ kernels: tsKernels, backend: tsKernels.name, threads: 1, fma: false, fallbackReason: why });
  if (!wasmSimdSupported()) return fallback('WebAssembly SIMD is not supported by this runtime');
  const threads = Math.max(1, Math.floor(options.threads ?? Math.min(availableParallelism(), 4)));
  const fma = wasmRelaxedSimdSupported();
  const memory = threads > 1 ? createSharedMemory() : undefined;
  const build = kernelBuildFor(fma, memory !== undefined);
  try {
    const bytes = new Uint8Array(readFileSync(new URL(build, KERNELS_WASM_DIR)));
    const module = compileWasmModule(bytes);
    const kernels = createWasmKernels(module, memory
      ? { memory, spawn: spawnNodeHelper, helpers: threads - 1, fma, ...(options.parallelMacs !== undefined ? { parallelMacs: options.parallelMacs } : {}) }
      : { fma });
    kernels.wasm?.warmUp();
    return { kernels, backend: kernels.name, build, threads: memory ? threads : 1, fma };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return fallback(`${build} did not load: ${why}`);
  }
}
