import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../../../core/data/import';
import type { DataTable } from '../../../../core/data/table';
import { createTableBuilder } from '../../../../core/data/table-builder';
import { textSource } from './read-helpers';

/**
 * Quote-free chunks skip papaparse and read numbers in place (`addRowIn`).
 * Oracle: the same cells given to the table builder one string at a time
 * (`addRow`), the general path. Small chunks put most rows on the fast path.
 */
const cell = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => String(v)) },
  { weight: 2, arbitrary: fc.integer({ min: -999, max: 999 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('', 'NA', ' 3.5', '7 ', '-', 'inf', '1e999', 'abc', '1,5', '+2', '−4', '.5', '5.', '1.5e3', '2E-7', '-3e+2', '7e', '1234567890123456', '1e23', '0.1e-22', '12345678901234567890', '-0', '-0.0e5') },
);

/** Cells that need quoting: the general parser must take over from the line that holds one. */
const quoted = fc.constantFrom('a,b', 'two\nlines', 'say "hi"', 'x;y', 'p|q', 'tab\there');

function csvCell(value: string, delimiter: string): string {
  const needs = value.includes(delimiter) || /["\r\n]/.test(value);
  return needs ? `"${value.replace(/"/g, '""')}"` : value;
}

function viaBuilder(header: string[], rows: string[][]): DataTable {
  const builder = createTableBuilder(header, { source: 'fast.csv', decimalComma: false });
  rows.forEach((row, r) => builder.addRow(row, r + 2));
  return builder.finish().table;
}

describe('the quote-free fast path', () => {
  it('builds the same table as the general path, cell for cell', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 5 }).chain((width) => fc.tuple(
        fc.constant(width),
        fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 40, maxLength: 120 }),
      )),
      fc.constantFrom('\n', '\r\n'),
      fc.constantFrom(',', ';', '\t', '|'),
      async ([width, rows], newline, delimiter) => {
        // a row of nothing but empty cells on one line would read as a blank line: keep one cell non-empty
        const data = rows.map((row) => (row.every((c) => c.trim() === '') ? ['0', ...row.slice(1)] : row))
          .map((row) => row.map((c) => (delimiter === ',' && c === '1,5' ? '15' : c)));
        const header = Array.from({ length: width }, (_, j) => `col_${j + 1}`);
        const text = [header, ...data].map((r) => r.join(delimiter)).join(newline) + newline;
        const { table } = await importCsv(textSource(text, 'fast.csv'), { delimiter, hasHeader: true, chunkSize: 64 });
        const want = viaBuilder(header, data);
        expect(table.rows).toBe(want.rows);
        table.columns.forEach((column, j) => {
          const other = want.columns[j]!;
          expect(column.kind).toBe(other.kind);
          expect(Array.from(column.values)).toEqual(Array.from(other.values));
          expect(column.dictionary).toEqual(other.dictionary);
          expect(column.stats).toEqual(other.stats);
        });
      },
    ), { numRuns: 60, seed: 11 });
  });
});

describe('the fast path hands quoted rows to the general parser', () => {
  it('builds the same table when some rows hold quoted fields', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(cell, fc.oneof({ weight: 5, arbitrary: cell }, { weight: 1, arbitrary: quoted })), { minLength: 40, maxLength: 120 }),
      fc.constantFrom('\n', '\r\n'),
      async (rows, newline) => {
        const data = rows.map(([a, b]) => (a.trim() === '' && b.trim() === '' ? ['0', b] : [a, b]))
          .map((row) => row.map((c) => (c === '1,5' ? '15' : c)));
        const header = ['first', 'second'];
        const text = [header, ...data].map((r) => r.map((c) => csvCell(c, ',')).join(',')).join(newline) + newline;
        const { table } = await importCsv(textSource(text, 'fast.csv'), { delimiter: ',', hasHeader: true, chunkSize: 64 });
        const want = viaBuilder(header, data);
        expect(table.rows).toBe(want.rows);
        table.columns.forEach((column, j) => {
          expect(Array.from(column.values)).toEqual(Array.from(want.columns[j]!.values));
          expect(column.dictionary).toEqual(want.columns[j]!.dictionary);
        });
      },
    ), { numRuns: 60, seed: 12 });
  });
});
