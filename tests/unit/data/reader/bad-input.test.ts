import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../../core/data/csv-messages';
import { importCsv } from '../../../../core/data/import';
import { importCsvFile } from '../../../../core/data/source.node';
import type { CsvSource } from '../../../../core/data/source';
import { bytesSource, dataError, readAll, textSource, utf8 } from './read-helpers';

const fixture = (name: string): string => join(import.meta.dirname, '../../../fixtures/csv', name);

describe('bad input: each refused with the exact message the user reads', () => {
  it.each([
    { file: 'empty.csv', code: 'empty-file', message: 'empty.csv is empty: it has no rows to import.' },
    { file: 'blank-lines-only.csv', code: 'empty-file', message: 'blank-lines-only.csv is empty: it has no rows to import.' },
    { file: 'header-only.csv', code: 'header-only', message: 'header-only.csv has a header row (line 1, 3 columns) but no data rows below it.' },
    {
      file: 'ragged.csv',
      code: 'ragged-rows',
      message:
        'ragged.csv: 6 rows do not have 3 fields like the header (lines 3 (2 fields), 5 (4 fields), 6 (1 field), 8 (2 fields),' +
        ' 9 (4 fields), …). Fix them or choose to skip ragged rows.',
    },
    {
      file: 'binary.png',
      code: 'not-text',
      message: 'binary.png is not a text file: it contains binary data (a zero byte at offset 8). Choose a CSV file.',
    },
  ])('$file → $code', async ({ file, code, message }) => {
    const error = await dataError(importCsvFile(fixture(file)));
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(error.issue.severity).toBe('error');
  });

  it('ragged rows: the error carries the count and the first line', async () => {
    const error = await dataError(importCsvFile(fixture('ragged.csv')));
    expect(error.issue).toMatchObject({ count: 6, row: 3 });
  });

  it('ragged rows can be skipped: dropped, counted in the report, and listed in a warning', async () => {
    const { table, report } = await importCsvFile(fixture('ragged.csv'), { onRaggedRows: 'skip' });
    expect(table.rows).toBe(3);
    expect(report.rowsRead).toBe(3);
    expect(report.rowsSkipped).toEqual([{ reason: 'ragged-row', count: 6, lines: [3, 5, 6, 8, 9] }]);
    expect(report.issues.filter((i) => i.code === 'ragged-rows-skipped').map((i) => i.message)).toEqual([
      'ragged.csv: skipped 6 rows without 3 fields (lines 3 (2 fields), 5 (4 fields), 6 (1 field), 8 (2 fields), 9 (4 fields), …).',
    ]);
  });

  it.each([
    {
      title: 'one ragged row (singular wording)',
      text: 'a,b\n1,2\n3\n',
      message: 'one.csv: 1 row does not have 2 fields like the header (line 3 (1 field)). Fix it or choose to skip ragged rows.',
    },
    {
      title: 'a generated header: rows are compared with the first row',
      text: '1,2\n3,4,5\n6,7\n',
      message: 'one.csv: 1 row does not have 2 fields like the first row (line 2 (3 fields)). Fix it or choose to skip ragged rows.',
    },
    {
      title: 'a one-column header over delimited rows',
      text: 'name\n1,2,3\n4,5,6\n',
      message:
        'one.csv: the header (line 1) has 1 column but no data row matches it (line 2 has 3 fields); check the delimiter and the header line.',
    },
    {
      title: 'an unclosed quote',
      text: 'a,b\n1,2\n3,"oops\n4,5\n',
      message:
        'one.csv: the quoted field starting on line 3 is never closed, so the rest of the file would be read as one cell;' +
        ' check for a stray " on that line.',
    },
    {
      title: 'control characters',
      text: `a,b\n${'\u0001\u0002,\u0003\n'.repeat(10)}`,
      message: 'one.csv is not a text file: 56% of its first 54 characters are control characters. Choose a CSV file.',
    },
  ])('$title', async ({ text, message }) => {
    const error = await dataError(importCsv(textSource(text, 'one.csv')));
    expect(error.message).toBe(message);
  });

  it('a row that never ends (an open quote in a huge file) is refused once it passes 32 MB, not held to the end', async () => {
    const text = `a,b\n1,2\n3,"open${'x'.repeat(33 * 1024 * 1024)}`;
    const error = await dataError(importCsv(textSource(text, 'open.csv')));
    expect(error.code).toBe('row-too-long');
    expect(error.message).toBe(
      'open.csv: the row starting on line 3 is longer than 32 MB of text; a quoted field is probably not closed (check for a stray " on that line).',
    );
  });

  it('a file over the size limit is refused before reading, naming its size and the limit', async () => {
    const error = await dataError(importCsv(bytesSource(new Uint8Array(3 * 1024 * 1024 + 512), 'big.csv'), { maxBytes: 2 * 1024 * 1024 }));
    expect(error.code).toBe('too-large');
    expect(error.message).toBe('big.csv is 3.0 MB, over the import limit of 2 MB.');
  });

  it('a stream of unknown size stops at the limit', async () => {
    let chunksRead = 0;
    const source: CsvSource = {
      kind: 'stream',
      name: 'pipe.csv',
      size: null,
      async *open() {
        for (;;) {
          chunksRead += 1;
          yield utf8('1,2,3\n'.repeat(100));
        }
      },
    };
    const error = await dataError(importCsv(source, { maxBytes: 4096 }));
    expect(error.code).toBe('too-large');
    expect(error.message).toBe('pipe.csv is larger than the import limit of 4 KB (reading stopped there).');
    expect(chunksRead).toBeLessThan(10);
  });

  it.each([
    [0, '0 bytes'], [1, '1 byte'], [1023, '1,023 bytes'], [1024, '1 KB'], [1536, '1.5 KB'],
    [150 * 1024 * 1024, '150 MB'], [1024 ** 3, '1 GB'], [1.5 * 1024 ** 3, '1.5 GB'],
  ])('formatBytes(%i) = %s', (bytes, shown) => {
    expect(formatBytes(bytes)).toBe(shown);
  });

  it('the binary fixture is refused whichever way it arrives', async () => {
    const bytes = new Uint8Array(readFileSync(fixture('binary.png')));
    expect((await dataError(readAll(bytesSource(bytes, 'binary.png'), { chunkSize: 3 }))).code).toBe('not-text');
    expect((await dataError(readAll({ kind: 'blob', name: 'binary.png', blob: new Blob([bytes]) }))).code).toBe('not-text');
  });
});
