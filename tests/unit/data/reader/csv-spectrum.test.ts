import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource, readAll } from './read-helpers';

/** The csv-spectrum corpus: CSV edge cases, each with the rows it should parse to. */
const root = dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));
const names = readdirSync(join(root, 'csvs')).map((f) => f.replace(/\.csv$/, '')).sort();
/**
 * `location_coordinates.json` is wrong: its "Contact Phone Number" is
 * 1234567890 while the CSV says 2095257564, and it is a bare object rather
 * than an array of rows. It is checked below against what the CSV really holds.
 */
const WRONG_EXPECTATION = 'location_coordinates';
const CHUNK_SIZES = [1 << 20, 1, 3, 16];

const cases = names
  .filter((name) => name !== WRONG_EXPECTATION)
  .flatMap((name) => CHUNK_SIZES.map((chunkSize) => ({ name, chunkSize })));

describe('csv-spectrum corpus', () => {
  it('still holds the fixtures this test knows about', () => {
    expect(names).toContain(WRONG_EXPECTATION);
    expect(names.length).toBe(12);
  });

  it.each(cases)('$name.csv (read $chunkSize bytes at a time) parses to its expected rows', async ({ name, chunkSize }) => {
    const bytes = new Uint8Array(readFileSync(join(root, 'csvs', `${name}.csv`)));
    const expected = JSON.parse(readFileSync(join(root, 'json', `${name}.json`), 'utf8')) as Record<string, string>[];
    const read = await readAll(bytesSource(bytes, `${name}.csv`), { chunkSize });
    expect(read.layout.hasHeader).toBe(true);
    expect(read.layout.delimiter).toBe(',');
    expect(read.header).toEqual(Object.keys(expected[0] ?? {}));
    expect(read.rows).toEqual(expected.map((row) => Object.values(row)));
    expect(read.summary.issues).toEqual([]);
  });

  it.each(CHUNK_SIZES)('location_coordinates.csv (read %i bytes at a time) keeps the phone number and the U+FFFD the file contains', async (chunkSize) => {
    const bytes = new Uint8Array(readFileSync(join(root, 'csvs', `${WRONG_EXPECTATION}.csv`)));
    const wrong = JSON.parse(readFileSync(join(root, 'json', `${WRONG_EXPECTATION}.json`), 'utf8')) as Record<string, string>;
    const read = await readAll(bytesSource(bytes, 'location_coordinates.csv'), { chunkSize });
    expect(read.header).toEqual(Object.keys(wrong));
    expect(read.rows).toEqual([['2095257564', '37\uFFFD36\'37.8"N 121\uFFFD2\'17.9"W', 'Modesto', 'Stanislaus']]);
    // The only disagreement with the corpus's JSON is the phone number it got wrong.
    expect(read.rows[0]?.[0]).not.toBe(wrong['Contact Phone Number']);
    expect(read.rows[0]?.slice(1)).toEqual(Object.values(wrong).slice(1));
    // The U+FFFD characters are in the file's bytes (EF BF BD): not decoding errors.
    expect(read.summary.encoding).toBe('utf-8');
    expect(read.summary.issues).toEqual([]);
  });
});
