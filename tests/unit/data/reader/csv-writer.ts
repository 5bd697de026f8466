import type { CsvDelimiter, CsvNewline } from '../../../../core/data/csv-parse';

export interface WriteStyle {
  delimiter: CsvDelimiter;
  newline: CsvNewline;
  /** `minimal`: quote only where needed; `all`: every field; `some`: where needed plus where `extra` says. */
  quoting: 'minimal' | 'all' | 'some';
  /** Newlines after the last row (0, 1, 2...). */
  trailingNewlines: number;
}

/**
 * Writes rows as CSV the way spreadsheet exports do (RFC 4180 quoting: a
 * field with the delimiter, a quote or a line break is quoted, quotes
 * doubled). A one-field row that would be a blank line is quoted, as Python's
 * csv module does, since readers skip blank lines.
 */
export function writeCsv(rows: readonly (readonly string[])[], style: WriteStyle, extra: (row: number, col: number) => boolean = () => false): string {
  const needs = (cell: string): boolean =>
    cell.includes(style.delimiter) || cell.includes('"') || cell.includes('\r') || cell.includes('\n');
  const lines = rows.map((row, r) =>
    row.map((cell, c) => {
      const quote = style.quoting === 'all' || needs(cell) || (style.quoting === 'some' && extra(r, c))
        || (row.length === 1 && cell.trim() === '');
      return quote ? `"${cell.replaceAll('"', '""')}"` : cell;
    }).join(style.delimiter));
  return lines.join(style.newline) + style.newline.repeat(style.trailingNewlines);
}
