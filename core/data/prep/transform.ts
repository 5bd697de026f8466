/**
 * Applying a fitted pipeline: to table rows (training, validation, test) and
 * to raw prediction rows keyed by the original column names. Both go through
 * `encodeInputs`, so the same cells give the same bytes of x.
 */
import { zeros, type Matrix } from '../../math/matrix';
import type { Dataset } from '../../train/data-types';
import type { DataIssue } from '../issues';
import type { DataTable } from '../table';
import { plural, prepError, quotedList } from './config';
import { categoryReader, classReader, findColumn, missingSet, numericReader, rawCategory, rawNumber, type RawValue } from './columns';
import type { Pipeline } from './pipeline';

/** x and y for `fit`, plus warnings (e.g. categories unseen in training). */
export interface TransformResult extends Dataset {
  issues: DataIssue[];
}

/** x for `predict`, plus warnings (unseen categories, values that are not numbers). */
export interface RawTransformResult {
  x: Matrix;
  issues: DataIssue[];
}

/** One raw prediction row: original column name → cell. Columns the pipeline does not use are ignored. */
export type RawRecord = Readonly<Record<string, RawValue>>;

/** How `encodeInputs` reads cell i of input encoder e. */
interface CellSource {
  /** NaN = missing. */
  number(e: number, i: number): number;
  /** null = missing. */
  category(e: number, i: number): string | null;
}

/**
 * Encodes `rows` of `table` into x [rows × features] and y [rows × outputs].
 *
 * @throws DataError `missing-column` (a column the pipeline needs is absent),
 *   `missing-target-row` (a row without a target: split with `splitRows`
 *   first), `unseen-class` (a class not seen in training).
 */
export function transform(pipeline: Pipeline, table: DataTable, rows: Uint32Array): TransformResult {
  const { state } = pipeline;
  const src = `"${table.source}"`;
  const need = (name: string, what: string) =>
    findColumn(table, name) ??
    prepError('missing-column', `${src} has no column "${name}", which the model needs as ${what}.`, { column: name });
  const inputColumns = state.inputs.map((e) => need(e.column, 'an input'));
  const numbers = inputColumns.map(numericReader);
  const categories = inputColumns.map(categoryReader);
  const { x, issues } = encodeInputs(pipeline, rows.length, src, {
    number: (e, i) => numbers[e]!(rows[i]!),
    category: (e, i) => categories[e]!(rows[i]!),
  });

  const t = state.target;
  const y = zeros(rows.length, state.outputNames.length);
  const noTarget = (row: number, name: string): never =>
    prepError(
      'missing-target-row',
      `Data row ${row + 1} of ${src} has no value in the target "${name}"; split the rows with splitRows first, which drops such rows.`,
      { column: name, row: row + 1 },
    );
  if (t.kind === 'classes') {
    const read = classReader(need(t.column, 'its target'));
    const single = t.encoding === 'single';
    rows.forEach((row, i) => {
      const label = read(row);
      if (label === null) return noTarget(row, t.column);
      const k = pipeline.classIndex!.get(label);
      if (k === undefined) {
        prepError(
          'unseen-class',
          `Data row ${row + 1} of ${src} has the class "${label}" in the target "${t.column}", which is not one of the training classes (${quotedList(t.labels)}).`,
          { column: t.column, row: row + 1 },
        );
      }
      if (single) y.data[i] = k;
      else y.data[i * y.cols + k] = 1;
    });
  } else {
    t.columns.forEach((target, j) => {
      const read = numericReader(need(target.column, 'a target'));
      rows.forEach((row, i) => {
        const v = read(row);
        if (Number.isNaN(v)) noTarget(row, target.column);
        y.data[i * y.cols + j] = (v - target.mean) / target.std;
      });
    });
  }
  return { x, y, issues };
}

/**
 * Encodes raw prediction rows, e.g. `{ age: '42', color: 'red', id: 7 }`.
 * Strings are read as numbers where an input is numeric (missing-value tokens
 * and null → missing, imputed as in training; other text → missing, and
 * reported); columns the pipeline does not use are ignored.
 *
 * @param source how messages name the rows (default `the prediction rows`).
 * @throws DataError `missing-column` naming the first record and column absent.
 */
