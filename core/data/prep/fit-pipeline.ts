/**
 * Fitting the preprocessing on the training rows only: scaling statistics,
 * imputation values, one-hot categories, class labels, target scaling. Rows
 * of the validation and test splits never influence any fitted number.
 */
import type { Column, DataTable } from '../table';
import { prepError, resolvePrepConfig, type PrepConfig, type ResolvedPrepConfig } from './config';
import { categoryReader, classReader, isCategorical, numericReader } from './columns';
import { PREPROCESSING_FILE_VERSION, type InputEncoderFile, type NumericInputFile, type PreprocessingFile, type TargetEncoderFile } from './file-schema';
import { pipelineOf, type Pipeline } from './pipeline';
import { roleColumns } from './roles';

/**
 * Fits the pipeline on `trainRows` (e.g. `splitRows(...).train`).
 *
 * - Numeric input: fill = mean or median of the present training values;
 *   standardize uses their mean and population std, minmax their min and
 *   max (both computed before imputation); a zero spread becomes scale 1.
 * - Categorical input: one-hot over the categories present in training, in
 *   the table's dictionary order.
 * - Classification target: labels present in training (dictionary order, or
 *   ascending for a numeric column); two classes default to one 0/1 column.
 * - Regression targets: y' = (y − mean) / std with training mean and std.
 *
 * @throws DataError: the role errors of `roleColumns`; `no-training-rows`;
 *   `empty-input` (a numeric input with no training value); `one-class-target`.
 */
export function fitPipeline(table: DataTable, config: PrepConfig, trainRows: Uint32Array): Pipeline {
  const resolved = resolvePrepConfig(config);
  const { inputs, targets } = roleColumns(table, resolved);
  if (trainRows.length === 0) prepError('no-training-rows', `No training rows in "${table.source}": the training split is empty.`);

  const encoders: InputEncoderFile[] = [];
  const featureNames: string[] = [];
  for (const column of inputs) {
    if (isCategorical(column)) {
      const categories = presentCategories(column, trainRows);
      encoders.push({ kind: 'one-hot', column: column.name, categories });
      featureNames.push(...categories.map((c) => `${column.name}=${c}`));
    } else {
      const encoder = fitNumeric(table.source, column, trainRows, resolved);
      encoders.push(encoder);
      featureNames.push(column.name, ...(encoder.indicator ? [`${column.name} (missing)`] : []));
    }
  }

  let target: TargetEncoderFile;
  let outputNames: string[];
  if (resolved.task === 'classification') {
    const column = targets[0]!;
    const labels = isCategorical(column) ? presentCategories(column, trainRows) : numericLabels(column, trainRows);
    if (labels.length < 2) {
      const found = labels.length === 0 ? 'no class' : `only one class ("${labels[0]!}")`;
      prepError(
        'one-class-target',
        `Target "${column.name}" of "${table.source}" has ${found} in the training rows; classification needs at least two.`,
        { column: column.name },
      );
    }
    const encoding = labels.length === 2 ? resolved.binaryEncoding : 'one-hot';
    target = { kind: 'classes', column: column.name, labels, encoding };
    outputNames = encoding === 'single' ? [`${column.name}=${labels[1]!}`] : labels.map((l) => `${column.name}=${l}`);
  } else {
    const columns = targets.map((column) => {
      const values = presentValues(column, trainRows);
      const { mean, std } = meanStd(values);
      return { column: column.name, mean, std: std > 0 ? std : 1 };
    });
    target = { kind: 'regression', columns };
    outputNames = targets.map((c) => c.name);
  }

  const state: PreprocessingFile = {
    version: PREPROCESSING_FILE_VERSION,
    task: resolved.task,
    source: table.source,
    inputs: encoders,
    target,
    featureNames,
    outputNames,
    missingTokens: [...resolved.missingTokens],
  };
  return pipelineOf(state);
}

function fitNumeric(source: string, column: Column, rows: Uint32Array, config: ResolvedPrepConfig): NumericInputFile {
  const values = presentValues(column, rows);
  if (values.length === 0) {
    prepError(
      'empty-input',
      `Input column "${column.name}" of "${source}" has no values in the training rows, so its missing values cannot be filled; set its role to ignore.`,
      { column: column.name },
    );
  }
  const scaling = config.scaling[column.name] ?? config.defaultScaling;
  const { mean, std } = meanStd(values);
  const fill = config.imputation === 'mean' ? mean : median(values);
  let center = 0;
  let scale = 1;
  if (scaling === 'standardize') {
    center = mean;
    scale = std;
  } else if (scaling === 'minmax') {
    let min = Infinity, max = -Infinity;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    center = min;
    scale = max - min;
  }
  if (!(scale > 0)) scale = 1;
  return { kind: 'numeric', column: column.name, scaling, center, scale, imputation: config.imputation, fill, indicator: config.missingIndicator };
}

/** The column's non-missing values at `rows`, as float64. */
function presentValues(column: Column, rows: Uint32Array): Float64Array {
  const read = numericReader(column);
  const out: number[] = [];
  for (const row of rows) {
    const v = read(row);
    if (!Number.isNaN(v)) out.push(v);
  }
  return Float64Array.from(out);
}

/** Mean and population standard deviation (two-pass, in float64). */
function meanStd(values: Float64Array): { mean: number; std: number } {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return { mean, std: Math.sqrt(ss / values.length) };
}

function median(values: Float64Array): number {
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Categories present at `rows`, in dictionary (first-seen) order. */
function presentCategories(column: Column, rows: Uint32Array): string[] {
  const read = categoryReader(column);
  const seen = new Set<string>();
  for (const row of rows) {
    const c = read(row);
    if (c !== null) seen.add(c);
  }
  const order = column.dictionary ?? [];
  const ordered = order.filter((c) => seen.has(c));
  return ordered.length === seen.size ? ordered : [...seen];
}

/** Distinct values of a numeric target at `rows`, ascending, as labels. */
function numericLabels(column: Column, rows: Uint32Array): string[] {
  const read = classReader(column);
  const seen = new Set<string>();
  for (const row of rows) {
    const label = read(row);
    if (label !== null) seen.add(label);
  }
  return [...seen].sort((a, b) => Number(a) - Number(b));
}
