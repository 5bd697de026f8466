/**
 * The Evaluate view's data for one split (`evaluate-detail`): the metrics,
 * the diagnostics of `core/train/diagnostics.ts` (confusion matrix, per-class
 * F1, ROC; or residuals and predicted-vs-actual), and the rows the model got
 * most wrong with their original values.
 */
import { decodePredictions } from '../data/prep/decode';
import type { PreparedData } from '../data/prep/prepare';
import type { DataTable } from '../data/table';
import type { Model } from '../nn/model-types';
import { classificationDiagnostics, regressionDiagnostics } from '../train/diagnostics';
import { evaluateSplit, rowsPage } from './engine-data';
import type { EvaluationDetail, SplitName, WorstRow } from './protocol';

/** How many of the worst rows are sent. */
export const WORST_ROWS = 20;

export function evaluationDetail(model: Model, prepared: PreparedData, table: DataTable, split: SplitName): EvaluationDetail {
  const summary = evaluateSplit(model, prepared, split);
  const data = prepared[split];
  const tableRows = prepared.split[split];
  const output = model.predict(data.x);
  const predicted = decodePredictions(prepared.pipeline, output);
  const actual = decodePredictions(prepared.pipeline, data.y);
  const rowValues = (row: number): WorstRow['values'] => {
    const page = rowsPage(table, row, 1);
    return Object.fromEntries(page.columns.map((name, i) => [name, page.rows[0]![i] ?? null]));
  };

  if (predicted.kind === 'classes' && actual.kind === 'classes') {
    const labels = [...predicted.labels];
    const index = new Map(labels.map((l, i) => [l, i]));
    const actualIdx = actual.predicted.map((l) => index.get(l)!);
    const predictedIdx = predicted.predicted.map((l) => index.get(l)!);
    const p = predicted.probabilities;
    const score = labels.length === 2 ? Array.from({ length: p.rows }, (_, r) => p.data[r * p.cols + 1]!) : undefined;
    const trueProbability = actualIdx.map((k, r) => p.data[r * p.cols + k]!);
    const worst = worstOf(trueProbability.map((q) => 1 - q)).map((r): WorstRow => ({
      row: tableRows[r]! + 1,
      values: rowValues(tableRows[r]!),
      actual: [labels[actualIdx[r]!]!],
      predicted: [labels[predictedIdx[r]!]!],
      error: 1 - trueProbability[r]!,
    }));
    return { ...summary, classification: classificationDiagnostics(labels, actualIdx, predictedIdx, score), regression: null, worst };
  }
  if (predicted.kind === 'regression' && actual.kind === 'regression') {
    const cols = predicted.columns.length;
    const a = actual.values.data;
    const q = predicted.values.data;
    const errors = Array.from({ length: actual.values.rows }, (_, r) => {
      let e = 0;
      for (let c = 0; c < cols; c++) e += Math.abs(q[r * cols + c]! - a[r * cols + c]!);
      return e / cols;
    });
    const worst = worstOf(errors).map((r): WorstRow => ({
      row: tableRows[r]! + 1,
      values: rowValues(tableRows[r]!),
      actual: Array.from(a.subarray(r * cols, (r + 1) * cols)),
      predicted: Array.from(q.subarray(r * cols, (r + 1) * cols)),
      error: errors[r]!,
    }));
    return { ...summary, classification: null, regression: regressionDiagnostics(predicted.columns, a, q), worst };
  }
  throw new Error('evaluationDetail: the predictions and the targets disagree on the task');
}

/** The indices of the `WORST_ROWS` largest errors, largest first (ties: earlier row first). */
function worstOf(errors: readonly number[]): number[] {
  return errors
    .map((e, i) => [e, i] as const)
    .sort((x, y) => y[0] - x[0] || x[1] - y[1])
    .slice(0, WORST_ROWS)
    .map(([, i]) => i);
}
