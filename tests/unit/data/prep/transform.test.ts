import { describe, expect, it } from 'vitest';
import { decodePredictions, inverseTargets } from '../../../../core/data/prep/decode';
import type { PrepConfig } from '../../../../core/data/prep/config';
import { fitPipeline } from '../../../../core/data/prep/fit-pipeline';
import { transform, transformRaw, type RawRecord } from '../../../../core/data/prep/transform';
import { fromRows, toRows } from '../../../../core/math/matrix';
import { expectClose } from '../../../helpers/close';
import { allRows, bytesOf, dataErrorOf, tableOf } from './tables';

const split = { train: 1, validation: 0, test: 0, seed: 1 };
const table = tableOf('houses.csv', {
  area: [50.5, 72.25, null, 120, 64.1],
  city: ['Oslo', 'Bergen', 'Oslo', null, 'Tromsø'],
  rooms: [2, 3, 3, 5, null],
  price: [200, 310.5, 280, 560, 240],
});
const config: PrepConfig = {
  roles: { area: 'input', city: 'input', rooms: 'input', price: 'target' },
  task: 'regression',
  scaling: { rooms: 'minmax' },
  imputation: 'median',
  missingIndicator: true,
  split,
};
const pipeline = fitPipeline(table, config, Uint32Array.from([0, 1, 2, 3]));

/** The table's rows as raw records, the way a prediction form or CSV would give them. */
const records: RawRecord[] = [
  { area: '50.5', city: 'Oslo', rooms: 2, price: 'ignored', id: 'x1' },
  { area: 72.25, city: 'Bergen', rooms: '3' },
  { area: 'NA', city: 'Oslo', rooms: ' 3 ' },
  { area: '120', city: null, rooms: '5' },
  { area: '64.1', city: 'Tromsø', rooms: '' },
];

describe('transform and transformRaw', () => {
  it('give byte-identical x for the same rows, table or raw records', () => {
    const fromTable = transform(pipeline, table, allRows(5));
    const fromRaw = transformRaw(pipeline, records);
    expect(bytesOf(fromRaw.x.data)).toEqual(bytesOf(fromTable.x.data));
    expect(fromRaw.x.cols).toBe(pipeline.state.featureNames.length);
    expect(pipeline.state.featureNames).toEqual(['area', 'area (missing)', 'city=Oslo', 'city=Bergen', 'rooms', 'rooms (missing)']);
    expect(fromRaw.issues.map((i) => i.message)).toEqual(['Column "city" in the prediction rows has 1 value not seen in training ("Tromsø"); it was encoded as all zeros.']);
  });

  it('reads text that is not a number as missing, and reports it', () => {
    const { x, issues } = transformRaw(pipeline, [{ area: 'big', city: 'Oslo', rooms: 'inf' }, { area: 'huge', city: 'Oslo', rooms: 2 }], 'form.csv');
    expect(toRows(x).map((r) => [r[1], r[5]])).toEqual([[1, 1], [1, 0]]);
    expect(issues).toEqual([
      { code: 'non-numeric', severity: 'warning', column: 'area', count: 2, message: 'Column "area" in form.csv has 2 values that are not a number ("big", "huge"); they were treated as missing.' },
      { code: 'non-numeric', severity: 'warning', column: 'rooms', count: 1, message: 'Column "rooms" in form.csv has 1 value that is not a number ("inf"); it was treated as missing.' },
    ]);
  });

  it('refuses a record without a column the model needs, naming it', () => {
    const error = dataErrorOf(() => transformRaw(pipeline, [records[0]!, { area: 1, city: 'Oslo' }]));
    expect([error.code, error.message]).toEqual(['missing-column', 'Row 2 of the prediction rows has no column "rooms", which the model needs as an input.']);
  });

  it('refuses a table without a column the model needs', () => {
    const other = tableOf('new.csv', { area: [1], rooms: [1], price: [1] });
    const error = dataErrorOf(() => transform(pipeline, other, allRows(1)));
    expect([error.code, error.message]).toEqual(['missing-column', '"new.csv" has no column "city", which the model needs as an input.']);
  });

  it('refuses table rows whose target is missing', () => {
    const gaps = tableOf('gaps.csv', { area: [1, 2], city: ['Oslo', 'Oslo'], rooms: [1, 2], price: [1, null] });
    const error = dataErrorOf(() => transform(pipeline, gaps, allRows(2)));
    expect([error.code, error.message]).toEqual([
      'missing-target-row',
      'Data row 2 of "gaps.csv" has no value in the target "price"; split the rows with splitRows first, which drops such rows.',
    ]);
  });

  it('standardizes regression targets and inverseTargets recovers them', () => {
    const { y } = transform(pipeline, table, allRows(5));
    const train = [200, 310.5, 280, 560];
    const mean = train.reduce((a, b) => a + b, 0) / 4;
    expectClose(y.data[0]!, (200 - mean) / Math.sqrt(train.reduce((a, b) => a + (b - mean) ** 2, 0) / 4), 1e-6);
    const back = inverseTargets(pipeline, y);
    [200, 310.5, 280, 560, 240].forEach((v, i) => expectClose(back.data[i]!, v, 1e-4));
    const decoded = decodePredictions(pipeline, y);
    expect(decoded.kind === 'regression' && Array.from(decoded.values.data)).toEqual(Array.from(back.data));
  });
});

