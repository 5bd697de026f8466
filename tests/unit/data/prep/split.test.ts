import { describe, expect, it } from 'vitest';
import type { PrepConfig } from '../../../../core/data/prep/config';
import { splitRows } from '../../../../core/data/prep/split';
import { createRng } from '../../../../core/math/rng';
import { dataErrorOf, tableOf } from './tables';

const labels = [...'aaaaa', ...'bbbbbbbbbb'];
const table = tableOf('flowers.csv', {
  x: labels.map((_, i) => i),
  species: labels,
});
const config: PrepConfig = {
  roles: { x: 'input', species: 'target' },
  task: 'classification',
  split: { train: 0.6, validation: 0.2, test: 0.2, seed: 7 },
};

const countOf = (rows: Uint32Array, label: string): number => Array.from(rows).filter((r) => labels[r] === label).length;

describe('splitRows', () => {
  it('splits each class in proportion when stratified (5 a → 3/1/1, 10 b → 6/2/2)', () => {
    const split = splitRows(table, config);
    expect([countOf(split.train, 'a'), countOf(split.validation, 'a'), countOf(split.test, 'a')]).toEqual([3, 1, 1]);
    expect([countOf(split.train, 'b'), countOf(split.validation, 'b'), countOf(split.test, 'b')]).toEqual([6, 2, 2]);
    expect(split.dropped).toBe(0);
    expect(split.issues).toEqual([]);
  });

  it('uses every kept row exactly once, each split sorted ascending', () => {
    const split = splitRows(table, config);
    const all = [...split.train, ...split.validation, ...split.test].sort((p, q) => p - q);
    expect(all).toEqual(labels.map((_, i) => i));
    for (const rows of [split.train, split.validation, split.test]) expect(Array.from(rows)).toEqual(Array.from(rows).sort((p, q) => p - q));
  });

  it('gives the same split for the same seed, and the default RNG is createRng(seed)', () => {
    const a = splitRows(table, config);
    const b = splitRows(table, config, createRng(7));
    expect(b).toEqual(a);
    const seeds = [1, 2, 3, 4, 5].map((seed) => Array.from(splitRows(table, { ...config, split: { ...config.split, seed } }).test).join());
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });

  it('splits all rows as one group when stratify is false, or for regression', () => {
    const split = splitRows(table, { ...config, stratify: false });
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([9, 3, 3]);
    const regression = tableOf('r.csv', { x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], y: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    const r = splitRows(regression, { roles: { x: 'input', y: 'target' }, task: 'regression', split: { train: 0.7, validation: 0, test: 0.3, seed: 1 } });
    expect([r.train.length, r.validation.length, r.test.length]).toEqual([7, 0, 3]);
  });

  it('gives every class at least one training row', () => {
    const tiny = tableOf('tiny.csv', { x: [1, 2, 3], c: ['a', 'b', 'b'] });
    const split = splitRows(tiny, { roles: { x: 'input', c: 'target' }, task: 'classification', split: { train: 0.2, validation: 0, test: 0.8, seed: 3 } });
    expect(Array.from(split.train)).toContain(0);
  });

  it('drops rows whose target is missing and counts them in a warning', () => {
    const withGaps = tableOf('gaps.csv', { x: [1, 2, 3, 4, 5, 6], y: ['a', null, 'b', null, 'a', 'b'] });
    const split = splitRows(withGaps, { roles: { x: 'input', y: 'target' }, task: 'classification', split: { train: 1, validation: 0, test: 0, seed: 1 } });
    expect(Array.from(split.train)).toEqual([0, 2, 4, 5]);
    expect(split.dropped).toBe(2);
    expect(split.issues).toEqual([
      { code: 'missing-target', severity: 'warning', message: 'Dropped 2 rows of "gaps.csv" whose target "y" is missing.', column: 'y', count: 2 },
    ]);
  });

  it('drops a regression row when any of its targets is missing (singular message)', () => {
    const t = tableOf('two.csv', { x: [1, 2, 3], u: [1, null, 3], v: [1, 2, 3] });
    const split = splitRows(t, { roles: { x: 'input', u: 'target', v: 'target' }, task: 'regression', split: { train: 1, validation: 0, test: 0, seed: 1 } });
    expect(split.issues[0]!.message).toBe('Dropped 1 row of "two.csv" whose target "u" or "v" is missing.');
  });

  it.each([
    ['a negative fraction', { train: 1, validation: -0.2, test: 0.2 }, 'Invalid split: "validation" must be a fraction between 0 and 1, got -0.2.'],
    ['a fraction above 1', { train: 1.5, validation: 0, test: 0 }, 'Invalid split: "train" must be a fraction between 0 and 1, got 1.5.'],
    ['NaN', { train: 0.5, validation: 0.5, test: Number.NaN }, 'Invalid split: "test" must be a fraction between 0 and 1, got NaN.'],
    ['a sum below 1', { train: 0.6, validation: 0.2, test: 0.1 }, 'Invalid split: train + validation + test must add up to 1, got 0.9.'],
    ['no training rows', { train: 0, validation: 0.5, test: 0.5 }, 'Invalid split: the training fraction must be greater than 0, got 0.'],
  ])('refuses %s with the exact message', (_title, fractions, message) => {
    const error = dataErrorOf(() => splitRows(table, { ...config, split: { ...fractions, seed: 1 } }));
    expect(error.code).toBe('invalid-split');
    expect(error.message).toBe(message);
  });

  it('refuses a target column with no values at all', () => {
    const empty = tableOf('empty-target.csv', { x: [1, 2], y: [null, null] });
    const error = dataErrorOf(() => splitRows(empty, { roles: { x: 'input', y: 'target' }, task: 'regression', split: config.split }));
    expect(error.code).toBe('target-missing');
    expect(error.message).toBe('empty-target.csv, column "y": the target column has no values (all 2 cells are missing).');
  });
});

describe('role checks (shared by splitRows and fitPipeline)', () => {
  const t = tableOf('shop.csv', { price: [1, 2, 3], color: ['red', 'blue', 'red'], sold: [0, 1, 1] });
  const base = { split: config.split };
  it.each([
    ['a role for an unknown column', { ...base, roles: { prise: 'input', sold: 'target' }, task: 'regression' }, 'unknown-column',
      'Column "prise" has a role but is not in "shop.csv" (its columns: "price", "color" and "sold").'],
    ['no target', { ...base, roles: { price: 'input' }, task: 'regression' }, 'no-target',
      'shop.csv: no target column is chosen; mark the column to predict as the target.'],
    ['two classification targets', { ...base, roles: { price: 'input', color: 'target', sold: 'target' }, task: 'classification' }, 'several-classification-targets',
      'shop.csv: a classification task needs exactly one target column, but 2 are chosen ("color", "sold"); keep one, or switch the task to regression if they are all numeric.'],
    ['no input', { ...base, roles: { price: 'ignore', sold: 'target' }, task: 'regression' }, 'no-input',
      'shop.csv: no usable input column: every column other than the target is ignored or has no values; mark at least one column as input.'],
    ['a categorical regression target', { ...base, roles: { price: 'input', color: 'target' }, task: 'regression' }, 'target-not-numeric',
      'shop.csv, column "color": regression needs a numeric target, but this column is categorical; switch the task to classification or choose another target.'],
  ] as const)('refuses %s', (_title, cfg, code, message) => {
    const error = dataErrorOf(() => splitRows(t, cfg));
    expect([error.code, error.message]).toEqual([code, message]);
  });

  it('refuses free text without categories as an input', () => {
    const notes = { ...tableOf('notes.csv', { n: [1, 2], y: [0, 1] }) };
    const text = { ...notes.columns[0]!, kind: 'text' as const };
    const error = dataErrorOf(() => splitRows({ ...notes, columns: [text, notes.columns[1]!] }, { roles: { n: 'input', y: 'target' }, task: 'regression', split: config.split }));
    expect(error.message).toBe('Input column "n" of "notes.csv" is free text with no stored categories, so it cannot be encoded; set its role to ignore.');
  });
});
