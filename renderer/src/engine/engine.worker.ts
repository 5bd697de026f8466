/**
 * The web edition's engine: the same `core/engine` as the desktop app, in a
 * Web Worker, with WebAssembly SIMD kernels where the browser has SIMD (the
 * TypeScript kernels otherwise). Where the page is cross-origin isolated the
 * kernels run on shared memory with helper Web Workers for large products;
 * relaxed SIMD (fused multiply-add) is used where the browser validates it.
 * Files arrive as `blob` sources and are read slice by slice. Messages that
 * arrive while the kernels compile wait.
 */
import type { EngineOptions } from '../../../core/engine/engine';
import { serveEngineWhenReady, type MessageEndpoint } from '../../../core/engine/transport-port';
import {
  createSharedMemory, instantiateWasmKernels, kernelBuildFor, wasmRelaxedSimdSupported, wasmSimdSupported, KERNEL_BUILDS,
} from '../../../core/math/wasm-kernels';
import { HELPER_SOURCE, type ThreadSpawner } from '../../../core/math/wasm-threads';
import simdUrl from '../../../core/math/wasm/kernels.wasm?url';
import relaxedUrl from '../../../core/math/wasm/kernels-relaxed.wasm?url';
import sharedUrl from '../../../core/math/wasm/kernels-shared.wasm?url';
import sharedRelaxedUrl from '../../../core/math/wasm/kernels-shared-relaxed.wasm?url';

const URLS: Record<string, string> = {
  [KERNEL_BUILDS.simd]: simdUrl,
  [KERNEL_BUILDS.relaxed]: relaxedUrl,
  [KERNEL_BUILDS.shared]: sharedUrl,
  [KERNEL_BUILDS.sharedRelaxed]: sharedRelaxedUrl,
};

/** Helper threads as Blob-URL Web Workers running `HELPER_SOURCE` (same origin, so isolation holds). */
const spawnWebHelper: ThreadSpawner = (data) => {
  const url = URL.createObjectURL(new Blob([`${HELPER_SOURCE}\nself.onmessage = (e) => serve(e.data);`], { type: 'text/javascript' }));
  const worker = new Worker(url);
  worker.postMessage(data);
  URL.revokeObjectURL(url);
  return { terminate: () => worker.terminate() };
};

async function options(): Promise<EngineOptions> {
  if (!wasmSimdSupported()) return {};
  const threads = Math.min(navigator.hardwareConcurrency || 1, 4);
  const fma = wasmRelaxedSimdSupported();
  const memory = threads > 1 ? createSharedMemory() : undefined;
  const build = kernelBuildFor(fma, memory !== undefined);
  const bytes = new Uint8Array(await (await fetch(URLS[build]!)).arrayBuffer());
  const kernels = await instantiateWasmKernels(bytes, memory ? { memory, spawn: spawnWebHelper, helpers: threads - 1, fma } : { fma });
  kernels.wasm?.warmUp();
  return { kernels };
}

void serveEngineWhenReady(self as unknown as MessageEndpoint, options());
