import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { penguinsJsonToCsv } from '../../../examples/scripts/penguins';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
const PENGUINS_JSON = fileURLToPath(new URL('../../../node_modules/vega-datasets/data/penguins.json', import.meta.url));

/** Splits CSV text into records of fields (RFC 4180 quoting, LF or CRLF line ends, optional final line end). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field); records.push(record); record = []; field = '';
    } else field += c;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || record.length > 0) { record.push(field); records.push(record); }
  return records;
}

/** The README table: file → documented data rows and columns. */
function readmeTable(): Map<string, { rows: number; columns: number }> {
  const table = new Map<string, { rows: number; columns: number }>();
  for (const line of readFileSync(`${EXAMPLES}README.md`, 'utf8').split('\n')) {
    const m = /^\| `([^`]+\.csv)` \| (\d+) \| (\d+) \|/.exec(line);
    if (m) table.set(m[1]!, { rows: Number(m[2]), columns: Number(m[3]) });
  }
  return table;
}

const csvFiles = readdirSync(EXAMPLES).filter((f) => f.endsWith('.csv')).sort();
const documented = readmeTable();

describe('examples/', () => {
  it('documents exactly the CSV files present, iris and penguins among them', () => {
    expect([...documented.keys()].sort()).toEqual(csvFiles);
    expect(csvFiles).toEqual(expect.arrayContaining(['iris.csv', 'penguins.csv']));
  });

  it.each(csvFiles)('%s has a header, the same field count on every row, and the documented shape', (file) => {
    const records = parseCsv(readFileSync(`${EXAMPLES}${file}`, 'utf8'));
    const [header, ...rows] = records;
    expect(header, `${file} is empty`).toBeDefined();
    expect(header!.every((name) => name.trim() !== ''), `${file}: blank column name`).toBe(true);
    expect(new Set(header).size, `${file}: duplicate column names`).toBe(header!.length);
    rows.forEach((row, i) => {
      expect(row.length, `${file} line ${i + 2}: ${row.length} fields, header has ${header!.length}`).toBe(header!.length);
    });
    expect({ rows: rows.length, columns: header!.length }).toEqual(documented.get(file));
  });
});

describe('penguins.csv', () => {
  it('is exactly what examples/scripts/penguins-to-csv.ts writes from vega-datasets', () => {
    const expected = penguinsJsonToCsv(JSON.parse(readFileSync(PENGUINS_JSON, 'utf8')));
    expect(readFileSync(`${EXAMPLES}penguins.csv`, 'utf8')).toBe(expected);
  });

  it('keeps rows with missing values as empty cells: 2 without measurements, 11 without sex', () => {
    const [header, ...rows] = parseCsv(readFileSync(`${EXAMPLES}penguins.csv`, 'utf8'));
    const col = (name: string): number => header!.indexOf(name);
    expect(rows.filter((r) => r[col('body_mass_g')] === '')).toHaveLength(2);
    expect(rows.filter((r) => r[col('sex')] === '')).toHaveLength(11);
    expect(new Set(rows.map((r) => r[col('sex')]))).toEqual(new Set(['male', 'female', '']));
  });

  it.each([
    ['a non-array', { a: 1 }, 'penguins.json: expected an array of records, got object'],
    ['a null record', [null], 'penguins.json record 0: expected an object, got null'],
    [
      'a text measurement',
      [{ Species: 'Adelie', Island: 'Dream', 'Beak Length (mm)': '39' }],
      'penguins.json record 0, field "Beak Length (mm)": expected number or null, got "39"',
    ],
  ])('rejects %s with a message naming the record and field', (_case, input, message) => {
    expect(() => penguinsJsonToCsv(input)).toThrow(new Error(message));
  });
});

describe('parseCsv (test helper)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"\nthere']]);
  });
});
