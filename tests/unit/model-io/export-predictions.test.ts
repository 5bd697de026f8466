import { describe, expect, it } from 'vitest';
import { float32String } from '../../../core/data/prep/columns';
import type { PreprocessingFile } from '../../../core/data/prep/file-schema';
import type { RawRecord } from '../../../core/data/prep/transform';
import type { DataIssue } from '../../../core/data/issues';
import { csvCell, predictionsCsv } from '../../../core/model-io/export-predictions';
import { serializeModel } from '../../../core/model-io/model-file';
import type { NetworkSpec } from '../../../core/nn/spec';
import { exportCase, maxAbsDiff, referencePredictions } from '../../fixtures/export/models';
import { tableOf } from '../data/prep/tables';

/** size (standardized) and colour (one-hot) → P(kind = big) through one sigmoid unit. */
const preprocessing: PreprocessingFile = {
  version: 1,
  task: 'classification',
  source: 'things.csv',
  inputs: [
    { kind: 'numeric', column: 'size', scaling: 'standardize', center: 10, scale: 5, imputation: 'mean', fill: 10, indicator: false },
    { kind: 'one-hot', column: 'colour', categories: ['red', 'blue, dark'] },
  ],
  target: { kind: 'classes', column: 'kind', labels: ['a "small" one', 'big'], encoding: 'single' },
  featureNames: ['size', 'colour=red', 'colour=blue, dark'],
  outputNames: ['kind=big'],
  missingTokens: ['', 'NA'],
};
const spec: NetworkSpec = { inputs: 3, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'binary-crossentropy' };
const file = serializeModel(
  { spec, getWeights: () => [new Float32Array([2, -1, 0.5]), new Float32Array([0.25])] },
  { preprocessing, engineVersion: '0.1.0', createdAt: '2025-01-31T12:00:00.000Z' },
);

describe('predictionsCsv', () => {
  it('writes the input cells, the predicted label and p(<label>) per class, quoting commas, quotes and line breaks', () => {
    const records: RawRecord[] = [
      { size: 15, colour: 'red', note: 'x,y' },
      { size: 'NA', colour: 'blue, dark', note: 'say "hi"' },
      { size: '5', colour: 'green', note: null, extra: 'two\nlines' },
    ];
    const issues: DataIssue[] = [];
    const text = predictionsCsv(file, records, { onIssue: (i) => issues.push(i) });
    // z = 2·x_size − x_red + 0.5·x_blue + 0.25: row 1 z = 1.25, row 2 z = 0.75, row 3 z = −1.75.
    const p = [1.25, 0.75, -1.75].map((z) => 1 / (1 + Math.exp(-z)));
    const ref = referencePredictions(file, records);
    if (ref.kind !== 'classes') throw new Error('expected classes');
    expect(maxAbsDiff(Array.from(ref.probabilities.data).filter((_, i) => i % 2 === 1), p)).toBeLessThan(1e-7);
    const q = Array.from(ref.probabilities.data, float32String);
    expect(text).toBe(
      'size,colour,note,extra,predicted(kind),"p(a ""small"" one)",p(big)\n' +
        `15,red,"x,y",,big,${q[0]},${q[1]}\n` +
        `NA,"blue, dark","say ""hi""",,big,${q[2]},${q[3]}\n` +
        `5,green,,"two\nlines","a ""small"" one",${q[4]},${q[5]}\n`,
    );
    expect(issues.map((i) => i.message)).toEqual([
      'Column "colour" in the prediction rows has 1 value not seen in training ("green"); it was encoded as all zeros.',
    ]);
  });

  it('predicts a table\'s rows the same as its rows given as records, and writes regression values per target', async () => {
    const c = await exportCase('regression');
    const table = tableOf('new.csv', { big: [510.5, null, 420.25], small: [0.001, -0.02, 0.1], shop: ['north', 'east', null] });
    const text = predictionsCsv(c.file, table);
    const records: RawRecord[] = [
      { big: '510.5', small: '0.001', shop: 'north' },
      { big: null, small: '-0.02', shop: 'east' },
      { big: '420.25', small: '0.1', shop: null },
    ];
    expect(predictionsCsv(c.file, records)).toBe(text);
    const ref = referencePredictions(c.file, records);
    if (ref.kind !== 'regression') throw new Error('expected regression');
    const v = Array.from(ref.values.data, float32String);
    expect(text).toBe(
      'big,small,shop,predicted(price),predicted(rent)\n' +
        `510.5,0.001,north,${v[0]},${v[1]}\n,-0.02,east,${v[2]},${v[3]}\n420.25,0.1,,${v[4]},${v[5]}\n`,
    );
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "x"', '"say ""x"""'],
    ['cr\rlf\n', '"cr\rlf\n"'],
  ])('csvCell(%j) is %j', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it('refuses a model file without preprocessing', () => {
    expect(() => predictionsCsv({ ...file, preprocessing: null }, [])).toThrow(
      new Error(
        'Cannot export this model as predictions: it has no preprocessing, so its inputs have no column names. ' +
          'Train it on a dataset and save it again to include the preprocessing.',
      ),
    );
  });

  it('reports a row without an input the model needs, naming the row and column', () => {
    expect(() => predictionsCsv(file, [{ size: 1, colour: 'red' }, { size: 2 }])).toThrow(
      'Row 2 of the prediction rows has no column "colour", which the model needs as an input.',
    );
  });
});
