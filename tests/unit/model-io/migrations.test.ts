import { describe, expect, it } from 'vitest';
import { CURRENT_MODEL_FILE_VERSION } from '../../../core/model-io/format';
import { MODEL_FILE_MIGRATIONS, migrateModelFile, type ModelFileMigration } from '../../../core/model-io/migrations';

describe('model file migrations', () => {
  it('has version 1 as the current version and no migrations yet', () => {
    // When this fails you added version 2: add MODEL_FILE_MIGRATIONS[1] and a test that a v1 file loads.
    expect(CURRENT_MODEL_FILE_VERSION).toBe(1);
    expect(Object.keys(MODEL_FILE_MIGRATIONS)).toEqual([]);
    expect(Object.isFrozen(MODEL_FILE_MIGRATIONS)).toBe(true);
  });

  it('leaves a current-version file as it is', () => {
    const raw = { format: 'backprop-studio/model', version: 1, a: 1 };
    expect(migrateModelFile(raw, 1)).toEqual({ ok: true, value: raw });
  });

  // A made-up history: v1 had `weights` under `params`, v2 renamed it, v3 added `notes`.
  const migrations: Record<number, ModelFileMigration> = {
    1: ({ params, ...rest }) => ({ ...rest, weights: params }),
    2: (v2) => ({ ...v2, notes: '' }),
  };

  it.each([
    [1, { version: 1, params: [1] }],
    [2, { version: 2, weights: [1] }],
  ])('chains migrations from version %i up to the current one and sets each version', (from, raw) => {
    expect(migrateModelFile(raw, from, { migrations, currentVersion: 3 })).toEqual({
      ok: true,
      value: { version: 3, weights: [1], notes: '' },
    });
  });

  it('reports a gap in the chain as unsupported', () => {
    expect(migrateModelFile({ version: 1 }, 1, { migrations: { 2: migrations[2]! }, currentVersion: 3 })).toEqual({
      ok: false,
      error: {
        code: 'unsupported-version',
        message: 'This model file has version 1, which this version of Backprop Studio cannot read: there is no upgrade from version 1 to 2.',
      },
    });
  });

  it('turns a migration that throws into an error result', () => {
    const broken: ModelFileMigration = () => {
      throw new TypeError('params is not a list');
    };
    expect(migrateModelFile({ version: 1 }, 1, { migrations: { 1: broken }, currentVersion: 2 })).toEqual({
      ok: false,
      error: { code: 'migration-failed', message: 'Could not upgrade this model file from version 1 to 2: params is not a list.' },
    });
  });
});
