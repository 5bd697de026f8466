/**
 * The imported table: what the engine keeps of a CSV after parsing, column by
 * column. Numbers live in Float32Arrays (NaN = missing or invalid), strings as
 * dictionary codes into a per-column list of distinct values. The file text
 * itself is never kept.
 */

/** What a column holds, as inferred (the user may override it). */
export const COLUMN_KINDS = ['numeric', 'integer', 'boolean', 'categorical', 'text', 'constant'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

/** What a column is for in training. */
export const COLUMN_ROLES = ['input', 'target', 'ignore'] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

export interface NumericStats {
  min: number;
  max: number;
  mean: number;
  /** Population standard deviation over the present values. */
  std: number;
  /** 20 equal-width bins over [min, max]: counts. */
  histogram: number[];
}

export interface CategoryCount {
  value: string;
  count: number;
}

export interface ColumnStats {
  /** Rows with a present, valid value. */
  count: number;
  /** Empty cells and missing-value tokens. */
  missing: number;
  /** Cells that could not be read as the column's kind (e.g. `inf`, text in a numeric column). */
  invalid: number;
  /** Distinct present values (capped counts are marked by `distinctCapped`). */
  distinct: number;
  distinctCapped: boolean;
  /** For numeric, integer and boolean columns. */
  numeric?: NumericStats;
  /** Most frequent values with counts (categorical, boolean, text: up to 10). */
  top?: CategoryCount[];
}

/** One column of the table. */
export interface Column {
  readonly name: string;
  /** 0-based position in the file. */
  readonly index: number;
  kind: ColumnKind;
  /**
   * Numeric view, one value per row: the number for numeric/integer cells,
   * 0/1 for boolean, NaN where missing or invalid; for categorical/text
   * columns the dictionary code as a number (NaN when missing).
   */
  readonly values: Float32Array;
  /**
   * Distinct strings in first-seen order, when the column was read as text or
   * had few enough distinct values to keep them; `codes[row]` indexes into it
   * (−1 = missing).
   */
  readonly dictionary: readonly string[] | null;
  readonly codes: Int32Array | null;
  readonly stats: ColumnStats;
}

/** An imported CSV. */
export interface DataTable {
  /** File name (no directories) for messages, e.g. `sales.csv`. */
  readonly source: string;
  readonly rows: number;
  readonly columns: readonly Column[];
}
