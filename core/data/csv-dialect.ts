/**
 * How a CSV is written, guessed from its first lines: line ending,
 * delimiter, decimal comma, and whether the first row is a header.
 */
import { CSV_DELIMITERS, parseSample, type CsvDelimiter, type CsvNewline } from './csv-parse';
import { duplicateColumnIssue, emptyColumnNameIssue } from './csv-messages';
import type { DataIssue } from './issues';

/** Rows looked at when guessing the delimiter and the header. */
export const SAMPLE_ROWS = 50;

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
/** `1,5`, `-0,25`, `1.234,5` (dot as thousands separator). */
const DECIMAL_COMMA_NUMBER = /^[-+]?(\d{1,3}(\.\d{3})+|\d+),\d+([eE][-+]?\d+)?$/;

/** A cell that reads as a number (with `,` as the decimal separator when `decimalComma`). */
export function looksNumeric(cell: string, decimalComma: boolean): boolean {
  const text = cell.trim();
  return NUMBER.test(text) || (decimalComma && DECIMAL_COMMA_NUMBER.test(text));
}

/** A row from an empty or whitespace-only line. */
export function isBlankRow(fields: readonly string[]): boolean {
  return fields.length === 1 && (fields[0] ?? '').trim() === '';
}

/** Characters after which a quote opens a quoted field: the candidate delimiters and line ends. */
const FIELD_STARTS = [44, 59, 9, 124, 10, 13];

/**
 * The first line ending outside quotes (`\n` when there is none). A quote
 * opens a field only at the start of a line or after a candidate delimiter,
 * so `5" screen` in an unquoted field does not hide the line end.
 */
export function detectNewline(text: string, final: boolean): CsvNewline {
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i += 1;
        else quoted = false;
      }
    } else if (c === 34) {
      quoted = i === 0 || FIELD_STARTS.includes(text.charCodeAt(i - 1));
    } else if (c === 10) {
      return '\n';
    } else if (c === 13) {
      if (i + 1 < text.length) return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
      return final ? '\r' : '\r\n';
    }
  }
  return '\n';
}

interface DelimiterScore {
  delimiter: CsvDelimiter;
  /** Share of rows with the most common field count. */
  consistency: number;
  /** Share of cells that look numeric. */
  numeric: number;
  fields: number;
}

/**
 * The delimiter that splits the sample rows most consistently into two or more
 * fields; ties go to the split whose cells read as numbers (so `1,5;2,5` is a
 * semicolon file with decimal commas), then to more fields, then to `, ; \t |`
 * in that order. A single-column file gets `,`.
 */
export function detectDelimiter(text: string, newline: CsvNewline, final: boolean): CsvDelimiter {
  let best: DelimiterScore | null = null;
  for (const delimiter of CSV_DELIMITERS) {
    const rows = parseSample(text, delimiter, newline, final, SAMPLE_ROWS).filter((r) => !isBlankRow(r));
    if (rows.length === 0) continue;
    const counts = new Map<number, number>();
    for (const row of rows) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
    let fields = 1;
    let mode = 0;
    for (const [width, seen] of counts) {
      if (seen > mode || (seen === mode && width > fields)) [fields, mode] = [width, seen];
    }
    if (fields < 2) continue;
    let cells = 0;
    let numeric = 0;
    for (const row of rows) {
      for (const cell of row) {
        cells += 1;
        if (looksNumeric(cell, delimiter === ';')) numeric += 1;
      }
    }
    const score = { delimiter, consistency: round2(mode / rows.length), numeric: round2(numeric / cells), fields };
    if (!best || better(score, best)) best = score;
  }
  return best?.delimiter ?? ',';
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function better(a: DelimiterScore, b: DelimiterScore): boolean {
  if (a.consistency !== b.consistency) return a.consistency > b.consistency;
  if (a.numeric !== b.numeric) return a.numeric > b.numeric;
  return a.fields > b.fields;
}

/** Semicolon files whose numbers use `,` as decimal separator (and not `.`). */
export function detectDecimalComma(rows: readonly (readonly string[])[], delimiter: CsvDelimiter): boolean {
  if (delimiter !== ';') return false;
  let comma = 0;
  let dot = 0;
  for (const row of rows) {
    for (const cell of row) {
      const text = cell.trim();
      if (DECIMAL_COMMA_NUMBER.test(text)) comma += 1;
      else if (/^[-+]?\d*\.\d+([eE][-+]?\d+)?$/.test(text) && !/^[-+]?\d{1,3}\.\d{3}$/.test(text)) dot += 1;
    }
  }
  return comma > 0 && comma >= dot;
}

/**
 * Whether the first of `rows` (blank lines removed) is a header. Columns that
 * are numeric below vote: a text name above them is a header, a number above
 * them is data. With no such votes, a first row of distinct, non-empty,
 * non-numeric names that do not recur in their columns is a header.
 */
export function detectHeader(rows: readonly (readonly string[])[], decimalComma: boolean, missing: ReadonlySet<string>): boolean {
  const [first, ...below] = rows;
  if (!first) return false;
  const isMissing = (cell: string): boolean => missing.has(cell.trim().toLowerCase());
  const firstNumeric = first.some((cell) => !isMissing(cell) && looksNumeric(cell, decimalComma));
  if (below.length === 0) return !firstNumeric && first.some((cell) => cell.trim() !== '');

  let votes = 0;
  first.forEach((top, j) => {
    const present = below.map((row) => row[j]).filter((c): c is string => c !== undefined && !isMissing(c));
    if (present.length === 0 || !present.every((c) => looksNumeric(c, decimalComma))) return;
    if (isMissing(top)) return;
    votes += looksNumeric(top, decimalComma) ? -1 : 1;
  });
  if (votes !== 0) return votes > 0;

  const names = first.map((cell) => cell.trim());
  if (firstNumeric || names.some((n) => n === '') || new Set(names).size !== names.length) return false;
  return names.every((n, j) => below.every((row) => (row[j] ?? '').trim() !== n));
}

/** `column_1 … column_n`. */
export function generatedHeader(width: number): string[] {
  return Array.from({ length: width }, (_, i) => `column_${i + 1}`);
}

/**
 * Header cells trimmed, empty ones named `column_<position>` and repeats made
 * unique with `_2`, `_3`...; each rename is a warning.
 */
export function uniqueHeader(cells: readonly string[], source: string, line: number): { names: string[]; issues: DataIssue[] } {
  const issues: DataIssue[] = [];
  const trimmed = cells.map((c) => c.trim());
  const used = new Set(trimmed.filter((n) => n !== ''));
  const seen = new Set<string>();
  const names = trimmed.map((name, i) => {
    if (name === '') {
      const renamed = freeName(`column_${i + 1}`, used);
      issues.push(emptyColumnNameIssue(source, line, i + 1, renamed));
      return renamed;
    }
    if (seen.has(name)) {
      const renamed = freeName(name, used, 2);
      issues.push(duplicateColumnIssue(source, line, i + 1, name, renamed));
      return renamed;
    }
    seen.add(name);
    return name;
  });
  return { names, issues };
}

/** `base` (or `base_<n>` from `n`) not yet used; marks it used. */
function freeName(base: string, used: Set<string>, from?: number): string {
  let name = from === undefined ? base : `${base}_${from}`;
  for (let n = (from ?? 1) + 1; used.has(name); n += 1) name = `${base}_${n}`;
  used.add(name);
  return name;
}
