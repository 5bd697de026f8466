import type { DataIssue } from './issues';
import type { DataTable } from './table';

/** The default missing-value tokens (compared after trimming, case-insensitive). */
export const DEFAULT_MISSING_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'NaN', 'null', '?', '-'];

export interface TableBuilderOptions {
  /** File name for messages. */
  source: string;
  /** Numbers are written `1,5` (semicolon files from European locales). */
  decimalComma: boolean;
  /** Cells meaning "missing" (default `DEFAULT_MISSING_TOKENS`). */
  missingTokens?: readonly string[];
}

/**
 * Receives parsed rows one at a time and builds the columnar table, inferring
 * each column's kind and statistics on `finish`. The reader (`csv-reader.ts`)
 * drives it; `createTableBuilder` in `table-builder.ts` implements it.
 */
export interface TableBuilder {
  /** One data row; `cells.length` equals the header's length (the reader handles ragged rows); `line` is 1-based in the file. */
  addRow(cells: readonly string[], line: number): void;
  /**
   * The fast path: reads consecutive rows of `text` from `start` while they
   * hold only plain numbers (as many as columns, each row one line) and
   * returns where it stopped and how many rows it took; the caller reads the
   * row at `stop` its general way.
   */
  addPlainRows(text: string, start: number, newline: '\n' | '\r\n', delimiter: string): { stop: number; rows: number };
  /** Rows added so far. */
  readonly rows: number;
  /** Infers kinds, computes statistics, and returns the table with any warnings (constant columns, invalid values...). */
  finish(): { table: DataTable; issues: DataIssue[] };
}
