/**
 * The web edition's engine: the same `core/engine` as the desktop app, in a
 * Web Worker, with WebAssembly SIMD kernels where the browser has SIMD (the
 * TypeScript kernels otherwise). Files arrive as `blob` sources and are read
 * slice by slice. Messages that arrive while the kernels compile wait.
 */
import type { EngineOptions } from '../../../core/engine/engine';
import { serveEngineWhenReady, type MessageEndpoint } from '../../../core/engine/transport-port';
import { instantiateWasmKernels, wasmSimdSupported } from '../../../core/math/wasm-kernels';
import kernelsUrl from '../../../core/math/wasm/kernels.wasm?url';

async function options(): Promise<EngineOptions> {
  if (!wasmSimdSupported()) return {};
  const bytes = new Uint8Array(await (await fetch(kernelsUrl)).arrayBuffer());
  return { kernels: await instantiateWasmKernels(bytes) };
}

void serveEngineWhenReady(self as unknown as MessageEndpoint, options());
