import { describe, expect, it } from 'vitest';
import { serializeModel } from '../../../../core/model-io/model-file';
import {
  parseProjectFile, stringifyProjectFile, validateProjectFile, type ProjectFileV1, type RawProjectFile,
} from '../../../../electron/services/project-file';
import { fakeModel, history, spec, training } from '../../model-io/fixtures';

function project(): ProjectFileV1 {
  return {
    format: 'backprop-studio/project',
    version: 1,
    savedAt: '2025-01-31T12:00:00.000Z',
    app: { version: '0.1.0' },
    dataset: { path: '/data/houses.csv', size: 1234, sha256: 'a'.repeat(64), importOptions: { delimiter: ';', hasHeader: true } },
    prep: { roles: { area: 'input', price: 'target' }, task: 'regression', split: { train: 0.7, validation: 0.15, test: 0.15, seed: 1 } },
    spec,
    training,
    model: serializeModel(fakeModel(), { engineVersion: '0.1.0', createdAt: '2025-01-31T11:00:00.000Z', training, history }),
    history,
    learn: { tab: 'backprop', step: 3 },
  };
}

/** The project as JSON text with `edit` applied to its object first. */
function textWith(edit: (file: RawProjectFile) => void): string {
  const file = JSON.parse(stringifyProjectFile(project())) as RawProjectFile;
  edit(file);
  return JSON.stringify(file);
}

describe('project file round trip', () => {
  it('reads back exactly what was written', () => {
    const text = stringifyProjectFile(project());
    const parsed = parseProjectFile(text);
    expect(parsed).toEqual({ ok: true, value: project() });
    if (parsed.ok) expect(stringifyProjectFile(parsed.value)).toBe(text);
  });

  it('accepts an empty project (no dataset, network, training or model yet)', () => {
    const empty = { ...project(), dataset: null, prep: null, spec: null, training: null, model: null, history: [], learn: {} };
    expect(parseProjectFile(stringifyProjectFile(empty))).toEqual({ ok: true, value: empty });
  });

  it('accepts a byte-order mark', () => {
    expect(parseProjectFile(`\uFEFF${stringifyProjectFile(project())}`).ok).toBe(true);
  });
});

