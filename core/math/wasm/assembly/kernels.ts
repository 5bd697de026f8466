/**
 * WebAssembly SIMD (f32x4) compute kernels, in AssemblyScript. Compiled by
 * `npm run build:wasm` to ../kernels.wasm (committed; a test checks it is up
 * to date). Loaded by core/math/wasm-kernels.ts, which implements the
 * `Kernels` interface on top of these exports.
 *
 * Memory: one linear memory, owned by the loader. Every argument named like a
 * matrix is a byte offset into it; matrices are row-major float32. Nothing
 * here allocates (runtime stub, no GC); the loader lays operands and a
 * scratch area out after `heapBase()` and grows the memory as needed.
 *
 * One strided GEMM does all multiplies (see `gemm`): C[m×n] = init + A·B with
 *   A(i,p) = a[i·aRow + p·aDepth], B(p,j) = b[p·bDepth + j·bCol],
 *   init(i,j) = init[i·initRow + j] (init = 0: start from zero),
 *   C(i,j) = c[i·cRow + j],
 * the same convention as core/math/ts-matmul.ts. Sums run in float32 lanes,
 * starting from init, in increasing p (fused multiply-adds in the relaxed
 * builds). Row and column blocks of C are independent, which is how the
 * loader splits one product between threads.
 *
 * The training kernels (activations, fused losses, optimizers, penalties)
 * are in train.ts and exported from here.
 */

export * from './train';

/** First byte the loader may use, 64-byte aligned. */
export function heapBase(): usize {
  return (__heap_base + 63) & ~(<usize>63);
}

/**
 * acc + x·y in four lanes: one fused multiply-add where the module is built
 * with relaxed SIMD (kernels-relaxed*.wasm; the runtime may round once or
 * twice), a multiply then an add otherwise.
 */
@inline function madd(x: v128, y: v128, acc: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(x, y, acc);
  return f32x4.add(acc, f32x4.mul(x, y));
}

/** Loads `w` floats (0..8 are meaningful; ≥ 4 loads a whole vector) into a vector, zero-filling the rest. */
@inline function loadPartial(p: usize, w: i32): v128 {
  if (w >= 4) return v128.load(p);
  let v = f32x4.splat(0);
  if (w > 0) v = f32x4.replace_lane(v, 0, load<f32>(p));
  if (w > 1) v = f32x4.replace_lane(v, 1, load<f32>(p, 4));
  if (w > 2) v = f32x4.replace_lane(v, 2, load<f32>(p, 8));
  return v;
}

/** Stores the first `w` lanes of `v` (≥ 4: the whole vector). */
@inline function storePartial(p: usize, v: v128, w: i32): void {
  if (w >= 4) {
    v128.store(p, v);
    return;
  }
  if (w > 0) store<f32>(p, f32x4.extract_lane(v, 0));
  if (w > 1) store<f32>(p, f32x4.extract_lane(v, 1), 4);
  if (w > 2) store<f32>(p, f32x4.extract_lane(v, 2), 8);
}

/**
 * 4×8 register tile: C[4 rows × w cols] = init + Σ_p A(r,p)·Bpanel[p, 0..7].
 * `a` points at A(0,0) of the tile, aRow/aDepth are byte strides; the panel
 * row p is 8 floats at b + p·bStride. Only the first `w` columns are stored.
 * 8 accumulators + 2 B vectors + 1 broadcast = 11 of the 16 vector registers.
 */
