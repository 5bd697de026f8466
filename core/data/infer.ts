/**
 * Column kind inference: the thresholds and the decision, kept apart from the
 * cell-by-cell reading (`infer-column.ts`) so that they can be read and
 * tested on their own.
 */
import type { ColumnKind } from './table';

/**
 * Distinct present strings a column keeps in its dictionary before deciding
 * what it is. A fixed number rather than a share of the rows, because rows
 * arrive as a stream and their total is unknown until the end. Past the cap a
 * mostly numeric column drops its dictionary (its numbers are enough); any
 * other column keeps it, since text and identifier columns are still shown.
 */
export const DICTIONARY_CAP = 1000;

/**
 * Distinct values of a numeric column are counted up to this many (then
 * "more than 100"): enough to tell a code column (few values: a class
 * target) from a measurement, whose shape the histogram shows better than a
 * count would, and it keeps the count from costing a hash lookup per cell on
 * continuous data.
 */
export const NUMERIC_DISTINCT_CAP = 100;

/** A column is numeric when at least this share of its present cells are numbers (infinities included). */
export const NUMERIC_SHARE = 0.95;

/** A string column is categorical with at most this many distinct values... */
export const CATEGORICAL_MAX_DISTINCT = 20;

/** ...or when its distinct values are at most this share of its present cells (and within `DICTIONARY_CAP`). */
export const CATEGORICAL_MAX_SHARE = 0.05;

/** How many non-numeric cells of a numeric column are listed in the warning. */
export const LISTED_CELLS = 5;

const TRUE_TOKENS = new Set(['true', 'yes', 't', 'y']);
const FALSE_TOKENS = new Set(['false', 'no', 'f', 'n']);
const LONGEST_BOOLEAN = 5;

/**
 * 1 for a true token (`true`, `yes`, `t`, `y`), 0 for a false one (`false`,
 * `no`, `f`, `n`), case-insensitive; −1 otherwise. `0` and `1` are not
 * booleans: a 0/1 column is an integer column.
 */
export function parseBoolean(text: string): 0 | 1 | -1 {
  if (text.length > LONGEST_BOOLEAN) return -1;
  const lower = text.toLowerCase();
  if (TRUE_TOKENS.has(lower)) return 1;
  if (FALSE_TOKENS.has(lower)) return 0;
  return -1;
}

/** What the reading of one column found, in cells. */
export interface CellCounts {
  /** Data rows. */
  rows: number;
  /** Empty cells and missing-value tokens. */
  missing: number;
  /** Finite numbers. */
  numbers: number;
  /** Infinity tokens, overflowing literals and numbers beyond the Float32 range. */
  infinite: number;
  /** Boolean tokens. */
  booleans: number;
  /** Distinct present strings, when the dictionary was kept (else null). */
  distinct: number | null;
}

/**
 * The kind a column's cells suggest, before the constant check on values:
 * - no present cell: `constant` (an empty column, warned and ignored);
 * - ≥ `NUMERIC_SHARE` of present cells numbers (or the dictionary was
 *   dropped for a mostly numeric column): `numeric` (the caller narrows to
 *   `integer` or `constant` from the values);
 * - every present cell a boolean token: `boolean`;
 * - one distinct string: `constant`;
 * - ≤ `CATEGORICAL_MAX_DISTINCT` distinct strings, or ≤ `CATEGORICAL_MAX_SHARE`
 *   of the present cells: `categorical`;
 * - otherwise `text` (free text or identifiers).
 */
export function inferKind(counts: CellCounts): ColumnKind {
  const present = counts.rows - counts.missing;
  if (present === 0) return 'constant';
  const numberLike = counts.numbers + counts.infinite;
  if (counts.distinct === null || (numberLike > 0 && numberLike >= NUMERIC_SHARE * present)) return 'numeric';
  if (counts.booleans === present) return 'boolean';
  if (counts.distinct <= 1) return 'constant';
  return isCategorical(counts.distinct, present) ? 'categorical' : 'text';
}

/** Few enough distinct strings to be categories (see `inferKind`). */
export function isCategorical(distinct: number, present: number): boolean {
  if (distinct <= CATEGORICAL_MAX_DISTINCT) return true;
  return distinct <= CATEGORICAL_MAX_SHARE * present && distinct <= DICTIONARY_CAP;
}
