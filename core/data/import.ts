/**
 * CSV import: the streaming reader (`csv-reader.ts`) feeding the columnar
 * table builder row by row, and a report of everything found on the way.
 */
import { readCsvRows, type CsvReadHooks, type CsvReadOptions, type SkippedRows } from './csv-reader';
import type { CsvDelimiter } from './csv-parse';
import type { DataIssue } from './issues';
import type { CsvSource } from './source';
import type { DataTable } from './table';
import { createTableBuilder } from './table-builder';
import type { TableBuilder } from './table-builder-contract';

/** What the user may choose before (or after a first try at) importing. */
export type ImportOptions = CsvReadOptions;

/** Progress, cancellation and decoder fallback for one import. */
export type ImportHooks = CsvReadHooks;

/** What the import found, for the import dialog. */
export interface ImportReport {
  source: string;
  /** Detected or chosen encoding (`text` for a source that was a string already). */
  encoding: string;
  /** 1 for a BOM, valid UTF-8 or the user's choice; the detector's score otherwise. */
  encodingConfidence: number;
  delimiter: CsvDelimiter;
  decimalComma: boolean;
  hasHeader: boolean;
  /** Columns were named `column_1…` because the first row was data. */
  generatedHeader: boolean;
  rowsRead: number;
  rowsSkipped: SkippedRows[];
  /** Warnings from reading and from type inference. */
  issues: DataIssue[];
  /** Bytes read (characters for text sources). */
  bytes: number;
}

export interface ImportResult {
  table: DataTable;
  report: ImportReport;
}

/**
 * Imports a CSV into a columnar table. Rejects with a `DataError` for an
 * empty, header-only, ragged (unless skipped), binary, too large or cancelled
 * file; any other problem is a warning in `report.issues`.
 */
export async function importCsv(source: CsvSource, options: ImportOptions = {}, hooks: ImportHooks = {}): Promise<ImportResult> {
  const state: { builder: TableBuilder | null } = { builder: null };
  const summary = await readCsvRows(source, options, {
    begin: (layout) => {
      state.builder = createTableBuilder(layout.header, {
        source: source.name,
        decimalComma: layout.decimalComma,
        missingTokens: options.missingTokens,
      });
    },
    row: (cells, line) => state.builder?.addRow(cells, line),
    plainRows: (text, start, newline, delimiter) =>
      state.builder ? state.builder.addPlainRows(text, start, newline, delimiter) : { stop: start, rows: 0 },
  }, hooks);
  const done = state.builder?.finish();
  if (!done) throw new Error(`importCsv: no table was started for ${source.name}`);
  return {
    table: done.table,
    report: {
      source: summary.source,
      encoding: summary.encoding,
      encodingConfidence: summary.encodingConfidence,
      delimiter: summary.delimiter,
      decimalComma: summary.decimalComma,
      hasHeader: summary.hasHeader,
      generatedHeader: summary.generatedHeader,
      rowsRead: summary.rowsRead,
      rowsSkipped: summary.rowsSkipped,
      issues: [...summary.issues, ...done.issues],
      bytes: summary.bytes,
    },
  };
}