function tile4(
  a: usize, aRow: usize, aDepth: usize,
  b: usize, bStride: usize, k: i32,
  c: usize, cRow: usize, init: usize, initRow: usize, w: i32,
): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  if (init != 0) {
    const w1 = w - 4;
    c00 = loadPartial(init, w); c01 = loadPartial(init + 16, w1);
    c10 = loadPartial(init + initRow, w); c11 = loadPartial(init + initRow + 16, w1);
    c20 = loadPartial(init + 2 * initRow, w); c21 = loadPartial(init + 2 * initRow + 16, w1);
    c30 = loadPartial(init + 3 * initRow, w); c31 = loadPartial(init + 3 * initRow + 16, w1);
  }
  let a0 = a, a1 = a + aRow, a2 = a + 2 * aRow, a3 = a + 3 * aRow;
  let bp = b;
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(bp), b1 = v128.load(bp, 16);
    let x = v128.load32_splat(a0);
    c00 = madd(x, b0, c00); c01 = madd(x, b1, c01);
    x = v128.load32_splat(a1);
    c10 = madd(x, b0, c10); c11 = madd(x, b1, c11);
    x = v128.load32_splat(a2);
    c20 = madd(x, b0, c20); c21 = madd(x, b1, c21);
    x = v128.load32_splat(a3);
    c30 = madd(x, b0, c30); c31 = madd(x, b1, c31);
    a0 += aDepth; a1 += aDepth; a2 += aDepth; a3 += aDepth;
    bp += bStride;
  }
  if (w == 8) {
    v128.store(c, c00); v128.store(c, c01, 16);
    v128.store(c + cRow, c10); v128.store(c + cRow, c11, 16);
    v128.store(c + 2 * cRow, c20); v128.store(c + 2 * cRow, c21, 16);
    v128.store(c + 3 * cRow, c30); v128.store(c + 3 * cRow, c31, 16);
  } else {
    const w1 = w - 4;
    storePartial(c, c00, w); storePartial(c + 16, c01, w1);
    storePartial(c + cRow, c10, w); storePartial(c + cRow + 16, c11, w1);
    storePartial(c + 2 * cRow, c20, w); storePartial(c + 2 * cRow + 16, c21, w1);
    storePartial(c + 3 * cRow, c30, w); storePartial(c + 3 * cRow + 16, c31, w1);
  }
}

/** 1×8 tile for the leftover rows (m mod 4); same conventions as `tile4`. */
function tile1(
  a: usize, aDepth: usize,
  b: usize, bStride: usize, k: i32,
  c: usize, init: usize, w: i32,
): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  if (init != 0) {
    c0 = loadPartial(init, w); c1 = loadPartial(init + 16, w - 4);
  }
  let ap = a, bp = b;
  for (let p = 0; p < k; p++) {
    const x = v128.load32_splat(ap);
    c0 = madd(x, v128.load(bp), c0);
    c1 = madd(x, v128.load(bp, 16), c1);
    ap += aDepth; bp += bStride;
  }
  if (w == 8) {
    v128.store(c, c0); v128.store(c, c1, 16);
  } else {
    storePartial(c, c0, w); storePartial(c + 16, c1, w - 4);
  }
}

/**
 * Copies columns j0..j0+w-1 of B (w ≤ 8) into an 8-wide, zero-padded panel at
 * `dst`: dst[p·8 + t] = B(p, j0+t). Strides are in floats.
 */
function packPanel(b: usize, bDepth: i32, bCol: i32, k: i32, j0: i32, w: i32, dst: usize): void {
  let d = dst;
  if (w == 8 && bCol == 1) {
    let s = b + (<usize>j0 << 2);
    const step = <usize>bDepth << 2;
    for (let p = 0; p < k; p++) {
      v128.store(d, v128.load(s)); v128.store(d, v128.load(s, 16), 16);
      s += step; d += 32;
    }
    return;
  }
  let p = 0;
  if (w == 8 && bDepth == 1) {
    // Bᵀ layouts (A·Bᵀ): the panel's columns are rows of B in memory. 4×4 blocks transposed in registers.
    const rowB = <usize>bCol << 2;
    const r = b + (<usize>j0 * <usize>bCol << 2);
    const k4 = k & ~3;
    for (; p < k4; p += 4) {
      const at = r + (<usize>p << 2), out = dst + (<usize>p << 5);
      transpose4(at, rowB, out);
      transpose4(at + 4 * rowB, rowB, out + 16);
    }
    d = dst + (<usize>p << 5);
  }
  for (; p < k; p++) {
    for (let t = 0; t < 8; t++) {
      const v: f32 = t < w ? load<f32>(b + ((<usize>(p * bDepth + (j0 + t) * bCol)) << 2)) : 0;
      store<f32>(d + (<usize>t << 2), v);
    }
    d += 32;
  }
}

/**
 * Rows q = 0..3 of a 4×4 block (at src, src + rowB, …) written as its
 * columns: dst + 32·c holds [row0[c], row1[c], row2[c], row3[c]] (the
 * stride of a packed 8-wide panel).
 */
@inline function transpose4(src: usize, rowB: usize, dst: usize): void {
  const r0 = v128.load(src), r1 = v128.load(src + rowB), r2 = v128.load(src + 2 * rowB), r3 = v128.load(src + 3 * rowB);
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5), t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5), t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
  v128.store(dst, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7), 32);
  v128.store(dst, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5), 64);
  v128.store(dst, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7), 96);
}

