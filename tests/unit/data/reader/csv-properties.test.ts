import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_DELIMITERS } from '../../../../core/data/csv-parse';
import { importCsv } from '../../../../core/data/import';
import { DataError } from '../../../../core/data/issues';
import type { CsvSource } from '../../../../core/data/source';
import { writeCsv, type WriteStyle } from './csv-writer';
import { readAll } from './read-helpers';

/** Characters that stress CSV: every delimiter, quotes, line breaks, spaces, non-ASCII. */
const SPECIAL = [',', ';', '\t', '|', '"', '\r', '\n', '\r\n', ' ', 'é', '中', '😀', '\u00a0', '\uFEFF'];
/** Control characters other than tab and line breaks make a file "not text"; they are not cell content here. */
function withoutControls(s: string): string {
  return [...s].filter((ch) => {
    const c = ch.charCodeAt(0);
    return !((c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0x7f);
  }).join('');
}

const cell = fc
  .string({ unit: fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 8 })
  .map(withoutControls);
const headerName = cell.map((s) => s.trim()).filter((s) => s !== '');

const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
  fc.record({
    header: fc.uniqueArray(headerName, { minLength: width, maxLength: width }),
    rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }),
  }));

const style: fc.Arbitrary<WriteStyle> = fc.record({
  delimiter: fc.constantFrom(...CSV_DELIMITERS),
  newline: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const),
  quoting: fc.constantFrom('minimal' as const, 'all' as const, 'some' as const),
  trailingNewlines: fc.integer({ min: 0, max: 2 }),
});

type Packing = 'text' | 'utf-8' | 'utf-8 BOM' | 'utf-16le BOM' | 'utf-16be BOM';
const PACKINGS: readonly Packing[] = ['text', 'utf-8', 'utf-8 BOM', 'utf-16le BOM', 'utf-16be BOM'];

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + 2 * text.length);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i += 1) view.setUint16(2 + 2 * i, text.charCodeAt(i), littleEndian);
  return bytes;
}

function pack(text: string, packing: Packing): CsvSource {
  const name = 'table.csv';
  switch (packing) {
    case 'text': return { kind: 'text', name, text };
    case 'utf-8': return { kind: 'bytes', name, bytes: new TextEncoder().encode(text) };
    case 'utf-8 BOM': return { kind: 'bytes', name, bytes: new TextEncoder().encode(`\uFEFF${text}`) };
    case 'utf-16le BOM': return { kind: 'bytes', name, bytes: utf16(text, true) };
    case 'utf-16be BOM': return { kind: 'bytes', name, bytes: utf16(text, false) };
  }
}

describe('reading CSV back (fast-check)', () => {
  it('any table of strings, written with any delimiter, quoting, line ending and encoding, reads back cell for cell', async () => {
    await fc.assert(
      fc.asyncProperty(table, style, fc.constantFrom(...PACKINGS), fc.integer({ min: 1, max: 40 }), fc.func(fc.boolean()),
        async ({ header, rows }, how, packing, chunkSize, extra) => {
          const text = writeCsv([header, ...rows], how, (r, c) => extra(r, c));
          const read = await readAll(pack(text, packing), { delimiter: how.delimiter, hasHeader: true, chunkSize });
          expect(read.header).toEqual(header);
          expect(read.rows).toEqual(rows);
          expect(read.layout.newline).toBe(how.newline);
        }),
      { numRuns: 400 },
    );
  });

  /** Cells a spreadsheet export typically holds: words and numbers, no delimiters inside. */
  const plainCell = fc.oneof(
    fc.stringMatching(/^[a-z]{1,6}( [a-z]{1,6})?$/),
    fc.integer({ min: -1000, max: 1000 }).map(String),
    fc.double({ min: -1e4, max: 1e4, noNaN: true }).map((x) => x.toFixed(3)),
  );
  const plainTable = fc.integer({ min: 2, max: 6 }).chain((width) =>
    fc.array(fc.array(plainCell, { minLength: width, maxLength: width }), { minLength: 3, maxLength: 12 })
      .map((rows) => ({ header: Array.from({ length: width }, (_, i) => `col${i}`), rows })));

  it('the delimiter, line ending and header of a plain table are detected', async () => {
    await fc.assert(
      fc.asyncProperty(plainTable, style, async ({ header, rows }, how) => {
        const text = writeCsv([header, ...rows], how);
        const read = await readAll({ kind: 'text', name: 'plain.csv', text });
        expect(read.layout.delimiter).toBe(how.delimiter);
        expect(read.layout.newline).toBe(how.newline);
        expect(read.layout.hasHeader).toBe(true);
        expect(read.header).toEqual(header);
        expect(read.rows).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  const csvishByte = fc.oneof(
    fc.integer({ min: 0, max: 255 }),
    fc.constantFrom(...new TextEncoder().encode(',;\t|"\r\n a1.-é')),
  );
  const bytes = fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.array(csvishByte, { maxLength: 300 }).map((b) => Uint8Array.from(b)));

  it('any byte string imports to a table or fails with a DataError, never another exception', async () => {
    await fc.assert(
      fc.asyncProperty(bytes, fc.integer({ min: 1, max: 64 }), fc.constantFrom('error' as const, 'skip' as const),
        async (data, chunkSize, onRaggedRows) => {
          try {
            const { table, report } = await importCsv({ kind: 'bytes', name: 'noise.bin', bytes: data }, { chunkSize, onRaggedRows });
            expect(table.rows).toBe(report.rowsRead);
          } catch (error) {
            if (!(error instanceof DataError)) throw error;
            expect(error.message).toMatch(/noise\.bin/);
          }
        }),
      { numRuns: 400 },
    );
  });
});
