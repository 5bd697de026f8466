/**
 * What the engine hands out of its model: the model in each export format
 * (`export-model`) and predictions for a whole CSV (`predict-file`). Both
 * start from the native model file, so they match what the CLI and the
 * exporters produce from a saved model.
 */
import type { DataTable } from '../data/table';
import { exportJavaScript } from '../model-io/export-js';
import { exportOnnx } from '../model-io/export-onnx';
import { predictionsCsv } from '../model-io/export-predictions';
import { exportPython } from '../model-io/export-python';
import { exportTfjs } from '../model-io/export-tfjs';
import type { ModelFileV1 } from '../model-io/format';
import { stringifyModelFile } from '../model-io/model-file';
import { fail } from './engine-errors';
import type { ExportFormat, ExportValue, PredictFileValue } from './protocol';

/**
 * The model file in `format`. An exporter that cannot express the model (e.g.
 * per-unit activations in TF.js) fails with `export-unsupported` and its own message.
 */
export function exportModelValue(file: ModelFileV1, format: ExportFormat): ExportValue {
  switch (format) {
    case 'native': {
      const text = stringifyModelFile(file);
      return { format, text, files: [{ name: 'model.json', text }] };
    }
    case 'onnx':
      return { format, files: [{ name: 'model.onnx', bytes: unsupported(() => exportOnnx(file)) }] };
    case 'tfjs': {
      const tfjs = unsupported(() => exportTfjs(file));
      return {
        format,
        files: [{ name: 'model.json', text: `${JSON.stringify(tfjs.modelJson, null, 2)}\n` }, { name: 'weights.bin', bytes: tfjs.weightsBin }],
      };
    }
    case 'python':
      return { format, files: [{ name: 'model.py', text: unsupported(() => exportPython(file)) }] };
    case 'js':
      return { format, files: [{ name: 'model.mjs', text: unsupported(() => exportJavaScript(file)) }] };
  }
}

/**
 * Predictions for every row of `table` as CSV (`predictionsCsv`): the input
 * columns, then the predicted label and p(class) columns, or the predicted values.
 * `importWarnings` come first in the reply's warnings.
 *
 * @throws DataError `missing-column` (the pipeline's message) when the table lacks an input the model needs.
 */
export function predictFileValue(file: ModelFileV1, table: DataTable, importWarnings: readonly string[]): PredictFileValue {
  const warnings = [...importWarnings];
  const csv = predictionsCsv(file, table, { onIssue: (issue) => warnings.push(issue.message) });
  return { csv, rows: table.rows, warnings };
}

/** Runs an exporter; its plain `Error` (a model the format cannot express) becomes a typed failure. */
function unsupported<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    return fail('export-unsupported', e instanceof Error ? e.message : String(e));
  }
}
