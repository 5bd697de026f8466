import { describe, expect, it } from 'vitest';
import type { PrepConfig } from '../../../../core/data/prep/config';
import type { NumericInputFile } from '../../../../core/data/prep/file-schema';
import { fitPipeline } from '../../../../core/data/prep/fit-pipeline';
import { splitRows } from '../../../../core/data/prep/split';
import { transform } from '../../../../core/data/prep/transform';
import { toRows } from '../../../../core/math/matrix';
import { expectClose } from '../../../helpers/close';
import { allRows, dataErrorOf, tableOf } from './tables';

const split = { train: 1, validation: 0, test: 0, seed: 1 };
const regression = (roles: PrepConfig['roles'], extra: Partial<PrepConfig> = {}): PrepConfig => ({ roles, task: 'regression', split, ...extra });
const numericEncoder = (config: PrepConfig, table: ReturnType<typeof tableOf>, rows: Uint32Array): NumericInputFile => {
  const encoder = fitPipeline(table, config, rows).state.inputs[0]!;
  if (encoder.kind !== 'numeric') throw new Error('expected a numeric encoder');
  return encoder;
};

describe('fitPipeline: numeric inputs', () => {
  // Rows 4 and 5 are far away: if they leaked into the fit, mean and std would change a lot.
  const table = tableOf('leak.csv', { x: [1, 2, 3, 4, 100, 200], y: [1, 2, 3, 4, 5, 6] });
  const trainRows = Uint32Array.from([0, 1, 2, 3]);

  it('standardizes with the mean and population std of the training rows only', () => {
    const e = numericEncoder(regression({ x: 'input', y: 'target' }), table, trainRows);
    expect([e.scaling, e.center, e.scale]).toEqual(['standardize', 2.5, Math.sqrt(1.25)]);
    const { x } = transform(fitPipeline(table, regression({ x: 'input', y: 'target' }), trainRows), table, allRows(6));
    expectClose(x.data[4]!, (100 - 2.5) / Math.sqrt(1.25), 1e-4);
  });

  it('fits on splitRows(...).train only: a split whose test rows hold the outliers', () => {
    const config = regression({ x: 'input', y: 'target' }, { split: { train: 0.5, validation: 0, test: 0.5, seed: 4 } });
    const rows = splitRows(table, config).train;
    const values = Array.from(rows, (r) => [1, 2, 3, 4, 100, 200][r]!);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expectClose(numericEncoder(config, table, rows).center, mean, 1e-12);
  });

  it.each([
    ['minmax', [2, 4, 6], 2, 4, [0, 0.5, 1]],
    ['none', [2, 4, 6], 0, 1, [2, 4, 6]],
    ['standardize of a constant column (scale 1)', [5, 5, 5], 5, 1, [0, 0, 0]],
    ['minmax of a constant column (scale 1)', [5, 5, 5], 5, 1, [0, 0, 0]],
  ] as const)('%s', (title, cells, center, scale, expected) => {
    const scaling = title.startsWith('minmax') ? 'minmax' : title === 'none' ? 'none' : 'standardize';
    const t = tableOf('s.csv', { x: cells, y: [1, 2, 3] });
    const config = regression({ x: 'input', y: 'target' }, { scaling: { x: scaling } });
    const e = numericEncoder(config, t, allRows(3));
    expect([e.center, e.scale]).toEqual([center, scale]);
    expect(Array.from(transform(fitPipeline(t, config, allRows(3)), t, allRows(3)).x.data)).toEqual(expected);
  });

  it.each([
    ['mean', 13 / 3],
    ['median', 2],
  ] as const)('fills a missing value with the training %s (computed before scaling)', (imputation, fill) => {
    const t = tableOf('gaps.csv', { x: [1, 2, 10, null], y: [1, 2, 3, 4] });
    const config = regression({ x: 'input', y: 'target' }, { imputation, defaultScaling: 'none' });
    const pipeline = fitPipeline(t, config, allRows(4));
    expect(pipeline.state.inputs[0]).toMatchObject({ imputation, fill });
    expect(transform(pipeline, t, allRows(4)).x.data[3]).toBe(Math.fround(fill));
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    const t = tableOf('even.csv', { x: [4, 1, 3, 2, null], y: [1, 2, 3, 4, 5] });
    expect(numericEncoder(regression({ x: 'input', y: 'target' }, { imputation: 'median' }), t, allRows(5)).fill).toBe(2.5);
  });

  it('adds a "(missing)" indicator column after the value when asked', () => {
    const t = tableOf('gaps.csv', { age: [20, null, 40], y: [1, 2, 3] });
    const pipeline = fitPipeline(t, regression({ age: 'input', y: 'target' }, { missingIndicator: true, defaultScaling: 'none' }), allRows(3));
    expect(pipeline.state.featureNames).toEqual(['age', 'age (missing)']);
    expect(toRows(transform(pipeline, t, allRows(3)).x)).toEqual([[20, 0], [30, 1], [40, 0]]);
  });

  it('refuses a numeric input with no value in the training rows', () => {
    const t = tableOf('t.csv', { x: [null, null, 3], y: [1, 2, 3] });
    const error = dataErrorOf(() => fitPipeline(t, regression({ x: 'input', y: 'target' }), Uint32Array.from([0, 1])));
    expect([error.code, error.message]).toEqual([
      'empty-input',
      'Input column "x" of "t.csv" has no values in the training rows, so its missing values cannot be filled; set its role to ignore.',
    ]);
  });

  it('refuses an empty training split', () => {
    const t = tableOf('t.csv', { x: [1, 2], y: [1, 2] });
    const error = dataErrorOf(() => fitPipeline(t, regression({ x: 'input', y: 'target' }), new Uint32Array(0)));
    expect([error.code, error.message]).toEqual(['no-training-rows', 'No training rows in "t.csv": the training split is empty.']);
  });
});

