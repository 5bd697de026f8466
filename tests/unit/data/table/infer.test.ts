import { describe, expect, it } from 'vitest';
import { NUMERIC_DISTINCT_CAP } from '../../../../core/data/infer';
import { DEFAULT_MISSING_TOKENS } from '../../../../core/data/table-builder-contract';
import type { ColumnKind } from '../../../../core/data/table';
import { buildColumn, cells } from './build';

const species = ['setosa', 'versicolor', 'virginica'];

describe('kind inference', () => {
  it.each<[string, string[], ColumnKind]>([
    ['decimals', ['1.5', '2', '-3.25', '4e2'], 'numeric'],
    ['whole numbers', ['1', '2', '30', '-4'], 'integer'],
    ['0/1 (an integer column, not boolean)', ['0', '1', '1', '0'], 'integer'],
    ['whole numbers written with a point', ['1.0', '2.0', '3'], 'integer'],
    ['yes/no in any case', ['yes', 'No', 'YES', 'no'], 'boolean'],
    ['true/false and t/f', ['true', 'F', 'TRUE', 't', 'false'], 'boolean'],
    ['y/n with missing cells', ['y', '', 'n', 'NA'], 'boolean'],
    ['three labels repeated', cells(30, (i) => species[i % 3]!), 'categorical'],
    ['20 distinct labels in 20 rows', cells(20, (i) => `label ${i}`), 'categorical'],
    ['30 distinct labels in 1000 rows (≤ 5 %)', cells(1000, (i) => `label ${i % 30}`), 'categorical'],
    ['21 distinct labels in 21 rows', cells(21, (i) => `label ${i}`), 'text'],
    ['unique identifiers', cells(50, (i) => `id-${i}`), 'text'],
    ['numbers with 15 % text', cells(40, (i) => (i % 7 === 0 ? `n${i}` : String(i))), 'text'],
    ['numbers with labels, few distinct', ['1', '2', 'a', 'b', '1'], 'categorical'],
    ['one repeated string', ['FR', 'FR', ' FR '], 'constant'],
    ['one repeated number', ['5', '5.0', '5'], 'constant'],
    ['one truth value', ['yes', 'Yes'], 'constant'],
    ['nothing but missing cells', ['', 'NA', '?'], 'constant'],
  ])('%s → %s', (_title, column, kind) => {
    expect(buildColumn(column).column.kind).toBe(kind);
  });

  it('stores numbers as Float32 and missing cells as NaN', () => {
    const { column } = buildColumn(['0.1', '', '2.5', 'null']);
    expect(Array.from(column.values)).toEqual([Math.fround(0.1), NaN, 2.5, NaN]);
    expect(column.values).toBeInstanceOf(Float32Array);
  });

  it('stores booleans as 0/1 and keeps the spellings in the dictionary', () => {
    const { column } = buildColumn(['yes', 'No', '', 'Y']);
    expect(Array.from(column.values)).toEqual([1, 0, NaN, 1]);
    expect(column.dictionary).toEqual(['yes', 'No', 'Y']);
    expect(Array.from(column.codes!)).toEqual([0, 1, -1, 2]);
    expect(column.stats.top).toEqual([{ value: 'yes', count: 2 }, { value: 'No', count: 1 }]);
  });

  it('stores categories as dictionary codes in first-seen order, −1 and NaN where missing', () => {
    const { column } = buildColumn(['b', 'a', 'NA', 'b', 'c']);
    expect(column.dictionary).toEqual(['b', 'a', 'c']);
    expect(Array.from(column.codes!)).toEqual([0, 1, -1, 0, 2]);
    expect(Array.from(column.values)).toEqual([0, 1, NaN, 0, 2]);
    expect(column.codes).toBeInstanceOf(Int32Array);
  });
});

