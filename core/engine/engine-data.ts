/**
 * Views of the engine's data for replies (a page of rows, column summaries,
 * evaluation metrics, decoded predictions, as plain JSON) and one edit: a single weight.
 */
import { decodePredictions } from '../data/prep/decode';
import type { PreparedData } from '../data/prep/prepare';
import { transformRaw, type RawRecord } from '../data/prep/transform';
import type { Column, DataTable } from '../data/table';
import type { Matrix } from '../math/matrix';
import type { Model } from '../nn/model-types';
import type { NetworkSpec } from '../nn/spec';
import type { MetricName } from '../train/config';
import { evaluate } from '../train/evaluate';
import { fail } from './engine-errors';
import type { ColumnSummary, EvaluationValue, PredictionsValue, PreparedRowsValue, RowsPage, SplitName, WeightsValue } from './protocol';

/** Rows [offset, offset + limit) of the table, clipped to its end. */
export function rowsPage(table: DataTable, offset: number, limit: number): RowsPage {
  const end = Math.min(table.rows, offset + limit);
  const rows: (string | number | null)[][] = [];
  for (let r = offset; r < end; r++) rows.push(table.columns.map((c) => cellOf(c, r)));
  return { offset, totalRows: table.rows, columns: table.columns.map((c) => c.name), rows };
}

function cellOf(column: Column, row: number): string | number | null {
  if (column.dictionary && column.codes) {
    const code = column.codes[row]!;
    return code >= 0 ? column.dictionary[code] ?? null : null;
  }
  const v = column.values[row]!;
  return Number.isNaN(v) ? null : v;
}

/** Name, kind and statistics of every column. */
export function columnSummaries(table: DataTable): ColumnSummary[] {
  return table.columns.map((c) => ({ name: c.name, index: c.index, kind: c.kind, stats: c.stats }));
}

/** Loss and the task's metrics (accuracy, or MAE/RMSE/R²) of `model` on one split. */
export function evaluateSplit(model: Model, prepared: PreparedData, split: SplitName): EvaluationValue {
  const data = prepared[split];
  if (data.x.rows === 0) {
    fail('empty-split', `The ${split} split has no rows; give it a fraction above 0 in the data settings.`);
  }
  const metrics: MetricName[] = prepared.pipeline.state.target.kind === 'classes' ? ['accuracy'] : ['mae', 'rmse', 'r2'];
  return { split, rows: data.x.rows, metrics: evaluate(model, data.x, data.y, metrics) };
}

/** Predictions for raw records (original column names), decoded to labels or target units. */
export function predictRecords(model: Model, prepared: PreparedData, records: readonly RawRecord[]): PredictionsValue {
  const { x, issues } = transformRaw(prepared.pipeline, records);
  const decoded = decodePredictions(prepared.pipeline, model.predict(x));
  const warnings = issues.map((i) => i.message);
  if (decoded.kind === 'classes') {
    return { kind: 'classes', labels: [...decoded.labels], predicted: decoded.predicted, probabilities: rowsOf(decoded.probabilities), warnings };
  }
  return { kind: 'regression', columns: [...decoded.columns], values: rowsOf(decoded.values), warnings };
}

/** A matrix as nested plain arrays, one per row. */
export function rowsOf(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < m.rows; r++) out.push(Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)));
  return out;
}

/** Every layer's parameters as plain numbers; requests run between batches, so this is consistent even while training. */
export function weightsOf(model: Model): WeightsValue {
  return {
    layers: model.params.map((p, i) => {
      const units = model.spec.layers[i]!.units;
      return { inputs: p.w.length / units, units, w: Array.from(p.w), b: p.b ? Array.from(p.b) : null };
    }),
  };
}

/** Whether a spec's input and output sizes match the prepared data. */
export function shapeFits(spec: NetworkSpec, prepared: PreparedData): boolean {
  return spec.inputs === prepared.train.x.cols && spec.layers[spec.layers.length - 1]?.units === prepared.train.y.cols;
}

/** Throws `shape-mismatch` naming the size to change when a spec does not fit the prepared data. */
export function checkShape(spec: NetworkSpec, prepared: PreparedData): void {
  const inputs = prepared.train.x.cols, outputs = prepared.train.y.cols;
  if (spec.inputs !== inputs) {
    fail('shape-mismatch', `The network takes ${spec.inputs} inputs, but the prepared data has ${inputs} input columns; set "inputs" to ${inputs}.`);
  }
  const last = spec.layers[spec.layers.length - 1]?.units;
  if (last !== undefined && last !== outputs) {
    fail('shape-mismatch', `The network's last layer has ${last} units, but the prepared data has ${outputs} target columns; give it ${outputs} units.`);
  }
}

/**
 * Sets one parameter of dense layer `layer`: `w[index]` (row-major
 * [inputs × units]) or `b[index]`. Returns the value as stored (float32).
 */
export function setWeight(model: Model, layer: number, param: 'w' | 'b', index: number, value: number): { value: number } {
  const p = model.params[layer] ?? fail('bad-weight', `The network has ${model.params.length} layers; there is no layer ${layer + 1}.`);
  if (!Number.isFinite(value)) fail('bad-weight', `A weight must be a finite number, got ${value}.`);
  const target = param === 'w' ? p.w : p.b;
  if (!target) fail('bad-weight', `Layer ${layer + 1} has no bias.`);
  if (index >= target.length) {
    fail('bad-weight', `Layer ${layer + 1} has ${target.length} ${param === 'w' ? 'weights' : 'biases'}; there is no number ${index + 1}.`);
  }
  target[index] = value;
  return { value: target[index]! };
}

/**
 * Rows as the network sees them (`get-prepared-rows`): inputs after
 * preprocessing and encoded targets, with each row's 1-based line in the
 * data — what the Learn inspector runs through its chain-rule trace.
 */
export function preparedRows(prepared: PreparedData, split: SplitName, offset: number, limit: number): PreparedRowsValue {
  const data = prepared[split];
  const end = Math.min(data.x.rows, offset + limit);
  const slice = (m: Matrix, r: number): number[] => Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols));
  const rows: number[][] = [];
  const targets: number[][] = [];
  const dataRows: number[] = [];
  for (let r = offset; r < end; r++) {
    rows.push(slice(data.x, r));
    targets.push(slice(data.y, r));
    dataRows.push(prepared.split[split][r]! + 1);
  }
  return { split, offset, total: data.x.rows, rows, targets, dataRows };
}
