import { readFileSync } from 'node:fs';
import type { Kernels } from './kernels';
import { tsKernels } from './ts-kernels';
import { createWasmKernels, wasmSimdSupported } from './wasm-kernels';

/** The backend `loadNodeKernels` chose, and why when it is not the one asked for. */
export interface LoadedKernels {
  kernels: Kernels;
  /** `kernels.name`: `"wasm-simd"` or `"ts"`. */
  backend: string;
  /** Why the TypeScript kernels are used instead of WebAssembly SIMD (absent when wasm loaded). */
  fallbackReason?: string;
}

/** Where the committed, `npm run build:wasm`-built module lives. */
export const KERNELS_WASM_URL = new URL('./wasm/kernels.wasm', import.meta.url);

/**
 * Node adapter for the wasm backend: reads `wasm/kernels.wasm` beside this
 * file and instantiates it, or falls back to the TypeScript kernels when this
 * Node has no WebAssembly SIMD or the file is missing or broken. Synchronous
 * (Node compiles modules of any size synchronously).
 */
export function loadNodeKernels(): LoadedKernels {
  if (!wasmSimdSupported()) {
    return { kernels: tsKernels, backend: tsKernels.name, fallbackReason: 'WebAssembly SIMD is not supported by this runtime' };
  }
  try {
    const kernels = createWasmKernels(new Uint8Array(readFileSync(KERNELS_WASM_URL)));
    return { kernels, backend: kernels.name };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { kernels: tsKernels, backend: tsKernels.name, fallbackReason: `kernels.wasm did not load: ${why}` };
  }
}
