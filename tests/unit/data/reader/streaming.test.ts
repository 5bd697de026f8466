import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../../core/data/csv-reader';
import { importCsv } from '../../../../core/data/import';
import type { CsvSource } from '../../../../core/data/source';
import { fileSource } from '../../../../core/data/source.node';
import { bytesSource, dataError, readAll, textSource, utf8 } from './read-helpers';

const fixture = (name: string): string => join(import.meta.dirname, '../../../fixtures/csv', name);

const QUOTED_ROWS = [
  ['1', 'first line\nsecond line', '3'],
  ['2', 'with "quotes", a comma\r\nand CRLF', '4'],
  ['3', 'plain', '5'],
];

/** A numeric CSV of about `rows` × 22 bytes. */
function bigCsv(rows: number): string {
  const lines = ['a,b,c'];
  for (let i = 0; i < rows; i += 1) lines.push(`${i},${(i * 0.5).toFixed(1)},${i % 7}`);
  return `${lines.join('\n')}\n`;
}

describe('streaming', () => {
  const bytes = new Uint8Array(readFileSync(fixture('quoted-newlines.csv')));
  it.each([1, 2, 3, 5, 8, 13, 64, 1 << 20])('quoted line breaks split across %i-byte chunks come out whole, with their start lines', async (chunkSize) => {
    for (const source of [bytesSource(bytes, 'q.csv'), textSource(new TextDecoder().decode(bytes), 'q.csv')]) {
      const read = await readAll(source, { chunkSize });
      expect(read.header).toEqual(['id', 'comment', 'score']);
      expect(read.rows).toEqual(QUOTED_ROWS);
      expect(read.lines).toEqual([2, 4, 6]);
    }
  });

  it('a quoted field longer than many chunks is read in one piece', async () => {
    const long = 'x'.repeat(200_000).replace(/x{1000}/g, (m) => `${m}\n`);
    const read = await readAll(textSource(`a,b\n1,"${long}"\n2,3\n`), { chunkSize: 4096 });
    expect(read.rows).toEqual([['1', long], ['2', '3']]);
    expect(read.lines).toEqual([2, 203]);
  });

  it.each<[string, (text: string) => CsvSource]>([
    ['bytes', (t) => bytesSource(utf8(t), 'big.csv')],
    ['blob', (t) => ({ kind: 'blob', name: 'big.csv', blob: new Blob([utf8(t)]) })],
    ['text', (t) => textSource(t, 'big.csv')],
  ])('progress from a %s source rises monotonically and ends at the total size', async (_kind, make) => {
    const text = bigCsv(20_000);
    const source = make(text);
    const events: ImportProgress[] = [];
    const { report } = await importCsv(source, { chunkSize: 32 * 1024 }, { onProgress: (p) => events.push(p) });
    const total = source.kind === 'text' ? text.length : utf8(text).length;
    expect(events.length).toBeGreaterThan(5);
    for (let i = 1; i < events.length; i += 1) {
      expect(events[i]!.bytesRead).toBeGreaterThanOrEqual(events[i - 1]!.bytesRead);
      expect(events[i]!.rows).toBeGreaterThanOrEqual(events[i - 1]!.rows);
    }
    expect(events.every((e) => e.totalBytes === total)).toBe(true);
    expect(events.at(-1)).toEqual({ bytesRead: total, totalBytes: total, rows: 20_000 });
    expect(report.bytes).toBe(total);
    expect(report.rowsRead).toBe(20_000);
  });

  it('a Node file is read in chunks through the file source, with progress to its size', async () => {
    const source = await fileSource(fixture('quoted-newlines.csv'), 10);
    expect(source).toMatchObject({ kind: 'stream', name: 'quoted-newlines.csv', size: bytes.length });
    const events: ImportProgress[] = [];
    const read = await readAll(source, {}, { onProgress: (p) => events.push(p) });
    expect(read.rows).toEqual(QUOTED_ROWS);
    expect(events.at(-1)).toEqual({ bytesRead: bytes.length, totalBytes: bytes.length, rows: 3 });
  });

  describe('cancellation', () => {
    it('an already aborted signal stops before reading', async () => {
      const error = await dataError(importCsv(textSource('a\n1\n'), {}, { signal: AbortSignal.abort() }));
      expect(error.code).toBe('cancelled');
      expect(error.message).toBe('Import of data.csv was cancelled.');
    });

    it('aborting during the import stops at the next chunk', async () => {
      const controller = new AbortController();
      const events: ImportProgress[] = [];
      const error = await dataError(importCsv(bytesSource(utf8(bigCsv(50_000)), 'big.csv'), { chunkSize: 16 * 1024 }, {
        signal: controller.signal,
        onProgress: (p) => {
          events.push(p);
          if (events.length === 3) controller.abort();
        },
      }));
      expect(error.message).toBe('Import of big.csv was cancelled.');
      expect(events.length).toBe(3);
    });

    it('an abort from a timer gets in while an in-memory source is being read', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 5);
      const started = performance.now();
      let last: ImportProgress | null = null;
      const error = await dataError(importCsv(bytesSource(utf8(bigCsv(400_000)), 'huge.csv'), { chunkSize: 64 * 1024 }, {
        signal: controller.signal,
        onProgress: (p) => { last = p; },
      }));
      expect(error.code).toBe('cancelled');
      expect(performance.now() - started).toBeLessThan(2000);
      expect((last as ImportProgress | null)?.rows ?? 0).toBeLessThan(400_000);
    });

    it('cancelling ends the source\'s iterator, so a Node file handle is closed', async () => {
      const controller = new AbortController();
      let finished = false;
      const source: CsvSource = {
        kind: 'stream',
        name: 'pipe.csv',
        size: null,
        async *open() {
          try {
            yield utf8('a,b\n');
            for (;;) yield utf8('1,2\n'.repeat(1000));
          } finally {
            finished = true;
          }
        },
      };
      let seen = 0;
      const error = await dataError(importCsv(source, { chunkSize: 1024 }, {
        signal: controller.signal,
        onProgress: () => { if (++seen === 100) controller.abort(); },
      }));
      expect(error.code).toBe('cancelled');
      expect(finished).toBe(true);
    });
  });
});