describe('fitPipeline: categorical inputs', () => {
  const t = tableOf('shop.csv', { color: ['red', 'blue', 'red', 'green', null, 'green'], y: [1, 2, 3, 4, 5, 6] });
  const config = regression({ color: 'input', y: 'target' });
  const pipeline = fitPipeline(t, config, Uint32Array.from([0, 1, 2]));

  it('one-hot encodes the training categories in dictionary order', () => {
    expect(pipeline.state.inputs[0]).toEqual({ kind: 'one-hot', column: 'color', categories: ['red', 'blue'] });
    expect(pipeline.state.featureNames).toEqual(['color=red', 'color=blue']);
  });

  it('maps an unseen category to all zeros and reports it; a missing one to zeros silently', () => {
    const { x, issues } = transform(pipeline, t, allRows(6));
    expect(toRows(x)).toEqual([[1, 0], [0, 1], [1, 0], [0, 0], [0, 0], [0, 0]]);
    expect(issues).toEqual([{
      code: 'unseen-category',
      severity: 'warning',
      message: 'Column "color" in "shop.csv" has 2 values not seen in training ("green"); they were encoded as all zeros.',
      column: 'color',
      count: 2,
    }]);
    expect(transform(pipeline, t, Uint32Array.from([3])).issues[0]!.message)
      .toBe('Column "color" in "shop.csv" has 1 value not seen in training ("green"); it was encoded as all zeros.');
  });
});

describe('fitPipeline: classification targets', () => {
  const t = tableOf('pets.csv', { w: [1, 2, 3, 4, 5, 6], kind: ['cat', 'dog', 'cat', 'dog', 'bird', 'cat'] });
  const cls = (extra: Partial<PrepConfig> = {}): PrepConfig => ({ roles: { w: 'input', kind: 'target' }, task: 'classification', split, ...extra });

  it('defaults two classes to one 0/1 column, the second label being 1', () => {
    const pipeline = fitPipeline(t, cls(), Uint32Array.from([0, 1, 2, 3]));
    expect(pipeline.state.target).toEqual({ kind: 'classes', column: 'kind', labels: ['cat', 'dog'], encoding: 'single' });
    expect(pipeline.state.outputNames).toEqual(['kind=dog']);
    expect(Array.from(transform(pipeline, t, Uint32Array.from([0, 1, 2, 3])).y.data)).toEqual([0, 1, 0, 1]);
  });

  it('writes two classes as two one-hot columns when asked', () => {
    const pipeline = fitPipeline(t, cls({ binaryEncoding: 'one-hot' }), Uint32Array.from([0, 1]));
    expect(pipeline.state.outputNames).toEqual(['kind=cat', 'kind=dog']);
    expect(toRows(transform(pipeline, t, Uint32Array.from([0, 1])).y)).toEqual([[1, 0], [0, 1]]);
  });

  it('one-hot encodes three or more classes, whatever binaryEncoding says', () => {
    const pipeline = fitPipeline(t, cls({ binaryEncoding: 'single' }), allRows(6));
    expect(pipeline.state.target).toMatchObject({ labels: ['cat', 'dog', 'bird'], encoding: 'one-hot' });
    expect(toRows(transform(pipeline, t, Uint32Array.from([4, 5])).y)).toEqual([[0, 0, 1], [1, 0, 0]]);
  });

  it('labels a numeric target by its values, in ascending order', () => {
    const n = tableOf('digits.csv', { w: [1, 2, 3], digit: [10, 2, 1] });
    const pipeline = fitPipeline(n, { roles: { w: 'input', digit: 'target' }, task: 'classification', split }, allRows(3));
    expect(pipeline.state.target).toMatchObject({ labels: ['1', '2', '10'], encoding: 'one-hot' });
  });

  it('refuses a target with one class in the training rows', () => {
    const error = dataErrorOf(() => fitPipeline(t, cls(), Uint32Array.from([0, 2])));
    expect([error.code, error.message]).toEqual([
      'one-class-target',
      'Target "kind" of "pets.csv" has only one class ("cat") in the training rows; classification needs at least two.',
    ]);
  });
});