export function transformRaw(pipeline: Pipeline, records: readonly RawRecord[], source = 'the prediction rows'): RawTransformResult {
  const { state } = pipeline;
  const missing = missingSet(state.missingTokens);
  records.forEach((record, i) => {
    for (const e of state.inputs) {
      if (!Object.hasOwn(record, e.column)) {
        prepError('missing-column', `Row ${i + 1} of ${source} has no column "${e.column}", which the model needs as an input.`, {
          column: e.column,
          row: i + 1,
        });
      }
    }
  });
  const invalid = state.inputs.map(() => new Counter());
  const result = encodeInputs(pipeline, records.length, source, {
    number: (e, i) => {
      const raw = records[i]![state.inputs[e]!.column];
      const n = rawNumber(raw, missing);
      // Tables hold float32; rounding the same way gives the same bytes as `transform`.
      if (n !== undefined) return Math.fround(n);
      invalid[e]!.add(String(raw));
      return Number.NaN;
    },
    category: (e, i) => rawCategory(records[i]![state.inputs[e]!.column], missing),
  });
  const issues = state.inputs.flatMap((e, k): DataIssue[] => {
    const c = invalid[k]!;
    if (c.count === 0) return [];
    const message = `Column "${e.column}" in ${source} has ${plural(c.count, 'value')} that ${c.count === 1 ? 'is' : 'are'} not a number (${c.list()}); ${c.count === 1 ? 'it was' : 'they were'} treated as missing.`;
    return [{ code: 'non-numeric', severity: 'warning', message, column: e.column, count: c.count }];
  });
  return { x: result.x, issues: [...issues, ...result.issues] };
}

/**
 * x [n × features]: numeric x' = (v or fill − center) / scale, then the
 * missing indicator; categorical one 1 at the category's position, or all
 * zeros when missing or unseen (unseen ones are reported per column).
 */
function encodeInputs(pipeline: Pipeline, n: number, where: string, cells: CellSource): RawTransformResult {
  const { state, offsets, categoryIndex } = pipeline;
  const x = zeros(n, state.featureNames.length);
  const issues: DataIssue[] = [];
  state.inputs.forEach((e, k) => {
    const at = offsets[k]!;
    if (e.kind === 'numeric') {
      for (let i = 0; i < n; i++) {
        const v = cells.number(k, i);
        const absent = Number.isNaN(v);
        x.data[i * x.cols + at] = ((absent ? e.fill : v) - e.center) / e.scale;
        if (e.indicator) x.data[i * x.cols + at + 1] = absent ? 1 : 0;
      }
      return;
    }
    const index = categoryIndex[k]!;
    const unseen = new Counter();
    for (let i = 0; i < n; i++) {
      const c = cells.category(k, i);
      if (c === null) continue;
      const j = index.get(c);
      if (j === undefined) unseen.add(c);
      else x.data[i * x.cols + at + j] = 1;
    }
    if (unseen.count > 0) {
      const they = unseen.count === 1 ? 'it was' : 'they were';
      issues.push({
        code: 'unseen-category',
        severity: 'warning',
        message: `Column "${e.column}" in ${where} has ${plural(unseen.count, 'value')} not seen in training (${unseen.list()}); ${they} encoded as all zeros.`,
        column: e.column,
        count: unseen.count,
      });
    }
  });
  return { x, issues };
}

/** Counts cells and keeps the first few distinct values for a message. */
class Counter {
  count = 0;
  private readonly distinct = new Set<string>();
  add(value: string): void {
    this.count++;
    this.distinct.add(value);
  }
  /** `"a", "b"` (up to five distinct values, then `…`). */
  list(): string {
    const shown = [...this.distinct].slice(0, 5).map((v) => `"${v}"`).join(', ');
    return this.distinct.size > 5 ? `${shown}, …` : shown;
  }
}
