import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NUMERIC_DISTINCT_CAP } from '../../../../core/data/infer';
import { DEFAULT_MISSING_TOKENS } from '../../../../core/data/table-builder-contract';
import type { DataTable } from '../../../../core/data/table';
import { createTableBuilder } from '../../../../core/data/table-builder';

/** A cell as written and the value the table should hold (NaN for missing or out of Float32 range). */
interface Cell {
  text: string;
  expected: number;
  missing: boolean;
}

const anyDouble = fc.double({ noNaN: true, noDefaultInfinity: true });

const numberCell = (decimalComma: boolean, doubles = anyDouble): fc.Arbitrary<Cell> =>
  doubles.map((v) => {
    const stored = Math.fround(v);
    const text = decimalComma ? String(v).replace('.', ',') : String(v);
    return { text, expected: Number.isFinite(stored) ? stored : NaN, missing: false };
  });

/** A default missing token in random case with random padding. */
const missingCell: fc.Arbitrary<Cell> = fc
  .tuple(fc.constantFrom(...DEFAULT_MISSING_TOKENS), fc.constantFrom('lower', 'upper', 'same'), fc.constantFrom('', ' ', '\t', '  '))
  .map(([token, casing, pad]) => {
    const cased = casing === 'lower' ? token.toLowerCase() : casing === 'upper' ? token.toUpperCase() : token;
    return { text: `${pad}${cased}${pad}`, expected: NaN, missing: true };
  });

/** 1–4 columns of `minRows`–`maxRows` rows, about one cell in five missing. */
const tableOf = (decimalComma: boolean, minRows: number, maxRows: number, doubles = anyDouble) =>
  fc.integer({ min: 1, max: 4 }).chain((width) => {
    const cell = fc.oneof({ arbitrary: numberCell(decimalComma, doubles), weight: 4 }, { arbitrary: missingCell, weight: 1 });
    return fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: minRows, maxLength: maxRows, size: 'max' });
  });

/** Builds the table and checks every cell and every column's counts; returns the table. */
function check(rows: Cell[][], decimalComma: boolean): DataTable {
  const width = rows[0]?.length ?? 1;
  const header = Array.from({ length: width }, (_, j) => `c${j}`);
  const builder = createTableBuilder(header, { source: 'random.csv', decimalComma });
  rows.forEach((row, r) => builder.addRow(row.map((c) => c.text), r + 2));
  const { table } = builder.finish();
  expect(table.rows).toBe(rows.length);
  table.columns.forEach((column, j) => {
    const { count, missing, invalid } = column.stats;
    expect(count + missing + invalid).toBe(rows.length);
    expect(missing).toBe(rows.filter((row) => row[j]!.missing).length);
    rows.forEach((row, r) => {
      const want = row[j]!.expected;
      const got = column.values[r]!;
      expect(Number.isNaN(want) ? Number.isNaN(got) : got === want, `row ${r}, column ${j}: ${row[j]!.text} → ${got}`).toBe(true);
    });
  });
  return table;
}

describe('table builder properties', () => {
  it.each([false, true])('recovers Math.fround(value) or NaN for every cell, and count + missing + invalid = rows (decimal comma %s)', (decimalComma) => {
    fc.assert(fc.property(tableOf(decimalComma, 0, 60), (rows) => {
      check(rows, decimalComma);
    }), { numRuns: 200, seed: 42 });
  });

  it.each([
    ['1,500 distinct integers', Array.from({ length: 3000 }, (_, i) => String(i % 1500)), NUMERIC_DISTINCT_CAP + 1, true],
    ['101 distinct values, each twice', Array.from({ length: 202 }, (_, i) => (i % 101 / 8).toFixed(3)), NUMERIC_DISTINCT_CAP + 1, true],
    ['100 distinct values, each twice', Array.from({ length: 200 }, (_, i) => (i % 100 / 8).toFixed(3)), 100, false],
    ['+0 and −0 as one value', ['0', '-0', '0.0', '1'], 2, false],
    ['texts that round to one Float32', ['0.1', '0.10000000000000001', '0.1000000001'], 1, false],
  ] as [string, string[], number, boolean][])('counts distinct Float32 values up to the cap: %s', (_title, texts, distinct, capped) => {
    const builder = createTableBuilder(['x'], { source: 'many.csv', decimalComma: false });
    texts.forEach((t, r) => builder.addRow([t], r + 2));
    const { table } = builder.finish();
    expect(table.columns[0]!.stats).toMatchObject({ distinct, distinctCapped: capped });
  });

  it('counts distinct Float32 values, not texts, for any numeric column under the cap', () => {
    fc.assert(fc.property(tableOf(false, 0, 60), (rows) => {
      check(rows, false).columns.forEach((column, j) => {
        const present = rows.map((row) => row[j]!).filter((c) => !c.missing && !Number.isNaN(c.expected));
        expect(column.stats.distinct).toBe(new Set(present.map((c) => c.expected)).size);
      });
    }), { numRuns: 200, seed: 3 });
  });
});
