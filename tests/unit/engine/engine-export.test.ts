import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../../core/data/import';
import type { ExportValue, PredictFileValue, PredictionsValue } from '../../../core/engine/protocol';
import { exportJavaScript } from '../../../core/model-io/export-js';
import { exportOnnx } from '../../../core/model-io/export-onnx';
import { predictionsCsv } from '../../../core/model-io/export-predictions';
import { exportPython } from '../../../core/model-io/export-python';
import { exportTfjs } from '../../../core/model-io/export-tfjs';
import type { ModelFileV1 } from '../../../core/model-io/format';
import { parseModelFile } from '../../../core/model-io/model-file';
import { IRIS_PREP, IRIS_RECORDS, IRIS_SOURCE, IRIS_SPEC, IRIS_TEXT, createHarness, irisReady, valueOf, type Harness } from './engine-harness';

/** A harness with the iris model, and that model's native file as the oracle's input. */
async function irisWithFile(): Promise<{ h: Harness; file: ModelFileV1 }> {
  const h = createHarness();
  await irisReady(h);
  const { text } = valueOf(await h.call({ type: 'export-model' })) as { text: string };
  const parsed = parseModelFile(text);
  if (!parsed.ok) throw new Error('the native export did not parse');
  return { h, file: parsed.value };
}

const exported = async (h: Harness, format: string): Promise<ExportValue> =>
  valueOf(await h.call({ type: 'export-model', format })) as ExportValue;

describe('predict-file', () => {
  it('gives the same CSV as predictionsCsv on the same rows, with a row count', async () => {
    const { h, file } = await irisWithFile();
    const got = valueOf(await h.call({ type: 'predict-file', source: IRIS_SOURCE })) as PredictFileValue;
    const { table } = await importCsv(IRIS_SOURCE);
    expect(got).toEqual({ csv: predictionsCsv(file, table), rows: 150, warnings: [] });
    expect(got.csv.split('\n')[0]).toBe(
      'sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,species,predicted(species),p(setosa),p(versicolor),p(virginica)',
    );
  });

  it('predicts a file of input columns only (bytes), matching predict-rows', async () => {
    const { h } = await irisWithFile();
    const header = Object.keys(IRIS_RECORDS[0]!);
    const text = `${header.join(',')}\n${IRIS_RECORDS.map((r) => header.map((c) => String(r[c as keyof typeof r])).join(',')).join('\n')}\n`;
    const got = valueOf(await h.call({ type: 'predict-file', source: { kind: 'bytes', name: 'two.csv', bytes: new TextEncoder().encode(text) } })) as PredictFileValue;
    const rows = valueOf(await h.call({ type: 'predict-rows', records: IRIS_RECORDS })) as PredictionsValue;
    expect(got.rows).toBe(2);
    const predicted = got.csv.trim().split('\n').slice(1).map((line) => line.split(',')[4]);
    expect(rows.kind === 'classes' && rows.predicted).toEqual(predicted);
  });

  it('reports values the model cannot use as warnings', async () => {
    const { h } = await irisWithFile();
    const text = 'sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm\n5.1,abc,1.4,0.2\n';
    const got = valueOf(await h.call({ type: 'predict-file', source: { kind: 'text', name: 'odd.csv', text } })) as PredictFileValue;
    expect(got.rows).toBe(1);
    expect(got.warnings.length).toBeGreaterThan(0);
  });

  it('without a model, fails with no-model and the message the user reads', async () => {
    const h = createHarness();
    valueOf(await h.call({ type: 'load-dataset', source: IRIS_SOURCE }));
    valueOf(await h.call({ type: 'configure-data', config: IRIS_PREP }));
    const r = await h.call({ type: 'predict-file', source: IRIS_SOURCE });
    expect(r.result).toEqual({ ok: false, error: { code: 'no-model', message: 'Create a model before predicting.' } });
  });

  it('with a missing input column, fails with the pipeline\'s own missing-column message', async () => {
    const { h } = await irisWithFile();
    const text = IRIS_TEXT.split('\n').map((line) => line.split(',').filter((_, i) => i !== 1).join(',')).join('\n');
    const r = await h.call({ type: 'predict-file', source: { kind: 'text', name: 'cut.csv', text } });
    expect(r.result).toEqual({
      ok: false,
      error: { code: 'missing-column', message: 'Row 1 of "cut.csv" has no column "sepal_width_cm", which the model needs as an input.' },
    });
  });
});

