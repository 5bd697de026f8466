import { describe, expect, it } from 'vitest';
import { parsePrepConfig } from '../../../../core/data/prep/config-schema';
import { resolvePrepConfig, type PrepConfig } from '../../../../core/data/prep/config';
import { DEFAULT_MISSING_TOKENS } from '../../../../core/data/table-builder-contract';
import { dataErrorOf } from './tables';

const valid: PrepConfig = {
  roles: { age: 'input', color: 'input', id: 'ignore', sold: 'target' },
  task: 'classification',
  scaling: { age: 'minmax' },
  split: { train: 0.7, validation: 0.15, test: 0.15, seed: 42 },
};

describe('parsePrepConfig', () => {
  it('accepts valid settings unchanged', () => {
    expect(parsePrepConfig(JSON.parse(JSON.stringify(valid)))).toEqual(valid);
  });

  it.each([
    ['an unknown role', { ...valid, roles: { age: 'feature' } }, 'invalid-prep-config',
      'Invalid preprocessing settings at roles.age: expected one of "input", "target", "ignore", got "feature".'],
    ['an unknown task', { ...valid, task: 'clustering' }, 'invalid-prep-config',
      'Invalid preprocessing settings at task: expected one of "classification", "regression", got "clustering".'],
    ['a misspelt option', { ...valid, imputaton: 'mean' }, 'invalid-prep-config', 'Invalid preprocessing settings at the top level: unexpected field "imputaton".'],
    ['a fraction given as text', { ...valid, split: { ...valid.split, train: '0.7' } }, 'invalid-prep-config',
      'Invalid preprocessing settings at split.train: expected a number between 0 and 1, got "0.7".'],
    ['no seed', { ...valid, split: { train: 1, validation: 0, test: 0 } }, 'invalid-prep-config',
      'Invalid preprocessing settings at split.seed: expected an integer seed, but the field is missing.'],
    ['fractions that do not add up', { ...valid, split: { train: 0.5, validation: 0.1, test: 0.1, seed: 1 } }, 'invalid-split',
      'Invalid split: train + validation + test must add up to 1, got 0.7.'],
    ['not an object', null, 'invalid-prep-config',
      'Invalid preprocessing settings at the top level: expected a preprocessing settings object with "roles", "task" and "split", got null.'],
  ])('refuses %s with the exact message', (_title, json, code, message) => {
    const error = dataErrorOf(() => parsePrepConfig(json));
    expect([error.code, error.message]).toEqual([code, message]);
  });
});

describe('resolvePrepConfig', () => {
  it('fills the documented defaults', () => {
    expect(resolvePrepConfig(valid)).toEqual({
      ...valid,
      defaultScaling: 'standardize',
      imputation: 'mean',
      missingIndicator: false,
      stratify: true,
      binaryEncoding: 'single',
      kinds: {},
      missingTokens: DEFAULT_MISSING_TOKENS,
    });
    expect(resolvePrepConfig({ ...valid, task: 'regression', scaling: undefined }).stratify).toBe(false);
  });
});
