/**
 * The one matrix-multiply loop nest behind every pure-TypeScript kernel.
 *
 * A strided GEMM: C[m×n] = init + Σ_p A(i,p)·B(p,j), where
 *   A(i,p) = a[i·aRow + p·aDepth]   (plain A[m×k]: aRow=k, aDepth=1; Aᵀ of a [k×m] store: aRow=1, aDepth=m)
 *   B(p,j) = b[p·bDepth + j·bCol]   (plain B[k×n]: bDepth=n, bCol=1; Bᵀ of an [n×k] store: bDepth=1, bCol=k)
 *   init(i,j) = init[i·initRow + j] (C itself with initRow=n to accumulate, a bias with initRow=0, or null for 0)
 * and C is always row-major [m×n], C(i,j) = c[i·n + j].
 *
 * Why one strided kernel rather than three specialised ones: in V8 the cost of
 * a Float32Array read (map check, length/base reload, bounds check, float→double
 * convert) dwarfs the multiply-add, so what matters is the number of reads per
 * multiply-add, not whether the index step is 1 or a stride. Measured on the
 * training shapes, the strided kernel matches hand-specialised NN/TN/NT versions.
 *
 * Register tiling: 4 rows × 2 columns of C live in 8 double locals while the
 * depth loop streams k, so each step does 6 reads for 8 multiply-adds. 4×2 beat
 * 2×4, 4×4, 4×3, 3×3, 4×8 and 2×8 (those spill accumulators or read more per
 * FMA); unrolling the depth loop did not help. Leftover columns use a 4×1 tile,
 * leftover rows 1×2 and 1×1 tiles. Index arithmetic is `| 0`-truncated so V8
 * emits plain int32 adds without overflow checks (a few percent faster).
 *
 * Sums are accumulated in doubles and rounded to float32 once, on store. The
 * function never allocates. `init` may alias `c` (each tile reads its own
 * cells of C before writing them); `a`/`b` must not overlap `c`.
 */
export function gemm(
  a: Float32Array, aRow: number, aDepth: number,
  b: Float32Array, bDepth: number, bCol: number,
  c: Float32Array, m: number, k: number, n: number,
  init: Float32Array | null, initRow: number,
): void {
  const ar1 = aRow, ar2 = 2 * aRow, ar3 = 3 * aRow;
  const ir1 = initRow, ir2 = 2 * initRow, ir3 = 3 * initRow;
  const cr1 = n, cr2 = 2 * n, cr3 = 3 * n;
  const m4 = m - (m % 4), n2 = n - (n % 2);
  let i = 0;
  for (; i < m4; i += 4) {
    let j = 0;
    for (; j < n2; j += 2) {
      // 4×2 tile: C[i..i+3, j..j+1]
      const io = i * initRow + j, co = i * n + j;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
      if (init !== null) {
        s00 = init[io]!; s01 = init[io + 1]!;
        s10 = init[io + ir1]!; s11 = init[io + ir1 + 1]!;
        s20 = init[io + ir2]!; s21 = init[io + ir2 + 1]!;
        s30 = init[io + ir3]!; s31 = init[io + ir3 + 1]!;
      }
      let ap = i * aRow, bp = j * bCol;
      for (let p = 0; p < k; p = (p + 1) | 0) {
        const y0 = b[bp]!, y1 = b[(bp + bCol) | 0]!;
        const x0 = a[ap]!;
        s00 += x0 * y0; s01 += x0 * y1;
        const x1 = a[(ap + ar1) | 0]!;
        s10 += x1 * y0; s11 += x1 * y1;
        const x2 = a[(ap + ar2) | 0]!;
        s20 += x2 * y0; s21 += x2 * y1;
        const x3 = a[(ap + ar3) | 0]!;
        s30 += x3 * y0; s31 += x3 * y1;
        ap = (ap + aDepth) | 0; bp = (bp + bDepth) | 0;
      }
      c[co] = s00; c[co + 1] = s01;
      c[co + cr1] = s10; c[co + cr1 + 1] = s11;
      c[co + cr2] = s20; c[co + cr2 + 1] = s21;
      c[co + cr3] = s30; c[co + cr3 + 1] = s31;
    }
    if (j < n) {
      // 4×1 tile for the odd last column
      const io = i * initRow + j, co = i * n + j;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      if (init !== null) {
        s0 = init[io]!; s1 = init[io + ir1]!; s2 = init[io + ir2]!; s3 = init[io + ir3]!;
      }
      let ap = i * aRow, bp = j * bCol;
      for (let p = 0; p < k; p = (p + 1) | 0) {
        const y = b[bp]!;
        s0 += a[ap]! * y;
        s1 += a[(ap + ar1) | 0]! * y;
        s2 += a[(ap + ar2) | 0]! * y;
        s3 += a[(ap + ar3) | 0]! * y;
        ap = (ap + aDepth) | 0; bp = (bp + bDepth) | 0;
      }
      c[co] = s0; c[co + cr1] = s1; c[co + cr2] = s2; c[co + cr3] = s3;
    }
  }
  for (; i < m; i++) {
    // leftover rows (m mod 4): 1×2 tiles, then 1×1
    let j = 0;
    for (; j < n2; j += 2) {
      const io = i * initRow + j, co = i * n + j;
      let s0 = 0, s1 = 0;
      if (init !== null) {
        s0 = init[io]!; s1 = init[io + 1]!;
      }
      let ap = i * aRow, bp = j * bCol;
      for (let p = 0; p < k; p = (p + 1) | 0) {
        const x = a[ap]!;
        s0 += x * b[bp]!; s1 += x * b[(bp + bCol) | 0]!;
        ap = (ap + aDepth) | 0; bp = (bp + bDepth) | 0;
      }
      c[co] = s0; c[co + 1] = s1;
    }
    if (j < n) {
      const io = i * initRow + j;
      let s = init !== null ? init[io]! : 0;
      let ap = i * aRow, bp = j * bCol;
      for (let p = 0; p < k; p = (p + 1) | 0) {
        s += a[ap]! * b[bp]!;
        ap = (ap + aDepth) | 0; bp = (bp + bDepth) | 0;
      }
      c[i * n + j] = s;
    }
  }
}