describe('export-model formats', () => {
  it('native (the default) keeps the reply\'s text and lists model.json', async () => {
    const { h } = await irisWithFile();
    const byDefault = valueOf(await h.call({ type: 'export-model' })) as ExportValue;
    const native = await exported(h, 'native');
    expect(native.format).toBe('native');
    // Two exports differ only in their createdAt stamp.
    const withoutStamp = (v: ExportValue): unknown => v.format === 'native' && { ...(JSON.parse(v.text) as object), createdAt: null };
    expect(withoutStamp(native)).toEqual(withoutStamp(byDefault));
    expect(byDefault.format).toBe('native');
    if (native.format !== 'native') throw new Error('expected a native export');
    expect(native.files).toEqual([{ name: 'model.json', text: native.text }]);
    expect(parseModelFile(native.text).ok).toBe(true);
  });

  it('onnx: model.onnx bytes equal exportOnnx and load in onnxruntime, giving predict-rows probabilities', async () => {
    const { h, file } = await irisWithFile();
    const value = await exported(h, 'onnx');
    expect(value.files.map((f) => f.name)).toEqual(['model.onnx']);
    const bytes = value.files[0]!.bytes!;
    expect(bytes).toEqual(exportOnnx(file));
    const session = await ort.InferenceSession.create(bytes);
    const input = Float32Array.from(IRIS_RECORDS.flatMap((r) => Object.values(r).map(Number)));
    const out = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', input, [2, 4]) });
    const got = Array.from(out[session.outputNames[0]!]!.data as Float32Array);
    const want = valueOf(await h.call({ type: 'predict-rows', records: IRIS_RECORDS })) as PredictionsValue;
    if (want.kind !== 'classes') throw new Error('expected classes');
    want.probabilities.flat().forEach((p, i) => expect(Math.abs(got[i]! - p)).toBeLessThanOrEqual(1e-5));
  });

  it('tfjs: model.json text and weights.bin bytes equal exportTfjs', async () => {
    const { h, file } = await irisWithFile();
    const value = await exported(h, 'tfjs');
    const want = exportTfjs(file);
    expect(value.files.map((f) => f.name)).toEqual(['model.json', 'weights.bin']);
    expect(JSON.parse(value.files[0]!.text!)).toEqual(want.modelJson);
    expect(value.files[1]!.bytes).toEqual(want.weightsBin);
    expect(value.files[1]!.bytes!.byteLength).toBe(4 * (4 * 8 + 8 + 8 * 3 + 3));
  });

  it.each([
    ['python', 'model.py', exportPython],
    ['js', 'model.mjs', exportJavaScript],
  ] as const)('%s: %s text equals the exporter\'s', async (format, name, exporter) => {
    const { h, file } = await irisWithFile();
    expect(await exported(h, format)).toEqual({ format, files: [{ name, text: exporter(file) }] });
  });

  it('a model the format cannot express fails with export-unsupported and the exporter\'s message', async () => {
    const h = createHarness();
    valueOf(await h.call({ type: 'load-dataset', source: IRIS_SOURCE }));
    valueOf(await h.call({ type: 'configure-data', config: IRIS_PREP }));
    const spec = { ...IRIS_SPEC, layers: [{ units: 2, activation: 'relu', unitActivations: ['relu', 'tanh'] }, IRIS_SPEC.layers[1]!] };
    valueOf(await h.call({ type: 'create-model', spec }));
    const r = await h.call({ type: 'export-model', format: 'tfjs' });
    expect(r.result).toEqual({
      ok: false,
      error: {
        code: 'export-unsupported',
        message: 'Cannot export this model as TensorFlow.js: layer 1 of 2 has a different activation per unit (relu, tanh), ' +
          'which a TensorFlow.js Dense layer cannot express. Give every unit of the layer the same activation, or export as JavaScript or Python instead.',
      },
    });
    expect(valueOf(await h.call({ type: 'export-model', format: 'js' }))).toMatchObject({ format: 'js' });
  });

  it('rejects an unknown format as a bad request naming the field', async () => {
    const { h } = await irisWithFile();
    const r = await h.call({ type: 'export-model', format: 'keras' });
    expect(r.result.ok).toBe(false);
    expect(!r.result.ok && r.result.error.code).toBe('bad-request');
    expect(!r.result.ok && r.result.error.message).toMatch(/^Bad request: "export-model" request at format: /);
  });
});
