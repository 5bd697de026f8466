import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RawRecord } from '../../../core/data/prep/transform';
import { exportPython } from '../../../core/model-io/export-python';
import { exportCase, maxAbsDiff, referencePredictions, type ExportCaseName } from '../../fixtures/export/models';

const PYTHON = '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import numpy'], { encoding: 'utf8' });
const skipReason = probe.error ? `${PYTHON} is not available (${probe.error.message})` : probe.status !== 0 ? `NumPy is not importable by ${PYTHON}` : null;
if (skipReason) console.log(`skipped: the Python export tests: ${skipReason}`);

interface Prediction { label?: string; probabilities?: Record<string, number>; value?: number; values?: Record<string, number> }

const dir = mkdtempSync(join(tmpdir(), 'export-py-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A CSV cell: quoted when it holds a comma, quote or line break. */
const cell = (v: RawRecord[string]) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Runs `python3 <name>.py <csv>` (warnings as errors) on the records written as a CSV (every cell as text). */
function runCsv(name: string, source: string, records: readonly RawRecord[]): Prediction[] {
  writeFileSync(join(dir, `${name}.py`), source);
  const columns = Object.keys(records[0]!);
  const csv = [columns.map(cell).join(','), ...records.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n');
  writeFileSync(join(dir, `${name}.csv`), `${csv}\n`);
  return JSON.parse(execFileSync(PYTHON, ['-W', 'error', join(dir, `${name}.py`), join(dir, `${name}.csv`)], { encoding: 'utf8' })) as Prediction[];
}

/** Calls `predict(records)` in Python on JSON records (numbers stay numbers, null becomes None). */
function runDirect(name: string, records: readonly RawRecord[]): { ok: true; value: Prediction[] } | { ok: false; stderr: string } {
  const script = `import sys, json; sys.path.insert(0, ${JSON.stringify(dir)}); from ${name} import predict; print(json.dumps(predict(json.load(sys.stdin))))`;
  const run = spawnSync(PYTHON, ['-W', 'error', '-c', script], { input: JSON.stringify(records), encoding: 'utf8' });
  return run.status === 0 ? { ok: true, value: JSON.parse(run.stdout) as Prediction[] } : { ok: false, stderr: run.stderr };
}

/** What a CSV reader hands over: every cell as text, a missing cell as ''. */
const asText = (records: readonly RawRecord[]): RawRecord[] =>
  records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)])));

describe.skipIf(skipReason !== null)('exportPython (run by python3 with NumPy)', () => {
  it.each<ExportCaseName>(['multiclass', 'binary'])('%s: the CSV run and predict() give the app\'s labels and probabilities (≤ 1e-5)', async (name) => {
    const c = await exportCase(name);
    const source = exportPython(c.file);
    for (const [got, rows] of [
      [runCsv(`${name}_model`, source, c.records), asText(c.records)],
      [(runDirect(`${name}_model`, c.records) as { value: Prediction[] }).value, c.records],
    ] as const) {
      const ref = referencePredictions(c.file, rows);
      if (ref.kind !== 'classes') throw new Error('expected classes');
      expect(got.map((g) => g.label)).toEqual(ref.predicted);
      expect(maxAbsDiff(got.flatMap((g) => ref.labels.map((l) => g.probabilities![l]!)), ref.probabilities.data)).toBeLessThanOrEqual(1e-5);
    }
  });

  it('regression with two targets, per-unit activations and no bias: values match in units of each target\'s std (≤ 1e-5)', async () => {
    const c = await exportCase('regression');
    const got = runCsv('regression_model', exportPython(c.file), c.records);
    const ref = referencePredictions(c.file, asText(c.records));
    if (ref.kind !== 'regression' || c.file.preprocessing?.target.kind !== 'regression') throw new Error('expected regression');
    const targets = c.file.preprocessing.target.columns;
    const scaled = (v: number, j: number) => (v - targets[j]!.mean) / targets[j]!.std;
    const values = got.flatMap((g) => targets.map((t, j) => scaled(g.values![t.column]!, j)));
    expect(maxAbsDiff(values, Array.from(ref.values.data, (v, i) => scaled(v, i % targets.length)))).toBeLessThanOrEqual(1e-5);
  });

  it('reads categories given as numbers the way JavaScript writes them, and number text the way Number() reads it', async () => {
    const c = await exportCase('multiclass');
    const prep = c.file.preprocessing!;
    const shop = prep.inputs.find((e) => e.kind === 'one-hot')!;
    if (shop.kind !== 'one-hot') throw new Error('expected one-hot');
    const categories = ['0.000015', '1e-7', '1e+21'];
    const file = { ...c.file, preprocessing: { ...prep, inputs: prep.inputs.map((e) => (e === shop ? { ...shop, categories: [...categories] } : e)) } };
    writeFileSync(join(dir, 'numbers_model.py'), exportPython(file));
    const records: RawRecord[] = [0.000015, 1e-7, 1e21, 3, -2.5, 7].map((n, i) => ({ big: ['0x1F', '1e2', '.5', '1_0', 'Infinity', ' 12 '][i]!, small: 0.001, shop: n }));
    const got = runDirect('numbers_model', records);
    if (!got.ok) throw new Error(got.stderr);
    const ref = referencePredictions(file, records);
    if (ref.kind !== 'classes') throw new Error('expected classes');
    expect(maxAbsDiff(got.value.flatMap((g) => ref.labels.map((l) => g.probabilities![l]!)), ref.probabilities.data)).toBeLessThanOrEqual(1e-5);
  });

  it('raises the user\'s message for a record without an input column', async () => {
    const c = await exportCase('binary');
    writeFileSync(join(dir, 'missing_model.py'), exportPython(c.file));
    const got = runDirect('missing_model', [{ big: 1, small: 2, shop: 'north' }, { big: 1, shop: 'north' }]);
    expect(got.ok).toBe(false);
    expect(got.ok ? '' : got.stderr.trim().split('\n').at(-1)).toBe('KeyError: \'Row 2 has no column "small", which the model needs as an input.\'');
  });
});

describe('exportPython', () => {
  it('refuses a model file without preprocessing', async () => {
    const c = await exportCase('binary');
    expect(() => exportPython({ ...c.file, preprocessing: null })).toThrow(
      new Error(
        'Cannot export this model as Python: it has no preprocessing, so its inputs have no column names. ' +
          'Train it on a dataset and save it again to include the preprocessing.',
      ),
    );
  });
});