/** Depth of one k-block: a packed 8-wide panel of it is 8 KiB, so panel and A tile stay in L1. */
const KC = 256;
/** B blocks up to this many bytes are kept hot whole: row tiles become the outer loop. */
const ROWS_OUTER_BYTES = 32768;

/**
 * C[m×n] = init + A·B (strided; see the file comment), in equal k-blocks of
 * at most KC (every block after the first starts from C). Per block, two loop orders:
 * - column panels of 8 outside, 4-row tiles inside: one panel of B (KC×8)
 *   is reused by every row tile while it is hot in L1. A panel is read in
 *   place when B's rows are contiguous (bCol = 1) and `pack` is 0; otherwise
 *   (Bᵀ layouts, the last partial panel, or `pack` set) it is first copied
 *   into a contiguous, zero-padded panel at `scratch` (k·32 bytes).
 * - row tiles outside, when B's rows are contiguous and the block is small
 *   (≤ 32 KiB, e.g. δ in dW = Xᵀ·δ): A's tile stays in L1 across all panels,
 *   and B, small, stays in cache; only a last partial panel is packed.
 * `init` may equal `c` (accumulate): each tile reads its cells before writing.
 */
export function gemm(
  a: usize, aRow: i32, aDepth: i32,
  b: usize, bDepth: i32, bCol: i32,
  c: usize, cRow: i32, m: i32, k: i32, n: i32,
  init: usize, initRow: i32, scratch: usize, pack: i32,
): void {
  const aDepthB = <usize>aDepth << 2, bDepthB = <usize>bDepth << 2;
  if (k <= 0) {
    gemmBlock(a, aRow, aDepth, b, bDepth, bCol, c, cRow, m, 0, n, init, initRow, scratch, pack);
    return;
  }
  // Equal blocks of at most KC (784 = 4 × 196, not 3 × 256 + 16).
  const blocks = (k + KC - 1) / KC;
  const step = (k + blocks - 1) / blocks;
  for (let p0 = 0; p0 < k; p0 += step) {
    const kb = min(step, k - p0);
    const first = p0 == 0;
    const off = <usize>p0;
    gemmBlock(
      a + off * aDepthB, aRow, aDepth, b + off * bDepthB, bDepth, bCol,
      c, cRow, m, kb, n, first ? init : c, first ? initRow : cRow, scratch, pack,
    );
  }
}

function gemmBlock(
  a: usize, aRow: i32, aDepth: i32,
  b: usize, bDepth: i32, bCol: i32,
  c: usize, cRow: i32, m: i32, k: i32, n: i32,
  init: usize, initRow: i32, scratch: usize, pack: i32,
): void {
  const aRowB = <usize>aRow << 2, aDepthB = <usize>aDepth << 2;
  const cRowB = <usize>cRow << 2, initRowB = <usize>initRow << 2;
  const m4 = m & ~3;
  const inPlace = bCol == 1 && pack == 0;
  if (inPlace && <i64>k * <i64>n * 4 <= ROWS_OUTER_BYTES && m > 4) {
    const n8 = n & ~7;
    const bStride = <usize>bDepth << 2;
    if (n8 < n) packPanel(b, bDepth, bCol, k, n8, n - n8, scratch);
    let i = 0;
    for (; i < m; i += 4) {
      const ai = a + <usize>i * aRowB, ci = c + <usize>i * cRowB;
      const ii = init == 0 ? <usize>0 : init + <usize>i * initRowB;
      const full = i < m4;
      for (let j0 = 0; j0 < n; j0 += 8) {
        const w = min(8, n - j0);
        const bp = w == 8 ? b + (<usize>j0 << 2) : scratch;
        const stride = w == 8 ? bStride : 32;
        const cj = ci + (<usize>j0 << 2);
        const ij = ii == 0 ? <usize>0 : ii + (<usize>j0 << 2);
        if (full) {
          tile4(ai, aRowB, aDepthB, bp, stride, k, cj, cRowB, ij, initRowB, w);
        } else {
          for (let r = i; r < m; r++) {
            const d = <usize>(r - i);
            tile1(ai + d * aRowB, aDepthB, bp, stride, k, cj + d * cRowB, ij == 0 ? <usize>0 : ij + d * initRowB, w);
          }
        }
      }
    }
    return;
  }
  for (let j0 = 0; j0 < n; j0 += 8) {
    const w = min(8, n - j0);
    let bp: usize, bStride: usize;
    if (w == 8 && inPlace) {
      bp = b + (<usize>j0 << 2);
      bStride = <usize>bDepth << 2;
    } else {
      packPanel(b, bDepth, bCol, k, j0, w, scratch);
      bp = scratch;
      bStride = 32;
    }
    const cj = c + (<usize>j0 << 2);
    const ij = init == 0 ? <usize>0 : init + (<usize>j0 << 2);
    let i = 0;
    for (; i < m4; i += 4) {
      tile4(
        a + <usize>i * aRowB, aRowB, aDepthB, bp, bStride, k,
        cj + <usize>i * cRowB, cRowB, ij == 0 ? <usize>0 : ij + <usize>i * initRowB, initRowB, w,
      );
    }
    for (; i < m; i++) {
      tile1(a + <usize>i * aRowB, aDepthB, bp, bStride, k, cj + <usize>i * cRowB, ij == 0 ? <usize>0 : ij + <usize>i * initRowB, w);
    }
  }
}