describe('decimal comma', () => {
  it('reads 1,5 as 1.5 when the option is on', () => {
    const { column } = buildColumn(['1,5', '-2,25', '3'], { decimalComma: true });
    expect(column.kind).toBe('numeric');
    expect(Array.from(column.values)).toEqual([1.5, -2.25, 3]);
  });

  it('reads 1,5 as a label when the option is off', () => {
    const { column } = buildColumn(['1,5', '-2,25', '3'], { decimalComma: false });
    expect(column.kind).toBe('categorical');
    expect(column.dictionary).toEqual(['1,5', '-2,25', '3']);
  });
});

describe('missing-value tokens', () => {
  const spellings = [...DEFAULT_MISSING_TOKENS, 'na', 'n/a', 'nan', 'NULL', 'Null', '  NA  ', '\t'];
  it.each(spellings)('%j is missing by default', (token) => {
    const { column } = buildColumn(['1', token, '2']);
    expect(column.stats.missing).toBe(1);
    expect(column.stats.invalid).toBe(0);
    expect(column.values[1]).toBeNaN();
  });

  it('uses the configured tokens instead of the defaults', () => {
    const { column, issues } = buildColumn([...cells(40, String), 'n.d.', 'N.D.', 'NA'], { missingTokens: ['n.d.'] });
    expect(column.kind).toBe('integer');
    expect(column.stats).toMatchObject({ count: 40, missing: 2, invalid: 1 });
    expect(issues.map((i) => i.message)).toEqual([
      'sales.csv, column "x": 1 non-numeric cell in a numeric column was read as invalid: line 44: "NA".',
    ]);
  });

  it('treats an empty cell as missing even when the token list leaves it out', () => {
    expect(buildColumn(['1', '', '2'], { missingTokens: ['?'] }).column.stats.missing).toBe(1);
  });
});

describe('warnings', () => {
  it('counts infinite values as invalid, with the first one shown', () => {
    const { column, issues } = buildColumn(['1', 'inf', '2', '-Infinity', '3']);
    expect(column.kind).toBe('integer');
    expect(column.stats).toMatchObject({ count: 3, missing: 0, invalid: 2 });
    expect(issues).toEqual([{
      code: 'infinite-values', severity: 'warning', row: 3, column: 'x', count: 2,
      message: 'sales.csv, column "x": 2 infinite values were read as invalid (first: line 3: "inf").',
    }]);
  });

  it.each([
    ['one', ['1', '2', '1e999'], 'sales.csv, column "x": 1 infinite value was read as invalid (line 4: "1e999").'],
    ['an infinity spelled ∞', ['0.5', '∞', '1.5'], 'sales.csv, column "x": 1 infinite value was read as invalid (line 3: "∞").'],
    ['a number beyond the Float32 range', ['1', '-1e39', '2'],
      'sales.csv, column "x": 1 value beyond the Float32 range (±3.4e38) was read as invalid (line 3: "-1e39").'],
    ['several numbers beyond the Float32 range', ['1.5', '1e300', '2', '4e38'],
      'sales.csv, column "x": 2 values beyond the Float32 range (±3.4e38) were read as invalid (first: line 3: "1e300").'],
  ])('words the infinity warning for %s', (_title, column, message) => {
    expect(buildColumn(column).issues.map((i) => i.message)).toEqual([message]);
  });

  it('keeps a column of nothing but infinities numeric, with no valid value', () => {
    const { column, issues } = buildColumn(['inf', '-inf', 'NA']);
    expect(column.kind).toBe('numeric');
    expect(column.stats).toMatchObject({ count: 0, missing: 1, invalid: 2 });
    expect(issues.map((i) => i.code)).toEqual(['infinite-values']);
  });

  it('writes large counts with thousands separators', () => {
    const column = [...cells(30000, String), ...cells(1200, () => 'n/d')];
    expect(buildColumn(column).issues[0]!.message).toBe(
      'sales.csv, column "x": 1,200 non-numeric cells in a numeric column were read as invalid; the first 5: line 30002: "n/d", line 30003: "n/d", line 30004: "n/d", line 30005: "n/d", line 30006: "n/d".',
    );
  });

  it('lists the non-numeric cells of a numeric column by row', () => {
    const column = cells(100, (i) => String(i / 4));
    column[3] = 'abc';
    column[7] = 'say "hi"';
    const built = buildColumn(column);
    expect(built.column.kind).toBe('numeric');
    expect(built.column.stats).toMatchObject({ count: 98, missing: 0, invalid: 2 });
    expect(built.issues).toEqual([{
      code: 'non-numeric', severity: 'warning', row: 5, column: 'x', count: 2,
      message: 'sales.csv, column "x": 2 non-numeric cells in a numeric column were read as invalid: line 5: "abc", line 9: "say \\"hi\\"".',
    }]);
  });

  it('lists only the first five when there are more, and cuts long cells', () => {
    const column = cells(200, String);
    for (const i of [10, 20, 30, 40, 50, 60, 70]) column[i] = `bad ${i}`;
    column[10] = 'x'.repeat(50);
    expect(buildColumn(column).issues.map((i) => i.message)).toEqual([
      `sales.csv, column "x": 7 non-numeric cells in a numeric column were read as invalid; the first 5: line 12: "${'x'.repeat(40)}…", line 22: "bad 20", line 32: "bad 30", line 42: "bad 40", line 52: "bad 50".`,
    ]);
  });

  it.each([
    ['a constant label', ['FR', 'FR', '', 'FR'],
      'sales.csv, column "x": all 3 present values are "FR"; a constant column carries no information and is ignored by default.'],
    ['a constant number', ['0.1', '0.10', '0.1'],
      'sales.csv, column "x": all 3 present values are 0.1; a constant column carries no information and is ignored by default.'],
    ['a single present value', ['', 'yes', ''],
      'sales.csv, column "x": the only present value is "yes"; a constant column carries no information and is ignored by default.'],
    ['an empty column', ['', 'NA', '-'],
      'sales.csv, column "x": all 3 cells are missing; the column is ignored by default.'],
  ])('warns about %s', (_title, column, message) => {
    expect(buildColumn(column).issues.map((i) => i.message)).toEqual([message]);
  });
});

