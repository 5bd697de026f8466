/**
 * The renderer on its own: the web edition (`npm run web`, `npm run build:web`).
 * The desktop build uses the same plugins through electron.vite.config.ts.
 */
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type PluginOption } from 'vite';
import { studioCspPlugin } from './vite-csp-plugin.ts';

/** The plugins every build of the renderer uses. */
export function rendererPlugins(): PluginOption[] {
  return [vue(), studioCspPlugin()];
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: rendererPlugins(),
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
  },
});
