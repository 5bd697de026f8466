import type { DataIssue } from '../../../../core/data/issues';
import type { Column, DataTable } from '../../../../core/data/table';
import { createTableBuilder } from '../../../../core/data/table-builder';
import type { TableBuilderOptions } from '../../../../core/data/table-builder-contract';

/** File name used in every expected message. */
export const SOURCE = 'sales.csv';

/**
 * Builds a table from columns given as cell lists (all the same length);
 * data row i is written on line i + 2 (line 1 is the header).
 */
export function buildColumns(
  columns: Record<string, readonly string[]>,
  options: Partial<TableBuilderOptions> = {},
): { table: DataTable; issues: DataIssue[] } {
  const names = Object.keys(columns);
  const rows = columns[names[0]!]!.length;
  const builder = createTableBuilder(names, { source: SOURCE, decimalComma: false, ...options });
  for (let r = 0; r < rows; r++) builder.addRow(names.map((n) => columns[n]![r]!), r + 2);
  return builder.finish();
}

/** The single column of a one-column table built from `cells`. */
export function buildColumn(cells: readonly string[], options: Partial<TableBuilderOptions> = {}): { column: Column; issues: DataIssue[] } {
  const { table, issues } = buildColumns({ x: cells }, options);
  return { column: table.columns[0]!, issues };
}

/** `n` cells produced by `cell(i)`. */
export function cells(n: number, cell: (i: number) => string): string[] {
  return Array.from({ length: n }, (_, i) => cell(i));
}