/** out[n] = (out +) Σ_r src[r, ·] over src [rows×n], four columns per vector. */
export function sumRows(src: usize, out: usize, rows: i32, n: i32, accumulate: i32): void {
  const rowB = <usize>n << 2;
  const n4 = n & ~3;
  let j = 0;
  for (; j < n4; j += 4) {
    const o = out + (<usize>j << 2);
    let s = accumulate != 0 ? v128.load(o) : f32x4.splat(0);
    let q = src + (<usize>j << 2);
    for (let r = 0; r < rows; r++) {
      s = f32x4.add(s, v128.load(q));
      q += rowB;
    }
    v128.store(o, s);
  }
  for (; j < n; j++) {
    const o = out + (<usize>j << 2);
    let s: f32 = accumulate != 0 ? load<f32>(o) : 0;
    let q = src + (<usize>j << 2);
    for (let r = 0; r < rows; r++) {
      s += load<f32>(q);
      q += rowB;
    }
    store<f32>(o, s);
  }
}

/**
 * Columns j0..j1−1 of C[m×n] = Aᵀ·B, skipping B's zeros: the weight gradient
 * dW = Xᵀ·δ of a layer whose δ went through ReLU (typically half zeros).
 *   A(i,p) = a[p·aDepth + i] (rows of A contiguous: X or a layer's output),
 *   B(p,j) = b[p·bDepth + j], C(i,j) = c[i·cRow + j].
 * For each column j the nonzero B(p,j) are first listed in `scratch`
 * ((j1−j0)·(4 + 8k) bytes) as (byte offset of A's row p, value) pairs, in
 * increasing p; then 28-row strips of C are summed over those lists only,
 * seven 4-lane accumulators per column (with the entry's eight vectors: 15
 * of the 16 registers; an eighth accumulator would spill), and stored into C's column.
 * The sums run in the same order as `gemm`'s over one k-block from zero, and
 * a skipped term is exactly zero, so for finite A the result equals `gemm`'s
 * bit for bit. Returns the number of nonzero B(p,j) in the columns (the
 * caller's density estimate: at high density the dense `gemm` is faster).
 */
