/**
 * The renderer on its own: the web edition (`npm run web`, `npm run build:web`).
 * The desktop build uses the same plugins through electron.vite.config.ts.
 */
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type PluginOption } from 'vite';
import { studioCspPlugin } from './vite-csp-plugin.ts';

/**
 * Cross-origin isolation for the web edition: with these two headers the page
 * may use SharedArrayBuffer (the engine's multi-threaded kernels need shared
 * memory; without isolation they run on one thread). Every resource of the
 * studio is same-origin, so `require-corp` blocks nothing it loads. The dev
 * server and `vite preview` send them; hosts of the static build read
 * `public/_headers` (Netlify, Cloudflare Pages) or must be set up to send them.
 */
export const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/** The plugins every build of the renderer uses. */
export function rendererPlugins(): PluginOption[] {
  return [vue(), studioCspPlugin()];
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: rendererPlugins(),
  server: { headers: CROSS_ORIGIN_ISOLATION },
  preview: { headers: CROSS_ORIGIN_ISOLATION },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
  },
});
