/**
 * Export of predictions as CSV: every input row with its cells as given,
 * followed by the predicted label (and one probability column per class) or
 * the predicted value of each regression target.
 *
 * Predictions go through the same path as the app's: `transformRaw` →
 * `Model.predict` → `decodePredictions`.
 */
import { decodePredictions, type DecodedPredictions } from '../data/prep/decode';
import { pipelineFromFile } from '../data/prep/pipeline';
import { float32String, type RawValue } from '../data/prep/columns';
import { transformRaw, type RawRecord } from '../data/prep/transform';
import type { DataIssue } from '../data/issues';
import type { DataTable } from '../data/table';
import { createRng } from '../math/rng';
import { createModel } from '../nn/model';
import type { ModelFileV1 } from './format';
import { restoreWeights } from './model-file';
import { requirePreprocessing } from './export-common';

/** Optional settings of `predictionsCsv`. */
export interface PredictionsCsvArgs {
  /** Receives each warning about the rows (values that are not numbers, unseen categories). */
  onIssue?: (issue: DataIssue) => void;
  /** How messages name the rows (default: the table's file name, or `the prediction rows`). */
  source?: string;
}

/**
 * The CSV text (comma-separated, `\n` line ends, a final newline): a header,
 * then one line per row. Columns: the input columns (all of the table's, or
 * every key of the records in first-seen order), then `predicted(<target>)`
 * and `p(<label>)` per class for classification, or `predicted(<target>)` per
 * target for regression. Numbers are the shortest decimals that read back as
 * the same float32; a missing cell is empty. Cells holding a comma, quote or
 * line break are quoted, with quotes doubled (RFC 4180).
 *
 * @throws Error when the file has no preprocessing (see `requirePreprocessing`);
 *   DataError `missing-column` when a row lacks an input the model needs.
 */
export function predictionsCsv(file: ModelFileV1, rows: DataTable | readonly RawRecord[], args: PredictionsCsvArgs = {}): string {
  requirePreprocessing(file, 'predictions');
  const { columns, records } = isTable(rows) ? tableRecords(rows) : recordColumns(rows);
  const source = args.source ?? (isTable(rows) ? `"${rows.source}"` : 'the prediction rows');
  const predictions = predict(file, records, source, args.onIssue);
  const header = [...columns, ...outputHeader(file, predictions)];
  const lines = [header.map(csvCell)];
  records.forEach((record, r) => {
    lines.push([...columns.map((c) => csvCell(cellText(record[c]))), ...outputCells(predictions, r).map(csvCell)]);
  });
  return lines.map((cells) => `${cells.join(',')}\n`).join('');
}

/** A CSV field, quoted when it holds a comma, a quote or a line break. */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function predict(file: ModelFileV1, records: readonly RawRecord[], source: string, onIssue?: (issue: DataIssue) => void): DecodedPredictions {
  const pipeline = pipelineFromFile(file.preprocessing);
  // The rng only fills the initial weights, which setWeights replaces.
  const model = createModel(file.spec, { rng: createRng(1) });
  model.setWeights(restoreWeights(file));
  const { x, issues } = transformRaw(pipeline, records, source);
  if (onIssue) issues.forEach(onIssue);
  return decodePredictions(pipeline, model.predict(x));
}

function outputHeader(file: ModelFileV1, p: DecodedPredictions): string[] {
  if (p.kind === 'regression') return p.columns.map((c) => `predicted(${c})`);
  const target = file.preprocessing!.target;
  return [`predicted(${target.kind === 'classes' ? target.column : ''})`, ...p.labels.map((l) => `p(${l})`)];
}

function outputCells(p: DecodedPredictions, r: number): string[] {
  if (p.kind === 'regression') return Array.from(p.values.data.subarray(r * p.values.cols, (r + 1) * p.values.cols), float32String);
  const k = p.labels.length;
  return [p.predicted[r]!, ...Array.from(p.probabilities.data.subarray(r * k, (r + 1) * k), float32String)];
}

function isTable(rows: DataTable | readonly RawRecord[]): rows is DataTable {
  return !Array.isArray(rows);
}

function cellText(value: RawValue): string {
  return value === null || value === undefined ? '' : typeof value === 'number' ? float32String(value) : value;
}

/** Every key of the records, in first-seen order. */
function recordColumns(records: readonly RawRecord[]): { columns: string[]; records: readonly RawRecord[] } {
  const columns = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) columns.add(key);
  return { columns: [...columns], records };
}

/**
 * A table's rows as raw records: categories as their text, numbers as the
 * shortest decimal of their float32 value (read back as the same float32 and
 * as the same category text as `transform` would), missing cells as null.
 */
function tableRecords(table: DataTable): { columns: string[]; records: RawRecord[] } {
  // Null-prototype rows, so that a column named `__proto__` is just a column.
  const records = Array.from({ length: table.rows }, () => Object.create(null) as Record<string, RawValue>);
  for (const column of table.columns) {
    const { dictionary, codes, values } = column;
    for (let r = 0; r < table.rows; r++) {
      let cell: RawValue;
      if (dictionary !== null && codes !== null) cell = codes[r]! < 0 ? null : dictionary[codes[r]!] ?? null;
      else cell = Number.isNaN(values[r]!) ? null : float32String(values[r]!);
      records[r]![column.name] = cell;
    }
  }
  return { columns: table.columns.map((c) => c.name), records };
}
