/**
 * Problems found while importing or preparing data. Errors stop the import
 * (thrown as `DataError`); warnings travel in the import report. Every
 * message names the file and, where it applies, the row and column.
 */
export type IssueSeverity = 'error' | 'warning';

export interface DataIssue {
  /** Stable machine code, e.g. `empty-file`, `ragged-rows`, `non-numeric`. */
  code: string;
  severity: IssueSeverity;
  /** The full sentence the user reads. */
  message: string;
  /** 1-based line number in the file, where it applies. */
  row?: number;
  /** Column name, where it applies. */
  column?: string;
  /** How many cells or rows the issue covers (e.g. 37 ragged rows). */
  count?: number;
}

/** An import or preparation that cannot go on; `issue.message` is what the user reads. */
export class DataError extends Error {
  constructor(readonly issue: DataIssue) {
    super(issue.message);
    this.name = 'DataError';
  }
  get code(): string { return this.issue.code; }
}