describe('decodePredictions', () => {
  const pets = tableOf('pets.csv', { w: [1, 2, 3], kind: ['cat', 'dog', 'bird'] });
  const cls = (binaryEncoding: 'single' | 'one-hot', rows: Uint32Array) =>
    fitPipeline(pets, { roles: { w: 'input', kind: 'target' }, task: 'classification', split, binaryEncoding }, rows);

  it('reads one sigmoid column as [1 − p, p] and picks the more probable label', () => {
    const decoded = decodePredictions(cls('single', Uint32Array.from([0, 1])), fromRows([[0.25], [0.75]]));
    if (decoded.kind !== 'classes') throw new Error('expected classes');
    expect(decoded.predicted).toEqual(['cat', 'dog']);
    expect(Array.from(decoded.indices)).toEqual([0, 1]);
    expect(toRows(decoded.probabilities)).toEqual([[0.75, 0.25], [0.25, 0.75]]);
  });

  it('reads softmax outputs as they are and picks the first label on a tie', () => {
    const decoded = decodePredictions(cls('one-hot', allRows(3)), fromRows([[0.1, 0.2, 0.7], [0.5, 0.5, 0]]));
    if (decoded.kind !== 'classes') throw new Error('expected classes');
    expect(decoded.labels).toEqual(['cat', 'dog', 'bird']);
    expect(decoded.predicted).toEqual(['bird', 'cat']);
  });

  it('refuses an output of the wrong width', () => {
    const error = dataErrorOf(() => decodePredictions(cls('one-hot', allRows(3)), fromRows([[0.5, 0.5]])));
    expect([error.code, error.message]).toEqual([
      'output-shape',
      'The model gives 2 outputs per row, but the preprocessing expects 3 ("kind=cat", "kind=dog", "kind=bird").',
    ]);
  });

  it('refuses to invert class targets', () => {
    const error = dataErrorOf(() => inverseTargets(cls('single', Uint32Array.from([0, 1])), fromRows([[1]])));
    expect([error.code, error.message]).toEqual([
      'not-regression',
      'Only regression targets can be converted back to their units; this model predicts the classes of "kind".',
    ]);
  });

  it('refuses a class not seen in training when encoding y', () => {
    const error = dataErrorOf(() => transform(cls('single', Uint32Array.from([0, 1])), pets, allRows(3)));
    expect([error.code, error.message]).toEqual([
      'unseen-class',
      'Data row 3 of "pets.csv" has the class "bird" in the target "kind", which is not one of the training classes ("cat" and "dog").',
    ]);
  });
});
