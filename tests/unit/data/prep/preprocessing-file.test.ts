import { describe, expect, it } from 'vitest';
import type { PrepConfig } from '../../../../core/data/prep/config';
import { preprocessingFileSchema } from '../../../../core/data/prep/file-schema';
import { fitPipeline } from '../../../../core/data/prep/fit-pipeline';
import { pipelineFromFile, toPreprocessingFile } from '../../../../core/data/prep/pipeline';
import { transform, transformRaw } from '../../../../core/data/prep/transform';
import { allRows, bytesOf, dataErrorOf, tableOf } from './tables';

const table = tableOf('mixed.csv', {
  a: [0.1, 0.2, null, 1e-3, 7],
  color: ['red', 'blue', 'red', 'green', null],
  b: [-3, 4.5, 2, null, 1],
  label: ['x', 'y', 'z', 'x', 'y'],
});
const config: PrepConfig = {
  roles: { a: 'input', color: 'input', b: 'input', label: 'target' },
  task: 'classification',
  scaling: { b: 'minmax' },
  missingIndicator: true,
  split: { train: 1, validation: 0, test: 0, seed: 1 },
};
const pipeline = fitPipeline(table, config, Uint32Array.from([0, 1, 2, 3]));

describe('the preprocessing file', () => {
  it('round-trips through JSON text: zod-parsed back, it transforms to identical bytes', () => {
    const text = JSON.stringify(toPreprocessingFile(pipeline));
    const again = pipelineFromFile(JSON.parse(text));
    expect(again.state).toEqual(pipeline.state);
    const before = transform(pipeline, table, allRows(5));
    const after = transform(again, table, allRows(5));
    expect(bytesOf(after.x.data)).toEqual(bytesOf(before.x.data));
    expect(bytesOf(after.y.data)).toEqual(bytesOf(before.y.data));
    const raw = [{ a: '0.1', color: 'green', b: 'NA' }];
    expect(bytesOf(transformRaw(again, raw).x.data)).toEqual(bytesOf(transformRaw(pipeline, raw).x.data));
  });

  it('is version 1 with the input order, encoders, labels and feature names', () => {
    const file = toPreprocessingFile(pipeline);
    expect(preprocessingFileSchema.parse(file)).toEqual(file);
    expect(file).toMatchObject({
      version: 1,
      task: 'classification',
      source: 'mixed.csv',
      target: { kind: 'classes', column: 'label', labels: ['x', 'y', 'z'], encoding: 'one-hot' },
      featureNames: ['a', 'a (missing)', 'color=red', 'color=blue', 'color=green', 'b', 'b (missing)'],
      outputNames: ['label=x', 'label=y', 'label=z'],
    });
    expect(file.inputs.map((e) => `${e.kind}:${e.column}`)).toEqual(['numeric:a', 'one-hot:color', 'numeric:b']);
  });

  it('shares nothing with the pipeline', () => {
    const file = toPreprocessingFile(pipeline);
    file.featureNames[0] = 'changed';
    expect(pipeline.state.featureNames[0]).toBe('a');
  });

  const edited = (edit: (file: Record<string, unknown> & { inputs: Record<string, unknown>[] }) => void): unknown => {
    const file = JSON.parse(JSON.stringify(toPreprocessingFile(pipeline))) as Record<string, unknown> & { inputs: Record<string, unknown>[] };
    edit(file);
    return file;
  };

  it.each([
    ['a zero scale', edited((f) => { f.inputs[0]!['scale'] = 0; }), 'Invalid preprocessing at inputs[0].scale: expected a positive number, got 0.'],
    ['a missing fill', edited((f) => { delete f.inputs[2]!['fill']; }), 'Invalid preprocessing at inputs[2].fill: expected a finite number, but the field is missing.'],
    ['an unknown encoder kind', edited((f) => { f.inputs[1]!['kind'] = 'embedding'; }), 'Invalid preprocessing at inputs[1].kind: expected one of "numeric", "one-hot", got "embedding".'],
    ['an unknown field', edited((f) => { f['means'] = [1]; }), 'Invalid preprocessing at the top level: unexpected field "means".'],
    ['too few feature names', edited((f) => { (f['featureNames'] as string[]).pop(); }), 'Invalid preprocessing at featureNames: expected 7 feature names (one per x column), got a list of 6 items.'],
    ['not an object', 'standard', 'Invalid preprocessing at the top level: expected a preprocessing object with "version", "task", "source", "inputs", "target", "featureNames", "outputNames" and "missingTokens", got "standard".'],
  ])('refuses %s with the exact message', (_title, json, message) => {
    const error = dataErrorOf(() => pipelineFromFile(json));
    expect([error.code, error.message]).toEqual(['invalid-preprocessing', message]);
  });

  it('refuses a newer version with an update hint', () => {
    const error = dataErrorOf(() => pipelineFromFile(edited((f) => { f['version'] = 2; })));
    expect([error.code, error.message]).toEqual([
      'newer-preprocessing',
      'This preprocessing was saved by a newer version of Backprop Studio (version 2, this app reads up to 1). Update the app to use it.',
    ]);
  });
});
