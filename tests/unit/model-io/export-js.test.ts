import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { RawRecord } from '../../../core/data/prep/transform';
import { exportJavaScript } from '../../../core/model-io/export-js';
import { restoreWeights } from '../../../core/model-io/model-file';
import { exportCase, maxAbsDiff, referencePredictions, type ExportCaseName } from '../../fixtures/export/models';

interface ClassResult { label: string; probabilities: Record<string, number> }
interface RegressionResult { value?: number; values?: Record<string, number> }
interface ExportedModule {
  predict(record: RawRecord): ClassResult & RegressionResult;
  encode(record: RawRecord): number[];
}

const dir = mkdtempSync(join(tmpdir(), 'export-js-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function load(name: string, source: string): Promise<ExportedModule> {
  const path = join(dir, `${name}.mjs`);
  writeFileSync(path, source);
  return (await import(/* @vite-ignore */ pathToFileURL(path).href)) as ExportedModule;
}

describe('exportJavaScript', () => {
  it.each<ExportCaseName>(['multiclass', 'binary'])('%s: the module gives the app\'s labels and probabilities (max abs diff ≤ 1e-5) on 60 raw records', async (name) => {
    const c = await exportCase(name);
    const mod = await load(name, exportJavaScript(c.file));
    const ref = referencePredictions(c.file, c.records);
    if (ref.kind !== 'classes') throw new Error('expected classes');
    const got = c.records.map((r) => mod.predict(r));
    expect(got.map((g) => g.label)).toEqual(ref.predicted);
    const probs = got.flatMap((g) => ref.labels.map((l) => g.probabilities[l]!));
    expect(maxAbsDiff(probs, ref.probabilities.data)).toBeLessThanOrEqual(1e-5);
    expect(new Set(ref.predicted).size).toBeGreaterThan(1);
  });

  it('regression with two targets, per-unit activations and no bias: values match in units of each target\'s std (≤ 1e-5)', async () => {
    const c = await exportCase('regression');
    const mod = await load('regression', exportJavaScript(c.file));
    const ref = referencePredictions(c.file, c.records);
    if (ref.kind !== 'regression' || c.file.preprocessing?.target.kind !== 'regression') throw new Error('expected regression');
    const targets = c.file.preprocessing.target.columns;
    const scaled = (v: number, j: number) => (v - targets[j]!.mean) / targets[j]!.std;
    const got = c.records.flatMap((r) => targets.map((t, j) => scaled(mod.predict(r).values![t.column]!, j)));
    const want = Array.from(ref.values.data, (v, i) => scaled(v, i % targets.length));
    expect(maxAbsDiff(got, want)).toBeLessThanOrEqual(1e-5);
  });

  it('a single regression target gives { value }', async () => {
    const c = await exportCase('regression');
    const prep = c.file.preprocessing!;
    if (prep.target.kind !== 'regression') throw new Error('expected regression');
    const file = {
      ...c.file,
      spec: { ...c.file.spec, layers: [c.file.spec.layers[0]!, { units: 1, activation: 'linear' as const, useBias: false }] },
      weights: [c.file.weights[0]!, { name: 'dense_1/kernel', shape: [3, 1], dtype: 'float32' as const, data: 'AACAPwAAAMAAAEBA' }],
      preprocessing: { ...prep, target: { kind: 'regression' as const, columns: [prep.target.columns[0]!] }, outputNames: ['price'] },
    };
    const mod = await load('single', exportJavaScript(file));
    const ref = referencePredictions(file, c.records.slice(0, 10));
    if (ref.kind !== 'regression') throw new Error('expected regression');
    const got = c.records.slice(0, 10).map((r) => mod.predict(r));
    expect(Object.keys(got[0]!)).toEqual(['value']);
    const { mean, std } = prep.target.columns[0]!;
    expect(maxAbsDiff(got.map((g) => (g.value! - mean) / std), Array.from(ref.values.data, (v) => (v - mean) / std))).toBeLessThanOrEqual(1e-5);
  });

  it('writes the weights as the shortest decimals that read back as the same float32', async () => {
    const c = await exportCase('binary');
    const source = exportJavaScript(c.file);
    const kernel = /kernel: new Float32Array\(\[([^\]]*)\]/.exec(source)![1]!.split(',').map((v) => v.trim()).filter((v) => v !== '');
    const weights = restoreWeights(c.file)[0]!;
    expect(kernel.map((v) => Math.fround(Number(v)))).toEqual(Array.from(weights));
    // Shortest: one digit fewer would read back as another float32.
    const digits = (v: string) => v.replace(/^-|e.*$/g, '').replace(/^0\.0*|\./g, '').length;
    expect(kernel.every((v, i) => digits(v) === 1 || Math.fround(Number(Number(v).toPrecision(digits(v) - 1))) !== weights[i])).toBe(true);
    expect(source).toContain('export function predict(record)');
    expect(source).not.toMatch(/^import /m);
  });

  it('runs in plain Node as a standalone ES module, with the same results as under the test runner', async () => {
    const c = await exportCase('multiclass');
    const mod = await load('plain', exportJavaScript(c.file));
    const url = pathToFileURL(join(dir, 'plain.mjs')).href;
    const script = `const { predict } = await import(${JSON.stringify(url)}); console.log(JSON.stringify(${JSON.stringify(c.records.slice(0, 5))}.map(predict)));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(c.records.slice(0, 5).map((r) => mod.predict(r)))));
  });

  it('throws the user\'s message for a record without an input column', async () => {
    const c = await exportCase('binary');
    const mod = await load('missing', exportJavaScript(c.file));
    expect(() => mod.predict({ big: 1, shop: 'north' })).toThrow(new Error('The record has no column "small", which the model needs as an input.'));
  });

  it('refuses a model file without preprocessing', async () => {
    const c = await exportCase('binary');
    expect(() => exportJavaScript({ ...c.file, preprocessing: null })).toThrow(
      new Error(
        'Cannot export this model as JavaScript: it has no preprocessing, so its inputs have no column names. ' +
          'Train it on a dataset and save it again to include the preprocessing.',
      ),
    );
  });
});