describe('dictionary cap', () => {
  it('drops the dictionary of a numeric column past the cap and marks the distinct count as capped', () => {
    const { column } = buildColumn(cells(3000, (i) => String(i * 0.5)));
    expect(column.kind).toBe('numeric');
    expect(column.dictionary).toBeNull();
    expect(column.codes).toBeNull();
    expect(column.stats.distinct).toBe(NUMERIC_DISTINCT_CAP + 1);
    expect(column.stats.distinctCapped).toBe(true);
    expect(column.values[2999]).toBe(1499.5);
  });

  it('counts the distinct values of a numeric column under the cap exactly, and keeps only its numbers', () => {
    const { column } = buildColumn(cells(3000, (i) => String(i % 7)));
    expect(column.kind).toBe('integer');
    expect(column.stats).toMatchObject({ distinct: 7, distinctCapped: false });
    expect(column.values[10]).toBe(3);
    expect(column.dictionary).toBeNull();
    expect(column.codes).toBeNull();
  });

  it('counts distinct numbers, not spellings', () => {
    expect(buildColumn(['1', '1.0', '+1', '2']).column.stats.distinct).toBe(2);
  });

  it('keeps every code of a text column past the cap, for the preview', () => {
    const { column } = buildColumn(cells(2500, (i) => `customer ${i}`));
    expect(column.kind).toBe('text');
    expect(column.dictionary).toHaveLength(2500);
    expect(column.dictionary![2499]).toBe('customer 2499');
    expect(column.codes![2499]).toBe(2499);
    expect(column.stats).toMatchObject({ count: 2500, distinct: 2500, distinctCapped: false });
  });

  it('reads a column whose text arrives late as text, its numbers kept as labels in first-seen order', () => {
    const column = [...cells(1500, String), ...cells(500, (i) => `late ${i}`)];
    const { column: built } = buildColumn(column);
    expect(built.kind).toBe('text');
    expect(built.stats).toMatchObject({ count: 2000, invalid: 0, distinct: 2000 });
    expect(built.dictionary![0]).toBe('0');
    expect(built.dictionary![1500]).toBe('late 0');
    expect(built.codes![1501]).toBe(1501);
  });
});
