/**
 * What the Evaluate view shows beyond one number: for classification the
 * confusion matrix, precision / recall / F1 per class and the ROC curve with
 * its AUC (two classes); for regression R², RMSE and MAE per target, the
 * residual histogram and a sample of (actual, predicted) points. Pure
 * functions over plain arrays, checked against scikit-learn in the tests.
 */

/** One class's row of the classification report. */
export interface ClassReport {
  label: string;
  /** Of the rows predicted as this class, the share that are (0 when none was predicted). */
  precision: number;
  /** Of the rows of this class, the share predicted as it (0 when the class has no rows). */
  recall: number;
  /** Harmonic mean of precision and recall (0 when both are 0). */
  f1: number;
  /** Rows of this class. */
  support: number;
}

/** The ROC curve of a two-class problem: points from (0, 0) to (1, 1), one per distinct score. */
export interface RocCurve {
  fpr: number[];
  tpr: number[];
  /** The score threshold of each point (`Infinity` for the first). */
  thresholds: number[];
  /** Area under the curve (trapezoids); 0.5 is chance, 1 is perfect. */
  auc: number;
}

export interface ClassificationDiagnostics {
  labels: string[];
  /** `confusion[actual][predicted]` = number of rows. */
  confusion: number[][];
  perClass: ClassReport[];
  accuracy: number;
  /** Unweighted mean of the per-class F1. */
  macroF1: number;
  /** For two classes: the curve of the second label's probability; null otherwise. */
  roc: RocCurve | null;
}

/**
 * Classification diagnostics from class indices.
 * @param actual the true class index of each row
 * @param predicted the predicted class index of each row
 * @param positiveScore for two classes, the predicted probability of class 1 per row (for the ROC curve)
 */
export function classificationDiagnostics(
  labels: readonly string[],
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  positiveScore?: ArrayLike<number>,
): ClassificationDiagnostics {
  const k = labels.length;
  if (actual.length !== predicted.length) throw new Error(`classificationDiagnostics: ${actual.length} actual classes but ${predicted.length} predictions`);
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let correct = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const p = predicted[i]!;
    if (!(a >= 0 && a < k && p >= 0 && p < k)) throw new Error(`classificationDiagnostics: row ${i} has class ${a} → ${p}, outside 0..${k - 1}`);
    confusion[a]![p]!++;
    if (a === p) correct++;
  }
  const perClass = labels.map((label, c): ClassReport => {
    const tp = confusion[c]![c]!;
    const support = confusion[c]!.reduce((s, v) => s + v, 0);
    const predictedAs = confusion.reduce((s, row) => s + row[c]!, 0);
    const precision = predictedAs === 0 ? 0 : tp / predictedAs;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support };
  });
  const roc = k === 2 && positiveScore ? rocCurve(positiveScore, Array.from(actual, (a) => a === 1)) : null;
  return {
    labels: [...labels],
    confusion,
    perClass,
    accuracy: actual.length === 0 ? 0 : correct / actual.length,
    macroF1: k === 0 ? 0 : perClass.reduce((s, c) => s + c.f1, 0) / k,
    roc,
  };
}

/**
 * The ROC curve of scores against true labels: thresholds at each distinct
 * score, highest first, ties taken together. Null AUC cases (one class only)
 * give `NaN`.
 */
export function rocCurve(scores: ArrayLike<number>, positive: readonly boolean[]): RocCurve {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const positives = positive.filter(Boolean).length;
  const negatives = positive.length - positives;
  const fpr = [0];
  const tpr = [0];
  const thresholds = [Infinity];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; i++) {
    const row = order[i]!;
    if (positive[row]) tp++;
    else fp++;
    const next = order[i + 1];
    if (next !== undefined && scores[next] === scores[row]) continue;
    fpr.push(negatives === 0 ? NaN : fp / negatives);
    tpr.push(positives === 0 ? NaN : tp / positives);
    thresholds.push(scores[row]!);
  }
  let auc = 0;
  for (let i = 1; i < fpr.length; i++) auc += ((fpr[i]! - fpr[i - 1]!) * (tpr[i]! + tpr[i - 1]!)) / 2;
  return { fpr, tpr, thresholds, auc };
}

/** One target's regression report. */
export interface RegressionReport {
  name: string;
  r2: number;
  rmse: number;
  mae: number;
  /** Residuals (predicted − actual) in 20 equal bins over [min, max]. */
  residuals: { min: number; max: number; counts: number[] };
  /** Up to `maxPoints` (actual, predicted) pairs, evenly spaced over the rows, for a scatter plot. */
  points: { actual: number[]; predicted: number[] };
}

/** Bins of the residual histogram. */
export const RESIDUAL_BINS = 20;

/**
 * Regression diagnostics per target column. `actual` and `predicted` are
 * row-major [rows × names.length], in the targets' own units.
 */
export function regressionDiagnostics(
  names: readonly string[],
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  maxPoints = 2000,
): RegressionReport[] {
  const cols = names.length;
  const rows = cols === 0 ? 0 : actual.length / cols;
  return names.map((name, c) => {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += actual[r * cols + c]!;
    const mean = rows === 0 ? 0 : sum / rows;
    let sse = 0;
    let sst = 0;
    let sae = 0;
    let min = Infinity;
    let max = -Infinity;
    const residual = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const a = actual[r * cols + c]!;
      const e = predicted[r * cols + c]! - a;
      residual[r] = e;
      sse += e * e;
      sae += Math.abs(e);
      sst += (a - mean) ** 2;
      if (e < min) min = e;
      if (e > max) max = e;
    }
    const counts = new Array<number>(RESIDUAL_BINS).fill(0);
    const width = (max - min) / RESIDUAL_BINS;
    for (let r = 0; r < rows; r++) {
      const bin = width > 0 ? Math.min(RESIDUAL_BINS - 1, Math.floor((residual[r]! - min) / width)) : 0;
      counts[bin]!++;
    }
    const step = Math.max(1, rows / maxPoints);
    const points = { actual: [] as number[], predicted: [] as number[] };
    for (let i = 0; i < rows && points.actual.length < maxPoints; i += step) {
      const r = Math.floor(i);
      points.actual.push(actual[r * cols + c]!);
      points.predicted.push(predicted[r * cols + c]!);
    }
    return {
      name,
      // A constant target has no variance to explain: R² is 1 for a perfect fit and undefined (NaN) otherwise.
      r2: sst === 0 ? (sse === 0 ? 1 : NaN) : 1 - sse / sst,
      rmse: rows === 0 ? NaN : Math.sqrt(sse / rows),
      mae: rows === 0 ? NaN : sae / rows,
      residuals: rows === 0 ? { min: 0, max: 0, counts } : { min, max, counts },
      points,
    };
  });
}
