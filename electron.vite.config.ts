import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'electron-vite';
import { KERNEL_BUILDS } from './core/math/wasm-kernels.ts';
import { rendererPlugins } from './renderer/vite.config.ts';

/**
 * Three builds into out/: main (ES module), preload (CommonJS — a sandboxed
 * preload cannot load an ES module) and the renderer (Vue).
 */
/**
 * The engine's WebAssembly SIMD kernels (all four builds) beside the built
 * engine: the Node adapter loads `new URL('./wasm/<build>', import.meta.url)`,
 * which the bundler leaves as it is, so the files must sit at out/main/wasm/.
 */
function engineWasmPlugin(): Plugin {
  return {
    name: 'backprop-studio:engine-wasm',
    generateBundle() {
      for (const file of Object.values(KERNEL_BUILDS)) {
        this.emitFile({ type: 'asset', fileName: `wasm/${file}`, source: readFileSync(resolve('core/math/wasm', file)) });
      }
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
