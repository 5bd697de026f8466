/**
 * Relaxed SIMD (the kernels' fused multiply-add) for the benchmark's Node.
 *
 * The studio's engines run on V8 with relaxed SIMD on by default: Electron 41
 * (the desktop engine's utility process) and current Chrome (the web edition's
 * Web Worker). Node 20, which runs the benchmark here, has the same
 * implementation behind `--experimental-wasm-relaxed-simd` (it shipped
 * unflagged in V8 11.4 / Node 22). So that "ours" is measured with the
 * instructions the app uses, the benchmark turns that flag on in its own
 * processes, before any module compiles; `--no-fma` leaves it off. The
 * product's loaders never set flags: they detect what the runtime offers.
 */
import { setFlagsFromString } from 'node:v8';
import { wasmRelaxedSimdSupported } from '../core/math/wasm-kernels';

/** What was done, for the report: 'native', 'enabled (…flag)', or 'off'. */
export function enableRelaxedSimd(on: boolean): string {
  if (!on) return 'off';
  if (wasmRelaxedSimdSupported()) return 'native';
  setFlagsFromString('--experimental-wasm-relaxed-simd');
  return wasmRelaxedSimdSupported() ? 'enabled (--experimental-wasm-relaxed-simd)' : 'off (unsupported)';
}
