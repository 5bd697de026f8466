import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectHeader, detectNewline } from '../../../../core/data/csv-dialect';
import { importCsv } from '../../../../core/data/import';
import { importCsvFile } from '../../../../core/data/source.node';
import { DEFAULT_MISSING_TOKENS } from '../../../../core/data/table-builder-contract';
import { readAll, textSource } from './read-helpers';

const fixture = (name: string): string => join(import.meta.dirname, '../../../fixtures/csv', name);
const MISSING = new Set(DEFAULT_MISSING_TOKENS.map((t) => t.toLowerCase()));

describe('dialect detection', () => {
  it.each([
    { title: 'commas', text: 'a,b,c\n1,2,3\n4,5,6\n', delimiter: ',' },
    { title: 'semicolons', text: 'a;b;c\n1;2;3\n4;5;6\n', delimiter: ';' },
    { title: 'tabs', text: 'a\tb\tc\n1\t2\t3\n', delimiter: '\t' },
    { title: 'pipes', text: 'a|b|c\n1|2|3\n', delimiter: '|' },
    { title: 'semicolons with decimal commas and no header', text: '1,5;2,5\n3,5;4,5\n', delimiter: ';' },
    { title: 'commas with semicolons inside some cells', text: 'name,score\nx;y,1\nz,2\nw,3\n', delimiter: ',' },
    { title: 'commas with every delimiter inside quotes', text: 'a,b\n"x;y|z\tw",1\n"p;q|r\ts",2\n', delimiter: ',' },
    { title: 'a single column', text: 'value\n1\n2\n', delimiter: ',' },
  ])('delimiter: $title', ({ text, delimiter }) => {
    expect(detectDelimiter(text, '\n', true)).toBe(delimiter);
  });

  it.each([
    { title: 'LF', text: 'a,b\n1,2\n', newline: '\n' },
    { title: 'CRLF', text: 'a,b\r\n1,2\r\n', newline: '\r\n' },
    { title: 'CR only', text: 'a,b\r1,2\r', newline: '\r' },
    { title: 'a quoted line break before the real one', text: '"a\nb",c\r\n1,2\r\n', newline: '\r\n' },
    { title: 'a stray inch sign in an unquoted cell', text: 'size,tv 5" screen\r\n1,2\r\n', newline: '\r\n' },
  ])('line ending: $title', ({ text, newline }) => {
    expect(detectNewline(text, true)).toBe(newline);
  });

  it.each([
    { title: 'names over numbers', rows: [['x', 'y'], ['1', '2'], ['3', '4']], header: true },
    { title: 'numbers over numbers', rows: [['1', '2'], ['3', '4']], header: false },
    { title: 'names over words, names not repeated below', rows: [['name', 'city'], ['ann', 'paris'], ['bob', 'rome']], header: true },
    { title: 'a first row that recurs in its column', rows: [['yes', 'red'], ['no', 'blue'], ['yes', 'red']], header: false },
    { title: 'a numeric first cell over numbers and a word column', rows: [['a', '1'], ['b', '2']], header: false },
    { title: 'names over numbers with missing values', rows: [['x', 'y'], ['NA', '2'], ['3', '']], header: true },
    { title: 'a lone row of names', rows: [['x', 'y']], header: true },
    { title: 'a lone row of numbers', rows: [['1', '2']], header: false },
  ])('header: $title → $header', ({ rows, header }) => {
    expect(detectHeader(rows, false, MISSING)).toBe(header);
  });

  it('a file without a header gets column_1… names and says so', async () => {
    const read = await readAll(textSource('1,2,3\n4,5,6\n'));
    expect(read.layout).toMatchObject({ hasHeader: false, generatedHeader: true, header: ['column_1', 'column_2', 'column_3'] });
    expect(read.rows).toEqual([['1', '2', '3'], ['4', '5', '6']]);
    expect(read.lines).toEqual([1, 2]);
  });

  it('hasHeader: false forces the first row to be data', async () => {
    const read = await readAll(textSource('x,y\n1,2\n'), { hasHeader: false });
    expect(read.header).toEqual(['column_1', 'column_2']);
    expect(read.rows).toEqual([['x', 'y'], ['1', '2']]);
  });

  it('duplicate and empty header names are made unique, each with a warning', async () => {
    const read = await readAll(textSource(' a ,a,,b,a_2\n1,2,3,4,5\n', 'dup.csv'));
    expect(read.header).toEqual(['a', 'a_3', 'column_3', 'b', 'a_2']);
    expect(read.summary.issues.map((i) => i.message)).toEqual([
      'dup.csv: column 2 is named "a" like an earlier column; renamed to "a_3".',
      'dup.csv: column 3 has no name in the header; named "column_3".',
    ]);
  });

  it('a semicolon file with decimal commas imports its numbers', async () => {
    const { table, report } = await importCsvFile(fixture('decimal-comma.csv'));
    expect(report).toMatchObject({ delimiter: ';', decimalComma: true, hasHeader: true, encoding: 'utf-8' });
    expect(table.columns.map((c) => c.name)).toEqual(['Länge', 'Breite', 'Art']);
    expect(Array.from(table.columns[0]?.values ?? [])).toEqual([1.5, 2.75, -3.5]);
    expect(Array.from(table.columns[1]?.values ?? [])).toEqual([0.25, 1, 12.5]);
  });

  it('a semicolon file with decimal points is not a decimal-comma file', async () => {
    const { report, table } = await importCsv(textSource('a;b\n1.5;2\n2.5;3\n'));
    expect(report.decimalComma).toBe(false);
    expect(Array.from(table.columns[0]?.values ?? [])).toEqual([1.5, 2.5]);
  });

  it('CR-only line endings are read', async () => {
    const { table, report } = await importCsvFile(fixture('cr-only.csv'));
    expect(report.rowsRead).toBe(2);
    expect(Array.from(table.columns[1]?.values ?? [])).toEqual([2, 4]);
  });

  it.each(['\n', '\r\n', '\r'])('trailing empty lines are not rows; a blank line inside is counted as skipped (newline %j)', async (nl) => {
    const text = ['a,b', '1,2', '', '3,4', '', '', ''].join(nl);
    const read = await readAll(textSource(text));
    expect(read.rows).toEqual([['1', '2'], ['3', '4']]);
    expect(read.lines).toEqual([2, 4]);
    expect(read.summary.rowsRead).toBe(2);
    expect(read.summary.rowsSkipped).toEqual([{ reason: 'blank-line', count: 1, lines: [3] }]);
  });

  it('a quoted empty cell in a one-column file is a row, not a blank line', async () => {
    const read = await readAll(textSource('v\n1\n""\n3\n'));
    expect(read.rows).toEqual([['1'], [''], ['3']]);
  });

  it('the import report describes what was found', async () => {
    const { report, table } = await importCsv({ kind: 'bytes', name: 'r.csv', bytes: new TextEncoder().encode('\uFEFFx\ty\n1\t2\n') });
    expect(report).toEqual({
      source: 'r.csv', encoding: 'utf-8', encodingConfidence: 1, delimiter: '\t', decimalComma: false, hasHeader: true,
      generatedHeader: false, rowsRead: 1, rowsSkipped: [], issues: report.issues, bytes: 11,
    });
    expect(table.columns.map((c) => c.name)).toEqual(['x', 'y']);
  });
});
