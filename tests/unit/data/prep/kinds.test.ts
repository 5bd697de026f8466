import { describe, expect, it } from 'vitest';
import type { PrepConfig } from '../../../../core/data/prep/config';
import { parsePrepConfig } from '../../../../core/data/prep/config-schema';
import { applyColumnKinds } from '../../../../core/data/prep/kinds';
import { pipelineFromFile, toPreprocessingFile } from '../../../../core/data/prep/pipeline';
import { prepareData } from '../../../../core/data/prep/prepare';
import { transformRaw } from '../../../../core/data/prep/transform';
import { dataErrorOf, numericColumn, tableOf } from './tables';

const split = { train: 1, validation: 0, test: 0, seed: 1 };

/** `grade` an integer column (1, 2, 3), `size` numbers written as categories, `y` a class. */
function table() {
  const t = tableOf('shop.csv', {
    grade: [1, 2, 3, 1, 2, 3],
    size: ['10', '20', '30', null, '20', '10'],
    y: ['a', 'b', 'a', 'b', 'a', 'b'],
  });
  return { ...t, columns: [numericColumn('grade', 0, [1, 2, 3, 1, 2, 3], 'integer'), t.columns[1]!, t.columns[2]!] };
}

const base: PrepConfig = { roles: { grade: 'input', size: 'input', y: 'target' }, task: 'classification', split, defaultScaling: 'none' };

describe('column type overrides (PrepConfig.kinds)', () => {
  it('without overrides, the table is returned unchanged', () => {
    const t = table();
    expect(applyColumnKinds(t, undefined)).toBe(t);
    expect(applyColumnKinds(t, {})).toBe(t);
  });

  it('an integer column forced to categorical is one-hot encoded by its values as strings', () => {
    const p = prepareData(table(), { ...base, kinds: { grade: 'categorical' } });
    expect(p.pipeline.state.inputs[0]).toEqual({ kind: 'one-hot', column: 'grade', categories: ['1', '2', '3'] });
    expect(p.pipeline.state.featureNames).toEqual(['grade=1', 'grade=2', 'grade=3', 'size=10', 'size=20', 'size=30']);
    expect(p.train.x.cols).toBe(6);
  });

  it('a categorical column forced to numeric is read as numbers (missing stays missing, imputed)', () => {
    const p = prepareData(table(), { ...base, kinds: { size: 'numeric' } });
    expect(p.pipeline.state.inputs[1]).toMatchObject({ kind: 'numeric', column: 'size', fill: 18 });
    expect(p.pipeline.state.featureNames).toEqual(['grade', 'size']);
    expect(p.train.x.cols).toBe(2);
  });

  it('prediction on raw rows after a save applies the same treatment', () => {
    const p = prepareData(table(), { ...base, kinds: { grade: 'categorical', size: 'numeric' } });
    const restored = pipelineFromFile(JSON.parse(JSON.stringify(toPreprocessingFile(p.pipeline))));
    const { x, issues } = transformRaw(restored, [{ grade: 2, size: '30' }, { grade: '3', size: 10 }]);
    expect(issues).toEqual([]);
    expect(Array.from(x.data)).toEqual([0, 1, 0, 30, 0, 0, 1, 10]);
  });

  it('a categorical column that is not numbers cannot be forced to numeric: the error names the column, the row and the value', () => {
    const error = dataErrorOf(() => prepareData(table(), { ...base, kinds: { y: 'numeric' }, task: 'regression' }));
    expect(error.code).toBe('not-numeric-column');
    expect(error.message).toBe(
      'Column "y" of "shop.csv" cannot be read as numbers: data row 1 holds "a", which is not a number. Keep the column categorical or set its role to ignore.',
    );
  });

  it('an override naming no column is reported', () => {
    const error = dataErrorOf(() => prepareData(table(), { ...base, kinds: { colour: 'categorical' } }));
    expect(error.message).toBe('Column "colour" has a type override but is not in "shop.csv" (its columns: "grade", "size" and "y").');
  });

  it('the settings schema accepts kinds and names a wrong one', () => {
    expect(parsePrepConfig({ ...base, kinds: { grade: 'categorical' } }).kinds).toEqual({ grade: 'categorical' });
    const error = dataErrorOf(() => parsePrepConfig({ ...base, kinds: { grade: 'ordinal' } }));
    expect(error.message).toContain('kinds.grade');
  });
});
