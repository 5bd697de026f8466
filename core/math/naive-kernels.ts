import type { Kernels } from './kernels';

/**
 * Trivially-correct reference kernels: textbook triple loops with a plain
 * double accumulator per output element. Slow on purpose — they exist as the
 * test oracle for faster backends and as a baseline in `bench/kernels.ts`.
 */
export const naiveKernels: Kernels = {
  name: 'naive',

  /** C[m×n] (+)= A[m×k] · B[k×n]: C[i,j] = Σ_p A[i,p]·B[p,j]. */
  matmul(a, b, c, m, k, n, accumulate) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[i * k + p]! * b[p * n + j]!;
        c[i * n + j] = accumulate ? c[i * n + j]! + s : s;
      }
    }
  },

  /** C[m×n] (+)= Aᵀ·B with A stored [k×m], B [k×n]: C[i,j] = Σ_p A[p,i]·B[p,j]. */
  matmulTA(a, b, c, m, k, n, accumulate) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[p * m + i]! * b[p * n + j]!;
        c[i * n + j] = accumulate ? c[i * n + j]! + s : s;
      }
    }
  },

  /** Same as `matmulTA` (the reference has no sparse path). */
  matmulTASparseB(a, b, c, m, k, n, accumulate) {
    this.matmulTA(a, b, c, m, k, n, accumulate);
  },

  /** C[m×n] (+)= A·Bᵀ with A [m×k], B stored [n×k]: C[i,j] = Σ_p A[i,p]·B[j,p]. */
  matmulTB(a, b, c, m, k, n, accumulate) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[i * k + p]! * b[j * k + p]!;
        c[i * n + j] = accumulate ? c[i * n + j]! + s : s;
      }
    }
  },

  /** Z[m×n] = X[m×k] · W[k×n] + bias[n] (bias optional). */
  dense(x, w, bias, z, m, k, n) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = bias === null ? 0 : bias[j]!;
        for (let p = 0; p < k; p++) s += x[i * k + p]! * w[p * n + j]!;
        z[i * n + j] = s;
      }
    }
  },

  /** out[n] (+)= Σ_r src[r,·] over rows×n. */
  sumRows(src, out, rows, n, accumulate) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += src[r * n + j]!;
      out[j] = accumulate ? out[j]! + s : s;
    }
  },
};
