/**
 * Reading one cell the way an encoder needs it, from a table column or from a
 * raw prediction value. A column may be inferred differently in a later file
 * (a numeric column read as categories, or the reverse), so each reader
 * converts instead of trusting the kind.
 */
import type { Column, DataTable } from '../table';

/** True when the column is encoded by category (one-hot input, class target). */
export function isCategorical(column: Column): boolean {
  if (column.kind === 'categorical' || column.kind === 'text') return true;
  if (column.kind === 'constant') return column.stats.numeric === undefined && column.dictionary !== null;
  return false;
}

/** The column with this name, if any. */
export function findColumn(table: DataTable, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/** A reader of a column as numbers; NaN = missing (or text that is not a number). */
export function numericReader(column: Column): (row: number) => number {
  const { dictionary, codes, values } = column;
  if (isCategorical(column) && dictionary !== null && codes !== null) {
    const parsed = dictionary.map(parseNumber);
    return (row) => {
      const code = codes[row]!;
      return code < 0 ? Number.NaN : parsed[code]!;
    };
  }
  return (row) => values[row]!;
}

/** A reader of a column as category strings; null = missing. Numbers become their shortest float32 decimal form. */
export function categoryReader(column: Column): (row: number) => string | null {
  const { dictionary, codes, values } = column;
  if (dictionary !== null && codes !== null) {
    return (row) => {
      const code = codes[row]!;
      return code < 0 ? null : dictionary[code] ?? null;
    };
  }
  return (row) => {
    const v = values[row]!;
    return Number.isNaN(v) ? null : float32String(v);
  };
}

/**
 * A reader of a classification target's label: the category for a
 * categorical column, the number's shortest float32 decimal form (`"1"`, `"0.1"`) otherwise.
 */
export function classReader(column: Column): (row: number) => string | null {
  if (isCategorical(column)) return categoryReader(column);
  const read = numericReader(column);
  return (row) => {
    const v = read(row);
    return Number.isNaN(v) ? null : float32String(v);
  };
}

/**
 * The shortest decimal that reads back as the same float32, so a label
 * stored as 0.1f reads `0.1`, not `0.10000000149011612`.
 */
export function float32String(v: number): string {
  if (!Number.isFinite(v) || Number.isInteger(v)) return String(v);
  for (let digits = 1; digits < 9; digits++) {
    const text = String(Number(v.toPrecision(digits)));
    if (Math.fround(Number(text)) === v) return text;
  }
  return String(v);
}

/** A raw prediction value, read against the missing-value tokens. */
export type RawValue = string | number | null | undefined;

/** Lower-cased, trimmed tokens for `isMissing`. */
export function missingSet(tokens: readonly string[]): ReadonlySet<string> {
  return new Set(tokens.map((t) => t.trim().toLowerCase()));
}

/** True for null/undefined and strings equal (trimmed, case-insensitive) to a missing token. */
export function isMissing(value: RawValue, missing: ReadonlySet<string>): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  return missing.has(value.trim().toLowerCase());
}

/**
 * A raw value as a number: NaN when missing, `undefined` when present but not
 * a finite number (reported as invalid). `true`/`false` read as 1/0, like a
 * boolean column.
 */
export function rawNumber(value: RawValue, missing: ReadonlySet<string>): number | undefined {
  if (isMissing(value, missing)) return Number.NaN;
  const n = typeof value === 'number' ? value : parseNumber(String(value));
  return Number.isFinite(n) ? n : undefined;
}

/** A raw value as a category string (trimmed), or null when missing. */
export function rawCategory(value: RawValue, missing: ReadonlySet<string>): string | null {
  if (isMissing(value, missing)) return null;
  return typeof value === 'number' ? String(value) : String(value).trim();
}

/** A cell's text as a number: true/false as 1/0, empty or unreadable as NaN. */
export function parseNumber(text: string): number {
  const t = text.trim();
  const lower = t.toLowerCase();
  if (lower === 'true') return 1;
  if (lower === 'false') return 0;
  if (t === '') return Number.NaN;
  const n = Number(t);
  return Number.isFinite(n) ? n : Number.NaN;
}
