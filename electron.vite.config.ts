import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererPlugins } from './renderer/vite.config.ts';

/**
 * Three builds into out/: main (ES module), preload (CommonJS — a sandboxed
 * preload cannot load an ES module) and the renderer (Vue).
 */
export default defineConfig({
  main: {
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
