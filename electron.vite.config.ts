import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'electron-vite';
import { rendererPlugins } from './renderer/vite.config.ts';

/**
 * Three builds into out/: main (ES module), preload (CommonJS — a sandboxed
 * preload cannot load an ES module) and the renderer (Vue).
 */
/**
 * The engine's WebAssembly SIMD kernels beside the built engine: the Node
 * adapter loads `new URL('./wasm/kernels.wasm', import.meta.url)`, which the
 * bundler leaves as it is, so the file must sit at out/main/wasm/.
 */
function engineWasmPlugin(): Plugin {
  return {
    name: 'backprop-studio:engine-wasm',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'wasm/kernels.wasm', source: readFileSync(resolve('core/math/wasm/kernels.wasm')) });
    },
  };
}

export default defineConfig({
  main: {
    plugins: [engineWasmPlugin()],
    build: {
      rolldownOptions: {
        // The engine's utility process is a second entry: out/main/engine.js.
        input: { index: resolve('electron/main.ts'), engine: resolve('electron/engine/engine-entry.ts') },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve('electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    plugins: rendererPlugins(),
    build: {
      rolldownOptions: {
        input: { index: resolve('renderer/index.html') },
      },
    },
  },
});