export function gemmSparseTA(
  a: usize, aDepth: i32, b: usize, bDepth: i32,
  c: usize, cRow: i32, m: i32, k: i32, j0: i32, j1: i32, scratch: usize,
): i32 {
  const cols = j1 - j0;
  if (cols <= 0) return 0;
  const aDepthB = <usize>aDepth << 2, bDepthB = <usize>bDepth << 2, cRowB = <usize>cRow << 2;
  const listB = <usize>k << 3;
  const lists = scratch + ((<usize>cols << 2) + 63 & ~(<usize>63));
  // The lists: branch-free appends (a zero's slot is overwritten by the next entry).
  let nonzero = 0;
  for (let j = 0; j < cols; j++) {
    let q = b + (<usize>(j0 + j) << 2);
    const list = lists + <usize>j * listB;
    let count = 0;
    let row: usize = 0;
    for (let p = 0; p < k; p++) {
      const v = load<f32>(q);
      const e = list + (<usize>count << 3);
      store<i32>(e, <i32>row);
      store<f32>(e, v, 4);
      count += i32(v != 0);
      q += bDepthB;
      row += aDepthB;
    }
    store<i32>(scratch + (<usize>j << 2), count);
    nonzero += count;
  }
  const m28 = m - m % 28, m4 = m & ~3;
  let i = 0;
  for (; i < m28; i += 28) {
    const ai = a + (<usize>i << 2);
    for (let j = 0; j < cols; j++) {
      const list = lists + <usize>j * listB;
      const end = list + (<usize>load<i32>(scratch + (<usize>j << 2)) << 3);
      let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0);
      let s3 = f32x4.splat(0), s4 = f32x4.splat(0), s5 = f32x4.splat(0), s6 = f32x4.splat(0);
      for (let e = list; e < end; e += 8) {
        const x = ai + <usize>load<i32>(e);
        const v = v128.load32_splat(e, 4);
        s0 = madd(v, v128.load(x), s0); s1 = madd(v, v128.load(x, 16), s1);
        s2 = madd(v, v128.load(x, 32), s2); s3 = madd(v, v128.load(x, 48), s3);
        s4 = madd(v, v128.load(x, 64), s4); s5 = madd(v, v128.load(x, 80), s5);
        s6 = madd(v, v128.load(x, 96), s6);
      }
      const cj = c + <usize>i * cRowB + (<usize>(j0 + j) << 2);
      storeColumn(cj, cRowB, s0); storeColumn(cj + 4 * cRowB, cRowB, s1);
      storeColumn(cj + 8 * cRowB, cRowB, s2); storeColumn(cj + 12 * cRowB, cRowB, s3);
      storeColumn(cj + 16 * cRowB, cRowB, s4); storeColumn(cj + 20 * cRowB, cRowB, s5);
      storeColumn(cj + 24 * cRowB, cRowB, s6);
    }
  }
  // Leftover rows: one strip each of 16, 8 and 4 rows, as far as they go.
  for (let q = 4; q > 0; q >>= 1) {
    if (m4 - i < q * 4) continue;
    narrowStrip(a + (<usize>i << 2), lists, listB, scratch, cols, c + <usize>i * cRowB + (<usize>j0 << 2), cRowB, q);
    i += q * 4;
  }
  for (; i < m; i++) {
    const ai = a + (<usize>i << 2);
    for (let j = 0; j < cols; j++) {
      const list = lists + <usize>j * listB;
      const end = list + (<usize>load<i32>(scratch + (<usize>j << 2)) << 3);
      let s = f32x4.splat(0);
      // Lane 0 only, through the same (fused) multiply-add as the vector paths.
      for (let e = list; e < end; e += 8) s = madd(v128.load32_splat(e, 4), v128.load32_splat(ai + <usize>load<i32>(e)), s);
      store<f32>(c + <usize>i * cRowB + (<usize>(j0 + j) << 2), f32x4.extract_lane(s, 0));
    }
  }
  return nonzero;
}

/** `gemmSparseTA` on a strip of 4·q rows (q = 4, 2 or 1) starting at A's column `a` and C's row `c`. */
function narrowStrip(a: usize, lists: usize, listB: usize, counts: usize, cols: i32, c: usize, cRowB: usize, q: i32): void {
  for (let j = 0; j < cols; j++) {
    const list = lists + <usize>j * listB;
    const end = list + (<usize>load<i32>(counts + (<usize>j << 2)) << 3);
    const cj = c + (<usize>j << 2);
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
    if (q == 4) {
      for (let e = list; e < end; e += 8) {
        const x = a + <usize>load<i32>(e);
        const v = v128.load32_splat(e, 4);
        s0 = madd(v, v128.load(x), s0); s1 = madd(v, v128.load(x, 16), s1);
        s2 = madd(v, v128.load(x, 32), s2); s3 = madd(v, v128.load(x, 48), s3);
      }
      storeColumn(cj + 8 * cRowB, cRowB, s2); storeColumn(cj + 12 * cRowB, cRowB, s3);
    } else if (q == 2) {
      for (let e = list; e < end; e += 8) {
        const x = a + <usize>load<i32>(e);
        const v = v128.load32_splat(e, 4);
        s0 = madd(v, v128.load(x), s0); s1 = madd(v, v128.load(x, 16), s1);
      }
    } else {
      for (let e = list; e < end; e += 8) s0 = madd(v128.load32_splat(e, 4), v128.load(a + <usize>load<i32>(e)), s0);
    }
    storeColumn(cj, cRowB, s0);
    if (q > 1) storeColumn(cj + 4 * cRowB, cRowB, s1);
  }
}

/** Stores the 4 lanes of `v` down a column: p, p + rowB, p + 2·rowB, p + 3·rowB. */
@inline function storeColumn(p: usize, rowB: usize, v: v128): void {
  v128.store32_lane(p, v, 0);
  v128.store32_lane(p + rowB, v, 1);
  v128.store32_lane(p + 2 * rowB, v, 2);
  v128.store32_lane(p + 3 * rowB, v, 3);
}
