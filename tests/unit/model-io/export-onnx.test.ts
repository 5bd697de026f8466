import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import type { PreprocessingFile } from '../../../core/data/prep/file-schema';
import { pipelineFromFile } from '../../../core/data/prep/pipeline';
import { transformRaw, type RawRecord } from '../../../core/data/prep/transform';
import { exportOnnx, onnxInputNames } from '../../../core/model-io/export-onnx';
import { exportCase, maxAbsDiff, referencePredictions, type ExportCaseName } from '../../fixtures/export/models';

/**
 * The ONNX graph, run by onnxruntime (the runtime users load it with), must
 * give our own predictions: probabilities within 1e-5, regression values
 * within 1e-5 of each target's std. Its input is the raw vector; the oracle
 * builds it from what `transformRaw` read (scaled values back to raw units,
 * NaN where the missing-value indicator says the cell was missing), so the
 * graph's imputation, scaling and indicators are all exercised.
 */
function rawInputs(pre: PreprocessingFile, records: readonly RawRecord[]): Float32Array {
  const x = transformRaw(pipelineFromFile(pre), records).x;
  const width = onnxInputNames(pre).length;
  const out = new Float32Array(records.length * width);
  for (let r = 0; r < records.length; r++) {
    let col = 0, slot = 0;
    for (const e of pre.inputs) {
      if (e.kind === 'numeric') {
        const scaled = x.data[r * x.cols + col++]!;
        const missing = e.indicator ? x.data[r * x.cols + col++] === 1 : false;
        out[r * width + slot++] = missing ? NaN : scaled * e.scale + e.center;
      } else {
        for (let k = 0; k < e.categories.length; k++) out[r * width + slot++] = x.data[r * x.cols + col++]!;
      }
    }
  }
  return out;
}

async function runOnnx(bytes: Uint8Array, input: Float32Array, rows: number, width: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  const result = await session.run({ input: new ort.Tensor('float32', input, [rows, width]) });
  const name = session.outputNames[0]!;
  return result[name]!.data as Float32Array;
}

describe('ONNX export, run in onnxruntime', () => {
  it.each(['multiclass', 'binary', 'regression'] as ExportCaseName[])('%s: the graph gives our predictions', async (name) => {
    const c = await exportCase(name);
    const pre = c.file.preprocessing!;
    const bytes = exportOnnx(c.file);
    const width = onnxInputNames(pre).length;
    const got = await runOnnx(bytes, rawInputs(pre, c.records), c.records.length, width);
    const want = referencePredictions(c.file, c.records);
    if (want.kind === 'classes') {
      expect(maxAbsDiff(got, want.probabilities.data)).toBeLessThanOrEqual(1e-5);
      const labels = Array.from({ length: c.records.length }, (_, r) => {
        const row = got.subarray(r * want.labels.length, (r + 1) * want.labels.length);
        return want.labels[row.indexOf(Math.max(...row))];
      });
      expect(labels).toEqual(want.predicted);
    } else {
      const stds = pre.target.kind === 'regression' ? pre.target.columns.map((t) => t.std) : [];
      const scaled = (v: ArrayLike<number>) => Array.from(v, (x, i) => x / stds[i % stds.length]!);
      expect(maxAbsDiff(scaled(got), scaled(want.values.data))).toBeLessThanOrEqual(1e-5);
    }
  });

  it('names the input slots and outputs in the model metadata', async () => {
    const c = await exportCase('multiclass');
    const session = await ort.InferenceSession.create(exportOnnx(c.file));
    expect(session.inputNames).toEqual(['input']);
    expect(session.outputNames).toEqual(['probabilities']);
    const pre = c.file.preprocessing!;
    const names = onnxInputNames(pre);
    // numeric inputs by column, one slot per shop category; indicators are computed inside the graph
    expect(names.slice(0, 2)).toEqual(['big', 'small']);
    expect(names.slice(2).length).toBeGreaterThan(1);
    expect(names.slice(2).every((n) => n.startsWith('shop='))).toBe(true);
    expect(names).toHaveLength(pre.featureNames.filter((f) => !f.endsWith(' (missing)')).length);
    const meta = onnxProto.onnx.ModelProto.decode(exportOnnx(c.file)).metadataProps;
    expect(meta.find((m) => m.key === 'inputs')?.value).toBe(JSON.stringify(names));
    expect(meta.find((m) => m.key === 'outputs')?.value).toBe(JSON.stringify(pre.target.kind === 'classes' ? pre.target.labels : []));
  });

  it('passes the ONNX checker (Debian python3-onnx) where it is installed', async () => {
    const probe = spawnSync('/usr/bin/python3', ['-c', 'import onnx'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      console.log('skipped: the ONNX checker needs /usr/bin/python3 with python3-onnx (apt-get install python3-onnx)');
      return;
    }
    const c = await exportCase('regression');
    const path = join(mkdtempSync(join(tmpdir(), 'bps-onnx-')), 'model.onnx');
    writeFileSync(path, exportOnnx(c.file));
    const check = spawnSync('/usr/bin/python3', ['-c', 'import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True); print("ok")', path], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.stdout.trim()).toBe('ok');
  });

  it('refuses a model without preprocessing with the exporters\' message', async () => {
    const c = await exportCase('binary');
    expect(() => exportOnnx({ ...c.file, preprocessing: null })).toThrow(
      'Cannot export this model as ONNX: it has no preprocessing, so its inputs have no column names. Train it on a dataset and save it again to include the preprocessing.');
  });
});