describe('project file errors', () => {
  it('reports a truncated file as not JSON', () => {
    const text = stringifyProjectFile(project());
    const result = parseProjectFile(text.slice(0, 40));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('not-json');
    expect(result.error.message).toMatch(/^The project file is not valid JSON: .+\.$/);
  });

  it.each<[string, string, string, string]>([
    ['an empty file', '', 'not-json', 'The project file is not valid JSON: Unexpected end of JSON input.'],
    ['a list', '[1]', 'not-a-project-file',
      'This is not a Backprop Studio project file: expected a JSON object with "format": "backprop-studio/project", found a list of 1 item.'],
    ['no format', '{"version":1}', 'not-a-project-file',
      'This is not a Backprop Studio project file: expected a JSON object with "format": "backprop-studio/project", found no "format" field.'],
    ['a model file', textWith((f) => { f.format = 'backprop-studio/model'; }), 'not-a-project-file',
      'This is not a Backprop Studio project file: expected a JSON object with "format": "backprop-studio/project", found "format": "backprop-studio/model".'],
    ['a newer version', textWith((f) => { f.version = 3; }), 'newer-version',
      'This project was saved by a newer version of Backprop Studio (file version 3, this app reads up to 1). Update the app to open it.'],
    ['a missing version', textWith((f) => { delete f.version; }), 'invalid-field',
      'Invalid project file at version: expected a positive integer, but the field is missing.'],
    ['a fractional version', textWith((f) => { f.version = 1.5; }), 'invalid-field',
      'Invalid project file at version: expected a positive integer, got 1.5.'],
    ['a negative dataset size', textWith((f) => { (f.dataset as RawProjectFile).size = -1; }), 'invalid-field',
      'Invalid project file at dataset.size: expected an integer ≥ 0, got -1.'],
    ['a short hash', textWith((f) => { (f.dataset as RawProjectFile).sha256 = 'abc'; }), 'invalid-field',
      'Invalid project file at dataset.sha256: expected a SHA-256 hash (64 lowercase hex digits), got "abc".'],
    ['a missing field', textWith((f) => { delete f.history; }), 'invalid-field',
      'Invalid project file at history: expected a list of epoch logs, but the field is missing.'],
    ['an unknown field', textWith((f) => { f.colour = 'red'; }), 'invalid-field',
      'Invalid project file at the top level: unexpected field "colour".'],
    ['a bad layer', textWith((f) => { ((f.spec as RawProjectFile).layers as RawProjectFile[])[1]!.units = -3; }), 'invalid-field',
      'Invalid project file at spec.layers[1].units: expected a positive integer, got -3.'],
    ['a bad role', textWith((f) => { ((f.prep as RawProjectFile).roles as RawProjectFile).area = 'feature'; }), 'invalid-field',
      'Invalid project file at prep.roles.area: expected one of "input", "target", "ignore", got "feature".'],
    ['a bad date', textWith((f) => { f.savedAt = 'yesterday'; }), 'invalid-field',
      'Invalid project file at savedAt: expected an ISO 8601 date-time such as "2025-01-31T12:00:00.000Z", got "yesterday".'],
    ['a list as Learn state', textWith((f) => { f.learn = []; }), 'invalid-field',
      'Invalid project file at learn: expected an object (the Learn view state), got an empty list.'],
    ['a model with a missing tensor', textWith((f) => { ((f.model as RawProjectFile).weights as unknown[]).pop(); }), 'invalid-model',
      'The trained model in this project cannot be loaded: The model file has no weight tensor dense_1/kernel; ' +
        'layer 1 of the spec needs one of shape [2, 1].'],
    ['a model from a newer app', textWith((f) => { (f.model as RawProjectFile).version = 2; }), 'invalid-model',
      'The trained model in this project cannot be loaded: This model file was written by a newer version of Backprop Studio ' +
        '(file version 2, this app reads up to 1). Update the app to open it.'],
    ['a number as model', textWith((f) => { f.model = 3; }), 'invalid-field',
      'Invalid project file at model: expected a model file object, got 3.'],
  ])('%s', (_title, text, code, message) => {
    expect(parseProjectFile(text)).toEqual({ ok: false, error: { code, message } });
  });

  it('refuses text that is not a string, from outside the type system', () => {
    expect(parseProjectFile(42 as unknown as string)).toEqual({
      ok: false, error: { code: 'not-json', message: 'The project file is not valid JSON: expected text, got 42.' },
    });
  });
});

describe('project file migrations', () => {
  const v0 = (): RawProjectFile => {
    const file = JSON.parse(stringifyProjectFile(project())) as RawProjectFile;
    const { learn, ...rest } = file;
    return { ...rest, version: 1, learnState: learn };
  };

  it('upgrades an older version through the table', () => {
    const seen: unknown[] = [];
    const result = validateProjectFile(v0(), {
      currentVersion: 2,
      migrations: { 1: ({ learnState, ...rest }) => { seen.push(rest.version); return { ...rest, learn: learnState }; } },
    });
    expect(seen).toEqual([1]);
    // The made-up v2 is checked against the v1 schema, whose version literal is 1.
    expect(result).toEqual({
      ok: false, error: { code: 'invalid-field', message: 'Invalid project file at version: expected 1, got 2.' },
    });
  });

  it('reports a missing upgrade step', () => {
    expect(validateProjectFile(v0(), { currentVersion: 3, migrations: {} })).toEqual({
      ok: false,
      error: {
        code: 'unsupported-version',
        message: 'This project file has version 1, which this version of Backprop Studio cannot read: there is no upgrade from version 1 to 2.',
      },
    });
  });

  it('reports a migration that throws', () => {
    const broken = (): RawProjectFile => { throw new Error('the history is not a list.'); };
    expect(validateProjectFile(v0(), { currentVersion: 2, migrations: { 1: broken } })).toEqual({
      ok: false,
      error: { code: 'migration-failed', message: 'Could not upgrade this project file from version 1 to 2: the history is not a list.' },
    });
  });
});
