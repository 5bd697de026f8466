/**
 * The compute kernels training spends its time in. All matrices are row-major
 * Float32Arrays passed with their shapes; kernels never allocate, so callers
 * keep preallocated workspaces and reuse them across batches.
 *
 * `accumulate` false overwrites C; true adds into C (C += product).
 *
 * The pure-TypeScript implementation (`ts-kernels.ts`) is the reference and
 * the fallback; the WebAssembly SIMD one (`wasm-kernels.ts`) is the default.
 */
import type { WasmResident } from './wasm-kernels';

export interface Kernels {
  /** Backend name shown to the user, e.g. `"ts"` or `"wasm-simd"`. */
  readonly name: string;

  /** C[m×n] (+)= A[m×k] · B[k×n] */
  matmul(a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number, accumulate: boolean): void;

  /** C[m×n] (+)= Aᵀ · B where A is stored [k×m] and B is [k×n]. (dW = Xᵀ·δ) */
  matmulTA(a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number, accumulate: boolean): void;

  /**
   * The same product as `matmulTA`, faster when many entries of B are exactly
   * zero — δ behind a ReLU, where about half are. `rowScratch` holds at least
   * k int32 values (the caller owns it, so kernels stay allocation-free).
   */
  matmulTASparseB(a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number, accumulate: boolean, rowScratch: Int32Array): void;

  /** C[m×n] (+)= A · Bᵀ where A is [m×k] and B is stored [n×k]. (dX = δ·Wᵀ) */
  matmulTB(a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number, accumulate: boolean): void;

  /**
   * Forward of a dense layer in one pass: Z[m×n] = X[m×k] · W[k×n] + bias[n]
   * (bias may be null). Equivalent to `matmul` then `addBias`, fused where it pays.
   */
  dense(x: Float32Array, w: Float32Array, bias: Float32Array | null, z: Float32Array, m: number, k: number, n: number): void;

  /** out[n] (+)= Σ_rows src[rows×n] — the bias gradient Σ_batch δ. */
  sumRows(src: Float32Array, out: Float32Array, rows: number, n: number, accumulate: boolean): void;

  /**
   * The WebAssembly backend's resident side, on which the trainer keeps
   * weights, gradients and workspaces in wasm memory (absent for the TS kernels).
   */
  readonly wasm?: WasmResident;

  /** Stops helper threads, if any (the kernels must not be used afterwards). */
  dispose?(): void;
}
