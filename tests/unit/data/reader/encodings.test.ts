import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { importCsvFile } from '../../../../core/data/source.node';
import { dataError, bytesSource, readAll } from './read-helpers';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/csv');
const fixture = (name: string): string => join(FIXTURES, name);

describe('encodings', () => {
  it.each([
    { file: 'gbk-chinese-headers.csv', encoding: 'gb18030', header: ['姓名', '年龄', '城市', '月收入'], first: ['张三', '25', '北京', '8500.5'] },
    { file: 'windows-1252.csv', encoding: 'windows-1252', header: ['name', 'price', 'note'], first: ['café', '3.50', '€ per cup'] },
    { file: 'utf8-bom.csv', encoding: 'utf-8', header: ['id', 'label'], first: ['1', 'α'] },
    { file: 'utf16le-bom.csv', encoding: 'utf-16le', header: ['id', '名前'], first: ['1', 'テスト'] },
    { file: 'utf16be-bom.csv', encoding: 'utf-16be', header: ['id', '名前'], first: ['1', 'テスト'] },
  ])('$file is detected as $encoding and decoded (header and first row)', async ({ file, encoding, header, first }) => {
    for (const chunkSize of [1 << 20, 1, 5]) {
      const read = await readAll(bytesSource(new Uint8Array(readFileSync(fixture(file))), file), { chunkSize });
      expect(read.summary.encoding).toBe(encoding);
      expect(read.header).toEqual(header);
      expect(read.rows[0]).toEqual(first);
      expect(read.summary.issues).toEqual([]);
    }
  });

  it('a GBK file imports with its Chinese column names and numbers through the Node file source', async () => {
    const { table, report } = await importCsvFile(fixture('gbk-chinese-headers.csv'));
    expect(report.encoding).toBe('gb18030');
    expect(report.encodingConfidence).toBeGreaterThan(0.5);
    expect(table.columns.map((c) => c.name)).toEqual(['姓名', '年龄', '城市', '月收入']);
    expect(Array.from(table.columns[1]?.values ?? [])).toEqual([25, 30, 28, 35, 41]);
    expect(table.columns[2]?.dictionary?.slice(0, 2)).toEqual(['北京', '上海']);
  });

  it('the remaining Windows-1252 rows keep curly quotes, ü, ã and ñ', async () => {
    const read = await readAll(bytesSource(new Uint8Array(readFileSync(fixture('windows-1252.csv'))), 'windows-1252.csv'));
    expect(read.rows.map((r) => r[0])).toEqual(['café', 'crème brûlée', 'naïve tart', 'Müller Brot', 'São Paulo mix']);
    expect(read.rows[2]?.[2]).toBe('“fresh” each day');
    expect(read.rows[4]?.[2]).toBe('señor’s choice');
  });

  it('the user can override the encoding (a GBK file read as windows-1252 shows mojibake, not an error)', async () => {
    const bytes = new Uint8Array(readFileSync(fixture('gbk-chinese-headers.csv')));
    const read = await readAll(bytesSource(bytes, 'gbk.csv'), { encoding: 'windows-1252' });
    expect(read.summary.encoding).toBe('windows-1252');
    expect(read.summary.encodingConfidence).toBe(1);
    expect(read.header[0]).toBe(iconv.decode(iconv.encode('姓名', 'gbk'), 'win1252'));
  });

  it('multi-byte characters split across many tiny chunks after the 64 KB sniffing window decode intact', async () => {
    const rows = Array.from({ length: 4000 }, (_, i) => `${i},北京市朝阳区${i},😀é`);
    const text = `id,地址,mark\n${rows.join('\n')}\n`;
    for (const encoding of ['utf-8', 'gbk'] as const) {
      const bytes = encoding === 'utf-8' ? new TextEncoder().encode(text) : new Uint8Array(iconv.encode(text.replaceAll('😀', ''), 'gbk'));
      expect(bytes.length).toBeGreaterThan(64 * 1024);
      const read = await readAll(bytesSource(bytes, `${encoding}.csv`), { chunkSize: 7 });
      expect(read.rows.length).toBe(4000);
      expect(read.rows[3999]).toEqual(['3999', '北京市朝阳区3999', encoding === 'utf-8' ? '😀é' : 'é']);
      expect(read.summary.issues).toEqual([]);
    }
  });

  it.each([
    { title: 'Shift_JIS with kana', encoding: 'shift_jis', text: '名前,メモ\n田中太郎,よろしくお願いします\n鈴木花子,ありがとうございます\n' },
    { title: 'Shift_JIS with kanji only', encoding: 'shift_jis', text: `名前,年齢,都市\n${'田中太郎,25,東京\n鈴木花子,30,大阪\n'.repeat(20)}` },
    { title: 'EUC-KR', encoding: 'euc-kr', text: '이름,나이,도시\n김철수,25,서울\n이영희,30,부산\n박민수,28,대구\n' },
  ])('$title is detected as $encoding', async ({ encoding, text }) => {
    const read = await readAll(bytesSource(new Uint8Array(iconv.encode(text, encoding)), 'cjk.csv'));
    expect(read.summary.encoding).toBe(encoding);
    expect(read.header).toEqual(text.split('\n')[0]?.split(','));
  });

  it('UTF-16 without a BOM is recognised from its zero bytes', async () => {
    const bytes = new Uint8Array(Buffer.from('a,b\n1,2\n', 'utf16le'));
    const read = await readAll(bytesSource(bytes, 'u16.csv'));
    expect(read.summary.encoding).toBe('utf-16le');
    expect(read.rows).toEqual([['1', '2']]);
  });

  it('UTF-8 with a few invalid bytes after the sniffed start warns how many were replaced', async () => {
    const start = new TextEncoder().encode(`x,y\n${'1,2\n'.repeat(20000)}`);
    const bad = Uint8Array.from([...start, 0x33, 0x2c, 0xe9, 0x0a, 0x34, 0x2c, 0xff, 0x0a]);
    const read = await readAll(bytesSource(bad, 'late.csv'));
    expect(read.summary.encoding).toBe('utf-8');
    expect(read.summary.issues.map((i) => i.message)).toEqual([
      'late.csv: 2 byte sequences could not be read as utf-8 and became "\uFFFD"; if text looks wrong, choose the file\'s encoding.',
    ]);
  });

  it('an encoding TextDecoder lacks (UTF-32) is decoded by iconv-lite in the Node adapter', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = join(mkdtempSync(join(tmpdir(), 'csv-')), 'u32.csv');
    writeFileSync(path, iconv.encode('a,b\n1,2\n', 'utf32le'));
    const { report, table } = await importCsvFile(path, { encoding: 'utf-32le' });
    expect(report.encoding).toBe('utf-32le');
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('an unknown encoding label is refused with a message', async () => {
    const error = await dataError(readAll(bytesSource(new TextEncoder().encode('a\n1\n'), 'x.csv'), { encoding: 'klingon-8' }));
    expect(error.code).toBe('unknown-encoding');
    expect(error.message).toBe('x.csv: the encoding "klingon-8" is not supported; try utf-8, utf-16le, gb18030, shift_jis or windows-1252.');
  });
});
