import type { Kernels } from './kernels';
import { gemm } from './ts-matmul';
import { sparseTA } from './ts-sparse';

/**
 * The pure-TypeScript compute backend. Every multiply routes into the one
 * register-tiled strided GEMM in `ts-matmul.ts` with the strides that describe
 * the operand layouts, so all four entry points share a single hot, monomorphic
 * (Float32Array-only) compiled loop. Nothing here allocates.
 *
 * Accumulation is in doubles with one float32 rounding per output, so results
 * differ from a naive float loop only by rounding.
 */
export const tsKernels: Kernels = {
  name: 'ts',

  /**
   * C[m×n] (+)= A[m×k] · B[k×n], i.e. C[i,j] = (C[i,j] +) Σ_p A[i,p]·B[p,j].
   * All row-major; with `accumulate` the old C is the starting sum.
   */
  matmul(a, b, c, m, k, n, accumulate) {
    gemm(a, k, 1, b, n, 1, c, m, k, n, accumulate ? c : null, n);
  },

  /**
   * C[m×n] (+)= Aᵀ · B where A is stored [k×m] and B is [k×n]:
   * C[i,j] = (C[i,j] +) Σ_p A[p,i]·B[p,j]. Used for dW[in×out] = Xᵀ·δ with
   * X [batch×in] and δ [batch×out] (m = in, k = batch, n = out).
   */
  matmulTA(a, b, c, m, k, n, accumulate) {
    gemm(a, 1, m, b, n, 1, c, m, k, n, accumulate ? c : null, n);
  },

  /** Aᵀ·B skipping B's zero rows column by column; see `ts-sparse.ts`. */
  matmulTASparseB(a, b, c, m, k, n, accumulate, rowScratch) {
    sparseTA(a, b, c, m, k, n, accumulate, rowScratch);
  },

  /**
   * C[m×n] (+)= A · Bᵀ where A is [m×k] and B is stored [n×k]:
   * C[i,j] = (C[i,j] +) Σ_p A[i,p]·B[j,p]. Used for dX[batch×in] = δ·Wᵀ with
   * δ [batch×out] and W stored [in×out] (m = batch, k = out, n = in).
   */
  matmulTB(a, b, c, m, k, n, accumulate) {
    gemm(a, k, 1, b, 1, k, c, m, k, n, accumulate ? c : null, n);
  },

  /**
   * Z[m×n] = X[m×k] · W[k×n] + bias[n] (bias may be null). Fused: the bias
   * seeds the accumulators (initRow 0 repeats it down the rows), so it costs
   * nothing beyond the matmul itself.
   */
  dense(x, w, bias, z, m, k, n) {
    gemm(x, k, 1, w, n, 1, z, m, k, n, bias, 0);
  },

  /**
   * out[n] (+)= Σ_r src[r,·] over src [rows×n] — the bias gradient Σ_batch δ.
   * Four columns at a time in double accumulators, walking down the rows.
   */
  sumRows(src, out, rows, n, accumulate) {
    const n4 = n - (n % 4);
    let j = 0;
    for (; j < n4; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      if (accumulate) { s0 = out[j]!; s1 = out[j + 1]!; s2 = out[j + 2]!; s3 = out[j + 3]!; }
      for (let r = 0, q = j; r < rows; r = (r + 1) | 0, q = (q + n) | 0) {
        s0 += src[q]!; s1 += src[(q + 1) | 0]!; s2 += src[(q + 2) | 0]!; s3 += src[(q + 3) | 0]!;
      }
      out[j] = s0; out[j + 1] = s1; out[j + 2] = s2; out[j + 3] = s3;
    }
    for (; j < n; j++) {
      let s = accumulate ? out[j]! : 0;
      for (let r = 0, q = j; r < rows; r = (r + 1) | 0, q = (q + n) | 0) s += src[q]!;
      out[j] = s;
    }
  },
};
