import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../core/math/rng';
import { HISTOGRAM_BINS, formatFloat32, numericSummary, topCategories } from '../../../../core/data/stats';
import { expectClose } from '../../../helpers/close';
import { buildColumn, cells } from './build';

/** Mean, population std and histogram by the textbook definitions, in doubles. */
function oracle(values: readonly number[]): { mean: number; std: number; histogram: number[] } {
  const present = values.filter((v) => !Number.isNaN(v));
  let sum = 0;
  for (const v of present) sum += v;
  const mean = sum / present.length;
  let squares = 0;
  for (const v of present) squares += (v - mean) ** 2;
  const min = Math.min(...present);
  const max = Math.max(...present);
  const width = (max - min) / HISTOGRAM_BINS;
  const histogram = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (const v of present) {
    let bin = 0;
    while (bin < HISTOGRAM_BINS - 1 && v >= min + (bin + 1) * width) bin++;
    histogram[bin]!++;
  }
  return { mean, std: Math.sqrt(squares / present.length), histogram };
}

describe('numeric statistics', () => {
  it.each([1, 2, 3])('match an independent double-precision computation (seed %i)', (seed) => {
    const rng = createRng(seed);
    const written = cells(500, () => (rng.next() < 0.1 ? 'NA' : String(rng.normal() * 3 + 1)));
    const { column } = buildColumn(written);
    const stored = written.map((t) => (t === 'NA' ? NaN : Math.fround(Number(t))));
    const want = oracle(stored);
    const numeric = column.stats.numeric!;
    expect(column.stats.count + column.stats.missing).toBe(500);
    expect(numeric.min).toBe(Math.min(...stored.filter((v) => !Number.isNaN(v))));
    expect(numeric.max).toBe(Math.max(...stored.filter((v) => !Number.isNaN(v))));
    expectClose(numeric.mean, want.mean, 1e-12, 1e-12);
    expectClose(numeric.std, want.std, 1e-12, 1e-12);
    expect(numeric.histogram).toEqual(want.histogram);
    expect(numeric.histogram.reduce((a, b) => a + b, 0)).toBe(column.stats.count);
  });

  it('puts values on bin edges in the upper bin and the maximum in the last bin', () => {
    // [0, 10] in 20 bins of width 0.5.
    const { histogram } = numericSummary(new Float32Array([0, 0.25, 0.5, 9.75, 10, NaN])).numeric!;
    const want = new Array<number>(20).fill(0);
    want[0] = 2;
    want[1] = 1;
    want[19] = 2;
    expect(histogram).toEqual(want);
  });

  it('puts every value in the first bin when min === max', () => {
    const { numeric } = numericSummary(new Float32Array([3, NaN, 3]));
    expect(numeric).toEqual({ min: 3, max: 3, mean: 3, std: 0, histogram: [2, ...new Array<number>(19).fill(0)] });
  });

  it('has no numeric summary when every value is missing', () => {
    expect(numericSummary(new Float32Array([NaN, NaN]))).toEqual({ count: 0 });
  });

  it('computes min, max, mean and std for a boolean column as 0/1', () => {
    const numeric = buildColumn(['yes', 'no', 'yes', 'yes']).column.stats.numeric!;
    expect(numeric).toMatchObject({ min: 0, max: 1, mean: 0.75 });
    expectClose(numeric.std, Math.sqrt(0.75 * 0.25), 1e-12);
  });
});

describe('top categories', () => {
  it('lists the most frequent values first, ties in first-seen order', () => {
    const { column } = buildColumn(['b', 'a', 'c', 'a', 'NA', 'c', 'd']);
    expect(column.stats).toMatchObject({ count: 6, missing: 1, invalid: 0, distinct: 4, distinctCapped: false });
    expect(column.stats.top).toEqual([
      { value: 'a', count: 2 }, { value: 'c', count: 2 }, { value: 'b', count: 1 }, { value: 'd', count: 1 },
    ]);
  });

  it('keeps only the 10 most frequent', () => {
    // Label k appears k + 1 times.
    const written = Array.from({ length: 15 }, (_, k) => cells(k + 1, () => `k${k}`)).flat();
    const top = buildColumn(written).column.stats.top!;
    expect(top.map((t) => t.value)).toEqual(['k14', 'k13', 'k12', 'k11', 'k10', 'k9', 'k8', 'k7', 'k6', 'k5']);
    expect(top[0]!.count).toBe(15);
  });

  it.each([
    ['skips zero counts', ['a', 'b', 'c'], [0, 2, 1], 10, [{ value: 'b', count: 2 }, { value: 'c', count: 1 }]],
    ['stops at the limit', ['a', 'b', 'c'], [1, 1, 1], 2, [{ value: 'a', count: 1 }, { value: 'b', count: 1 }]],
    ['lets a later, larger count in', ['a', 'b', 'c'], [1, 1, 5], 2, [{ value: 'c', count: 5 }, { value: 'a', count: 1 }]],
  ])('topCategories %s', (_title, labels, counts, limit, want) => {
    expect(topCategories(labels, counts, limit)).toEqual(want);
  });

  it('lists the top values of a text column too', () => {
    const top = buildColumn(cells(30, (i) => `id ${i}`)).column.stats.top!;
    expect(top).toHaveLength(10);
    expect(top[0]).toEqual({ value: 'id 0', count: 1 });
  });
});

describe('formatFloat32', () => {
  it.each([
    [0.1, '0.1'],
    [1.5, '1.5'],
    [-2.25e-7, '-2.25e-7'],
    [16777217, '16777216'],
    [123456.789, '123456.79'],
  ])('writes fround(%d) as %s', (value, text) => {
    expect(formatFloat32(Math.fround(value))).toBe(text);
  });
});
