/**
 * The warnings column inference raises, as the sentences the user reads.
 * Each names the file and the column, and the lines where it lists cells.
 */
import type { DataIssue } from './issues';

/** One cell as it was written, with its 1-based line in the file. */
export interface ListedCell {
  row: number;
  text: string;
}

/** Longest cell text quoted in a message; longer ones are cut with `…`. */
export const QUOTED_MAX = 40;

/** A cell's text in double quotes (JSON escaping), cut to `QUOTED_MAX` characters. */
export function quoteCell(text: string): string {
  return JSON.stringify(text.length > QUOTED_MAX ? `${text.slice(0, QUOTED_MAX)}…` : text);
}

/** `1 cell` / `1,500 cells`: counts are written with thousands separators, like the reader's messages. */
export function plural(count: number, word: string, words = `${word}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? word : words}`;
}

const where = (source: string, column: string): string => `${source}, column ${JSON.stringify(column)}`;
const listCells = (cells: readonly ListedCell[]): string =>
  cells.map((c) => `line ${c.row}: ${quoteCell(c.text)}`).join(', ');

/**
 * Text in a numeric column: the cells are read as invalid (NaN) and the
 * first few are listed, e.g. `sales.csv, column "price": 2 non-numeric
 * cells in a numeric column were read as invalid: line 5: "abc", line 9: "x".`
 */
export function nonNumericIssue(source: string, column: string, count: number, listed: readonly ListedCell[]): DataIssue {
  const cells = plural(count, 'non-numeric cell');
  const verb = count === 1 ? 'was' : 'were';
  const which = count > listed.length ? `; the first ${listed.length}` : '';
  return {
    code: 'non-numeric',
    severity: 'warning',
    message: `${where(source, column)}: ${cells} in a numeric column ${verb} read as invalid${which}: ${listCells(listed)}.`,
    row: listed[0]?.row,
    column,
    count,
  };
}

/** `inf`, `-Infinity`, `1e999`... in a numeric column: counted as invalid, the first one shown. */
export function infiniteIssue(source: string, column: string, count: number, first: ListedCell): DataIssue {
  const values = `${plural(count, 'infinite value')} ${count === 1 ? 'was' : 'were'}`;
  const at = count === 1 ? '' : 'first: ';
  return {
    code: 'infinite-values',
    severity: 'warning',
    message: `${where(source, column)}: ${values} read as invalid (${at}line ${first.row}: ${quoteCell(first.text)}).`,
    row: first.row,
    column,
    count,
  };
}

/** Finite numbers too large for Float32 (about ±3.4e38): counted as invalid, the first one shown. */
export function outOfRangeIssue(source: string, column: string, count: number, first: ListedCell): DataIssue {
  const values = `${plural(count, 'value')} beyond the Float32 range (±3.4e38) ${count === 1 ? 'was' : 'were'}`;
  const at = count === 1 ? '' : 'first: ';
  return {
    code: 'out-of-range',
    severity: 'warning',
    message: `${where(source, column)}: ${values} read as invalid (${at}line ${first.row}: ${quoteCell(first.text)}).`,
    row: first.row,
    column,
    count,
  };
}

/** One distinct value in every present cell; `value` is already formatted (quoted for text). */
export function constantIssue(source: string, column: string, value: string, count: number): DataIssue {
  const all = count === 1 ? 'the only present value is' : `all ${plural(count, 'present value')} are`;
  return {
    code: 'constant-column',
    severity: 'warning',
    message: `${where(source, column)}: ${all} ${value}; a constant column carries no information and is ignored by default.`,
    column,
    count,
  };
}

/** Every cell missing. */
export function emptyColumnIssue(source: string, column: string, rows: number): DataIssue {
  const all = rows === 1 ? 'the only cell is' : `all ${plural(rows, 'cell')} are`;
  return {
    code: 'empty-column',
    severity: 'warning',
    message: `${where(source, column)}: ${all} missing; the column is ignored by default.`,
    column,
    count: rows,
  };
}
