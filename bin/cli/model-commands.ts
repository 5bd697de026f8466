/**
 * `evaluate`, `predict`, `export` and `inspect`: in-process, on a model file
 * read with `parseModelFile` (see `load.ts` for why no worker is used).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { classReader, findColumn, numericReader } from '../../core/data/prep/columns';
import { pipelineFromFile } from '../../core/data/prep/pipeline';
import { transform } from '../../core/data/prep/transform';
import type { DataTable } from '../../core/data/table';
import { createRng } from '../../core/math/rng';
import { exportJavaScript } from '../../core/model-io/export-js';
import { exportOnnx } from '../../core/model-io/export-onnx';
import { predictionsCsv } from '../../core/model-io/export-predictions';
import { exportPython } from '../../core/model-io/export-python';
import { exportTfjs, TFJS_WEIGHTS_FILE } from '../../core/model-io/export-tfjs';
import type { ModelFileV1 } from '../../core/model-io/format';
import { restoreWeights } from '../../core/model-io/model-file';
import { createModel } from '../../core/nn/model';
import type { MetricName, MetricValues } from '../../core/train/config';
import { evaluate } from '../../core/train/evaluate';
import { cliFail } from './args';
import { withDataErrors } from './load';
import { inTargetUnits } from './units';

/** Export formats of `export`. */
export const EXPORT_FORMATS = ['onnx', 'tfjs', 'python', 'js'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What `evaluate --json` prints. */
export interface EvaluateSummary {
  rows: number;
  metrics: MetricValues & { loss: number };
}

/** Loss and the task's metrics over the table's rows that have a target value (as the engine's `evaluate`, MAE and RMSE in target units). */
export function evaluateModel(file: ModelFileV1, table: DataTable): EvaluateSummary {
  const pre = file.preprocessing ?? cliFail('this model file has no preprocessing, so it cannot read CSV rows');
  const pipeline = withDataErrors(() => pipelineFromFile(pre));
  const rows = withDataErrors(() => rowsWithTarget(file, table));
  if (rows.length === 0) cliFail(`"${table.source}" has no row with a target value to evaluate on`);
  const { x, y } = withDataErrors(() => transform(pipeline, table, rows));
  const model = createModel(file.spec, { rng: createRng(1) });
  model.setWeights(restoreWeights(file));
  const metrics: MetricName[] = pre.target.kind === 'classes' ? ['accuracy'] : ['mae', 'rmse', 'r2'];
  return { rows: rows.length, metrics: inTargetUnits(evaluate(model, x, y, metrics), file) };
}

/** Indices of rows whose target cells are present (rows without one cannot be scored). */
function rowsWithTarget(file: ModelFileV1, table: DataTable): Uint32Array {
  const t = file.preprocessing!.target;
  const names = t.kind === 'classes' ? [t.column] : t.columns.map((c) => c.column);
  const present = names.map((name) => {
    const column = findColumn(table, name) ?? cliFail(`"${table.source}" has no column "${name}", which the model needs as its target`);
    if (t.kind === 'classes') {
      const read = classReader(column);
      return (r: number) => read(r) !== null;
    }
    const read = numericReader(column);
    return (r: number) => !Number.isNaN(read(r));
  });
  const rows: number[] = [];
  for (let r = 0; r < table.rows; r++) if (present.every((ok) => ok(r))) rows.push(r);
  return Uint32Array.from(rows);
}

/** Writes the predictions CSV; warnings about the rows go to `warn`. */
export function predictCsv(file: ModelFileV1, table: DataTable, warn: (message: string) => void): string {
  if (!file.preprocessing) cliFail('this model file has no preprocessing, so it cannot read CSV rows');
  return withDataErrors(() => predictionsCsv(file, table, { onIssue: (issue) => warn(issue.message) }));
}

/** Writes the model in `format` to `out` (for tfjs, a directory with model.json and weights.bin); returns the paths written. */
export async function exportModel(file: ModelFileV1, format: ExportFormat, out: string): Promise<string[]> {
  const needsPrep = format !== 'tfjs';
  if (needsPrep && !file.preprocessing) cliFail(`this model file has no preprocessing, which the ${format} export needs`);
  const write = async (path: string, data: string | Uint8Array): Promise<string> => {
    await writeFile(path, data).catch((e: unknown) => cliFail(`cannot write ${path}: ${e instanceof Error ? e.message : String(e)}`));
    return path;
  };
  const built = (f: () => string | Uint8Array): string | Uint8Array => {
    try {
      return f();
    } catch (e) {
      return cliFail(`cannot export as ${format}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  switch (format) {
    case 'onnx':
      return [await write(out, built(() => exportOnnx(file)))];
    case 'python':
      return [await write(out, built(() => exportPython(file)))];
    case 'js':
      return [await write(out, built(() => exportJavaScript(file)))];
    case 'tfjs': {
      let tfjs: ReturnType<typeof exportTfjs>;
      try {
        tfjs = exportTfjs(file);
      } catch (e) {
        return cliFail(`cannot export as tfjs: ${e instanceof Error ? e.message : String(e)}`);
      }
      await mkdir(out, { recursive: true }).catch((e: unknown) => cliFail(`cannot create directory ${out}: ${e instanceof Error ? e.message : String(e)}`));
      return [
        await write(join(out, 'model.json'), `${JSON.stringify(tfjs.modelJson, null, 2)}\n`),
        await write(join(out, TFJS_WEIGHTS_FILE), tfjs.weightsBin),
      ];
    }
  }
}

/** A readable description of the model: task, inputs, outputs, layers, parameters, training. */
export function inspectText(file: ModelFileV1): string {
  const { spec, preprocessing: pre, history, training } = file;
  const lines: string[] = [];
  lines.push(`task: ${pre ? pre.task : 'unknown (no preprocessing)'}`);
  if (pre) {
    lines.push(`inputs (${pre.inputs.length} columns → ${spec.inputs} features): ${pre.inputs.map((e) => e.column).join(', ')}`);
    const t = pre.target;
    lines.push(t.kind === 'classes'
      ? `outputs: ${t.column} (${t.labels.length} classes: ${t.labels.join(', ')})`
      : `outputs: ${t.columns.map((c) => c.column).join(', ')}`);
  }
  lines.push('layers:');
  let inputs = spec.inputs;
  let parameters = 0;
  lines.push(`  input     ${spec.inputs}`);
  spec.layers.forEach((layer, i) => {
    const count = inputs * layer.units + (layer.useBias === false ? 0 : layer.units);
    parameters += count;
    lines.push(`  dense_${i}   ${inputs} → ${layer.units}  ${layer.activation}  (${count} parameters)`);
    inputs = layer.units;
  });
  lines.push(`parameters: ${parameters}`);
  lines.push(`loss: ${spec.loss}`);
  if (training) lines.push(`optimizer: ${training.optimizer.kind}, learning rate ${training.optimizer.learningRate}, batch ${training.batchSize}`);
  const last = history[history.length - 1];
  if (last) {
    const val = history.map((h) => h.validation?.loss).filter((v): v is number => v !== undefined);
    const best = val.length ? `, best validation loss ${Math.min(...val).toPrecision(4)}` : '';
    lines.push(`training: ${history.length} epochs, final loss ${(last.train.loss ?? Number.NaN).toPrecision(4)}${best}`);
  } else {
    lines.push('training: no history');
  }
  return `${lines.join('\n')}\n`;
}
