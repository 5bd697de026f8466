/**
 * Turning network outputs back into what the user reads: class labels with
 * probabilities, or regression values in the target's own units.
 */
import { zeros, type Matrix } from '../../math/matrix';
import { prepError } from './config';
import type { Pipeline } from './pipeline';

/** Predicted classes: per row the label, its index into `labels`, and every class's probability. */
export interface ClassPredictions {
  kind: 'classes';
  /** All class labels, in class-index order. */
  labels: readonly string[];
  /** Per row, the most probable label (the first one on a tie). */
  predicted: string[];
  /** Per row, the index of `predicted` in `labels`. */
  indices: Int32Array;
  /** [rows × labels]: for one 0/1 column p gives [1 − p, p]; one-hot outputs are passed through. */
  probabilities: Matrix;
}

/** Predicted regression values, de-standardized: [rows × targets]. */
export interface RegressionPredictions {
  kind: 'regression';
  columns: readonly string[];
  values: Matrix;
}

export type DecodedPredictions = ClassPredictions | RegressionPredictions;

/**
 * Reads the network's output [rows × outputs] through the pipeline's target encoder.
 *
 * @throws DataError `output-shape` when the output has another number of columns than the pipeline's y.
 */
export function decodePredictions(pipeline: Pipeline, output: Matrix): DecodedPredictions {
  checkWidth(pipeline, output);
  const t = pipeline.state.target;
  if (t.kind === 'regression') {
    return { kind: 'regression', columns: t.columns.map((c) => c.column), values: inverseTargets(pipeline, output) };
  }
  const k = t.labels.length;
  const probabilities = zeros(output.rows, k);
  const indices = new Int32Array(output.rows);
  const predicted: string[] = [];
  for (let r = 0; r < output.rows; r++) {
    const p = probabilities.data.subarray(r * k, (r + 1) * k);
    if (t.encoding === 'single') {
      const p1 = output.data[r]!;
      p[0] = 1 - p1;
      p[1] = p1;
    } else {
      p.set(output.data.subarray(r * k, (r + 1) * k));
    }
    let best = 0;
    for (let j = 1; j < k; j++) if (p[j]! > p[best]!) best = j;
    indices[r] = best;
    predicted.push(t.labels[best]!);
  }
  return { kind: 'classes', labels: t.labels, predicted, indices, probabilities };
}

/**
 * Undoes the regression target scaling: y = y' · std + mean per column,
 * shapes [rows × targets] → [rows × targets]. Use it to report predictions
 * and errors in the target's units.
 *
 * @throws DataError `not-regression` for a classification pipeline; `output-shape` on a width mismatch.
 */
export function inverseTargets(pipeline: Pipeline, scaled: Matrix): Matrix {
  const t = pipeline.state.target;
  if (t.kind !== 'regression') {
    prepError('not-regression', `Only regression targets can be converted back to their units; this model predicts the classes of "${t.column}".`);
  }
  checkWidth(pipeline, scaled);
  const out = zeros(scaled.rows, scaled.cols);
  for (let r = 0; r < scaled.rows; r++) {
    t.columns.forEach((c, j) => {
      const at = r * scaled.cols + j;
      out.data[at] = scaled.data[at]! * c.std + c.mean;
    });
  }
  return out;
}

function checkWidth(pipeline: Pipeline, m: Matrix): void {
  const names = pipeline.state.outputNames;
  if (m.cols !== names.length) {
    prepError(
      'output-shape',
      `The model gives ${m.cols} output${m.cols === 1 ? '' : 's'} per row, but the preprocessing expects ${names.length} (${names.map((n) => `"${n}"`).join(', ')}).`,
    );
  }
}
