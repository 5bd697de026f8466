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
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    count++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (count === 0) return { count };
  const mean = sum / count;
  const histogram = new Array<number>(HISTOGRAM_BINS).fill(0);
  const scale = max > min ? HISTOGRAM_BINS / (max - min) : 0;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    const d = v - mean;
    squares += d * d;
    const bin = Math.min(HISTOGRAM_BINS - 1, Math.floor((v - min) * scale));
    histogram[bin]!++;
  }
  return { count, numeric: { min, max, mean, std: Math.sqrt(squares / count), histogram } };
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

/**
 * Distinct present values of a Float32 column, counted up to `cap` (then
 * `capped`, meaning "more than cap"). An open-addressing set over the values'
 * bit patterns: no strings, no boxing, and it stops early on continuous data.
 */
export function countDistinct(values: Float32Array, cap: number): { distinct: number; capped: boolean } {
  const bits = new Int32Array(values.buffer, values.byteOffset, values.length);
  let size = 16;
  while (size < 2 * (cap + 1)) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size);
  const used = new Uint8Array(size);
  let distinct = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    // +0 and −0 are one value
    const key = v === 0 ? 0 : bits[i]!;
    // Mix all 32 bits into the low ones (a plain multiply would hash on the low bits only).
    let h = Math.imul(key ^ (key >>> 16), 0x45d9f3b);
    h = (h ^ (h >>> 16)) & mask;
    while (used[h] === 1 && slots[h] !== key) h = (h + 1) & mask;
    if (used[h] === 1) continue;
    if (distinct === cap) return { distinct: cap + 1, capped: true };
    used[h] = 1;
    slots[h] = key;
    distinct++;
  }
  return { distinct, capped: false };
}
