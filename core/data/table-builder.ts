/**
 * The streaming, columnar table builder the CSV reader drives: one
 * `ColumnReader` per header name, each parsing its cells once into typed
 * arrays. The file text is never kept; per column the builder holds a
 * Float32Array (4 bytes a row) and, while the column has at most
 * `DICTIONARY_CAP` distinct values or is not mostly numeric, an Int32Array
 * of dictionary codes. Storage doubles as rows arrive and is cut to size on
 * `finish`; numeric and integer columns then keep only their numbers.
 */
import { ColumnReader, missingTokens } from './infer-column';
import { createPlainRowScratch, readPlainRows } from './plain-rows';
import type { DataIssue } from './issues';

import type { Column, DataTable } from './table';
import { DEFAULT_MISSING_TOKENS, type TableBuilder, type TableBuilderOptions } from './table-builder-contract';

/**
 * A builder for a table with these column names. Cells equal (after trimming,
 * case-insensitive) to one of `options.missingTokens` (default
 * `DEFAULT_MISSING_TOKENS`), and empty cells always, are missing.
 */
export function createTableBuilder(header: readonly string[], options: TableBuilderOptions): TableBuilder {
  const missing = missingTokens(options.missingTokens ?? DEFAULT_MISSING_TOKENS, options.decimalComma);
  const readers = header.map((name, index) => new ColumnReader(name, index, missing, options.decimalComma));
  let rows = 0;
  let finished = false;
  const scratch = createPlainRowScratch(readers, options.decimalComma);

  return {
    get rows() {
      return rows;
    },
    addRow(cells, line) {
      if (finished) throw new Error('createTableBuilder: addRow after finish');
      for (let j = 0; j < readers.length; j++) readers[j]!.add(cells[j] ?? '', line);
      rows++;
    },
    addPlainRows(text, start, newline, delimiter) {
      if (finished) throw new Error('createTableBuilder: addRow after finish');
      const taken = readPlainRows(scratch, text, start, newline, delimiter);
      rows += taken.rows;
      return taken;
    },
    finish() {
      if (finished) throw new Error('createTableBuilder: finish called twice');
      finished = true;
      const columns: Column[] = [];
      const issues: DataIssue[] = [];
      for (const reader of readers) {
        const done = reader.finish(options.source);
        columns.push(done.column);
        issues.push(...done.issues);
      }
      const table: DataTable = { source: options.source, rows, columns };
      return { table, issues };
    },
  };
}
