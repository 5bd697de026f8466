/**
 * Per-column statistics for the UI, computed once from the stored columns
 * (so they describe exactly the Float32 values training will see), in
 * doubles.
 */
import type { CategoryCount, NumericStats } from './table';

/** Bins of the numeric histogram. */
export const HISTOGRAM_BINS = 20;

/** Most frequent values listed in `ColumnStats.top`. */
export const TOP_CATEGORIES = 10;

/** Present (non-NaN) values and their numeric summary (undefined when there are none). */
export interface NumericSummary {
  count: number;
  /** Every present value is a whole number (false when there are none). */
  whole?: boolean;
  numeric?: NumericStats;
}

/**
 * Two passes over the non-NaN values: min, max and mean, then the population
 * standard deviation std = sqrt(Σ(v − mean)² / n) and a histogram of
 * `HISTOGRAM_BINS` equal-width bins over [min, max]; bin k holds
 * min + k·w ≤ v < min + (k+1)·w with w = (max − min) / bins, the last bin
 * also holding max. When min === max every value is in the first bin.
 */
export function numericSummary(values: Float32Array): NumericSummary {
  return summarize(values);
}

/**
 * `numericSummary` plus the number of distinct present values, counted up to
 * `cap` (then `capped`: more than cap) with an open-addressing set over the
 * values' bit patterns, in the first of the two passes.
 */
export function numericSummaryWithDistinct(values: Float32Array, cap: number): NumericSummary & { distinct: number; capped: boolean } {
  let size = 16;
  while (size < 2 * (cap + 1)) size *= 2;
  const slots = new Int32Array(size), used = new Uint8Array(size);
  const bits = new Int32Array(values.buffer, values.byteOffset, values.length);
  let distinct = 0;
  for (let from = 0; from < values.length && distinct <= cap; from += BLOCK) {
    distinct = addDistinct(values, bits, from, Math.min(values.length, from + BLOCK), slots, used, distinct, cap);
  }
  const capped = distinct > cap;
  return { ...summarize(values), distinct, capped };
}

/**
 * Adds the values' Float32 bit patterns to an open-addressing set (`slots`,
 * `used`; size a power of two over 2·cap) holding `size` keys; returns the
 * new size, or cap + 1 as soon as it would pass `cap`.
 */
function addDistinct(
  values: Float32Array, bits: Int32Array, from: number, to: number, slots: Int32Array, used: Uint8Array, size: number, cap: number,
): number {
  const mask = slots.length - 1;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    // +0 and −0 are one value; mix all 32 bits into the low ones
    const key = v === 0 ? 0 : bits[i]!;
    let h = Math.imul(key ^ (key >>> 16), 0x45d9f3b);
    h = (h ^ (h >>> 16)) & mask;
    while (used[h] === 1 && slots[h] !== key) h = (h + 1) & mask;
    if (used[h] === 1) continue;
    if (size === cap) return cap + 1;
    used[h] = 1;
    slots[h] = key;
    size++;
  }
  return size;
}

/**
 * Long loops run in blocks through small functions: V8 then optimizes each
 * function once, after a few calls, instead of compiling every column's
 * loop on the fly and throwing that code away when the loop ends.
 */
const BLOCK = 1 << 16;

function summarize(values: Float32Array): NumericSummary {
  // [count, sum, min, max, fractional values]
  const acc = new Float64Array([0, 0, Infinity, -Infinity, 0]);
  for (let from = 0; from < values.length; from += BLOCK) countSumMinMax(values, from, Math.min(values.length, from + BLOCK), acc);
  const count = acc[0]!, sum = acc[1]!, min = acc[2]!, max = acc[3]!;
  if (count === 0) return { count };
  const mean = sum / count;
  const bins = new Int32Array(HISTOGRAM_BINS);
  const scale = max > min ? HISTOGRAM_BINS / (max - min) : 0;
  const squares = new Float64Array(1);
  for (let from = 0; from < values.length; from += BLOCK) {
    squaresAndBins(values, from, Math.min(values.length, from + BLOCK), mean, min, scale, bins, squares);
  }
  return { count, whole: acc[4] === 0, numeric: { min, max, mean, std: Math.sqrt(squares[0]! / count), histogram: Array.from(bins) } };
}

function countSumMinMax(values: Float32Array, from: number, to: number, acc: Float64Array): void {
  let count = acc[0]!, sum = acc[1]!, min = acc[2]!, max = acc[3]!, fractional = acc[4]!;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    count++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (Math.floor(v) !== v) fractional++;
  }
  acc[0] = count; acc[1] = sum; acc[2] = min; acc[3] = max; acc[4] = fractional;
}

function squaresAndBins(
  values: Float32Array, from: number, to: number, mean: number, min: number, scale: number, bins: Int32Array, squares: Float64Array,
): void {
  const lastBin = HISTOGRAM_BINS - 1;
  let sq = squares[0]!;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    const d = v - mean;
    sq += d * d;
    let bin = ((v - min) * scale) | 0;
    if (bin > lastBin) bin = lastBin;
    bins[bin]!++;
  }
  squares[0] = sq;
}

/** How many rows hold each dictionary code (codes < 0 are missing). */
export function codeCounts(codes: Int32Array, distinct: number): Int32Array {
  const counts = new Int32Array(distinct);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c >= 0) counts[c]!++;
  }
  return counts;
}

/**
 * The `limit` most frequent labels, most frequent first; ties keep the
 * labels' order (first seen first). Labels with a zero count are left out.
 * One pass with a small sorted list, so an identifier column with a million
 * distinct values is not sorted.
 */
export function topCategories(labels: readonly string[], counts: ArrayLike<number>, limit = TOP_CATEGORIES): CategoryCount[] {
  const best: number[] = [];
  const countOf = (i: number): number => counts[i] ?? 0;
  for (let i = 0; i < labels.length; i++) {
    const c = countOf(i);
    if (c === 0 || (best.length === limit && c <= countOf(best[limit - 1]!))) continue;
    let at = best.length;
    while (at > 0 && countOf(best[at - 1]!) < c) at--;
    best.splice(at, 0, i);
    if (best.length > limit) best.pop();
  }
  return best.map((i) => ({ value: labels[i]!, count: countOf(i) }));
}

/** The shortest decimal that reads back as the same Float32 value (`0.1`, not `0.10000000149011612`). */
export function formatFloat32(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  for (let digits = 1; digits < 9; digits++) {
    const text = String(Number(value.toPrecision(digits)));
    if (Math.fround(Number(text)) === value) return text;
  }
  return String(Number(value.toPrecision(9)));
}
