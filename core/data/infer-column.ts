/**
 * One column being read: each cell is parsed once as it streams in (trim,
 * missing token, number, boolean, dictionary code) into growable typed
 * arrays; `finish` decides the kind and builds the `Column` with its
 * statistics and warnings.
 */
import { DICTIONARY_CAP, LISTED_CELLS, NUMERIC_SHARE, inferKind, parseBoolean } from './infer';
import {
  constantIssue, emptyColumnIssue, infiniteIssue, nonNumericIssue, outOfRangeIssue, quoteCell, type ListedCell,
} from './infer-issues';
import type { DataIssue } from './issues';
import { parseNumber } from './number-parse';
import { codeCounts, formatFloat32, numericSummary, topCategories } from './stats';
import type { Column, ColumnKind, ColumnStats } from './table';

const INITIAL_CAPACITY = 1024;

/** Missing-value tokens, lower-cased, with the longest length (longer cells are never lower-cased). */
export interface MissingTokens {
  readonly tokens: ReadonlySet<string>;
  readonly longest: number;
  /** The tokens that read as numbers (`-999`, `inf`...): only these are looked up for a numeric cell. */
  readonly numeric: ReadonlySet<string>;
}

/** Lower-cased, trimmed token set; an empty cell is always missing whatever the list says. */
export function missingTokens(list: readonly string[], decimalComma: boolean): MissingTokens {
  const tokens = new Set(list.map((t) => t.trim().toLowerCase()));
  let longest = 0;
  for (const t of tokens) longest = Math.max(longest, t.length);
  const numeric = new Set([...tokens].filter((t) => !Number.isNaN(parseNumber(t, decimalComma))));
  return { tokens, longest, numeric };
}

/** Whether `trim` could change a string starting or ending with this code unit (ASCII controls and space, or non-ASCII). */
const mayBeSpace = (c: number): boolean => c <= 0x20 || c >= 0xa0;

/** A finished column and the warnings about it. */
export interface FinishedColumn {
  column: Column;
  issues: DataIssue[];
}

/** Reads the cells of one column; see the file comment. */
export class ColumnReader {
  private values = new Float32Array(INITIAL_CAPACITY);
  /** Dictionary codes, while the dictionary is kept (−1 = missing). */
  private codes: Int32Array | null = new Int32Array(INITIAL_CAPACITY);
  private dictionary: Map<string, number> | null = new Map();
  private labels: string[] = [];
  private rows = 0;
  private missing = 0;
  private numbers = 0;
  private infinite = 0;
  /** Finite numbers beyond the Float32 range (|v| ≳ 3.4e38), which would be stored as ±Infinity. */
  private outOfRange = 0;
  private firstOutOfRange: ListedCell | null = null;
  private booleans = 0;
  private allIntegers = true;
  private firstInfinite: ListedCell | null = null;
  /** The first few present cells that are not numbers (nor infinities). */
  private readonly listed: ListedCell[] = [];
  private distinctAtDrop = 0;

  constructor(
    readonly name: string,
    readonly index: number,
    private readonly missingList: MissingTokens,
    private readonly decimalComma: boolean,
  ) {}

  /** One cell of the next row; `line` is its 1-based line in the file. */
  add(raw: string, line: number): void {
    const r = this.rows;
    if (r === this.values.length) this.grow();
    this.rows = r + 1;
    const last = raw.length - 1;
    const text = last >= 0 && (mayBeSpace(raw.charCodeAt(0)) || mayBeSpace(raw.charCodeAt(last))) ? raw.trim() : raw;
    const n = text.length;
    if (n === 0) return this.addMissing(r);
    const v = parseNumber(text, this.decimalComma);
    if (v === v) {
      const tokens = this.missingList.numeric;
      if (tokens.size > 0 && tokens.has(text.toLowerCase())) return this.addMissing(r);
      const stored = Math.fround(v);
      if (stored !== Infinity && stored !== -Infinity) {
        this.numbers++;
        this.values[r] = stored;
        if (this.allIntegers && !Number.isInteger(v)) this.allIntegers = false;
      } else if (v === Infinity || v === -Infinity) {
        this.values[r] = NaN;
        this.infinite++;
        this.firstInfinite ??= { row: line, text };
      } else {
        this.values[r] = NaN;
        this.outOfRange++;
        this.firstOutOfRange ??= { row: line, text };
      }
    } else {
      if (n <= this.missingList.longest && this.missingList.tokens.has(text.toLowerCase())) return this.addMissing(r);
      this.values[r] = NaN;
      if (parseBoolean(text) >= 0) this.booleans++;
      if (this.listed.length < LISTED_CELLS) this.listed.push({ row: line, text });
    }
    if (this.dictionary) this.encode(text, r);
  }

  private addMissing(r: number): void {
    this.missing++;
    this.values[r] = NaN;
    if (this.codes) this.codes[r] = -1;
  }

  private encode(text: string, r: number): void {
    const dictionary = this.dictionary!;
    let code = dictionary.get(text);
    if (code === undefined) {
      code = this.labels.length;
      dictionary.set(text, code);
      this.labels.push(text);
      if (code >= DICTIONARY_CAP && this.mostlyNumeric()) {
        this.distinctAtDrop = this.labels.length;
        this.dictionary = null;
        this.codes = null;
        this.labels = [];
        return;
      }
    }
    this.codes![r] = code;
  }

  private mostlyNumeric(): boolean {
    const present = this.rows - this.missing;
    const numberLike = this.numbers + this.infinite + this.outOfRange;
    return numberLike > 0 && numberLike >= NUMERIC_SHARE * present;
  }

  /** Doubles the storage. */
  private grow(): void {
    const values = new Float32Array(this.values.length * 2);
    values.set(this.values);
    this.values = values;
    if (this.codes) {
      const codes = new Int32Array(this.codes.length * 2);
      codes.set(this.codes);
      this.codes = codes;
    }
  }

  /** Infers the kind, fills the numeric view for non-numeric kinds, and computes the statistics. */
  finish(source: string): FinishedColumn {
    const rows = this.rows;
    const values = this.values.length === rows ? this.values : this.values.slice(0, rows);
    const codes = this.codes && (this.codes.length === rows ? this.codes : this.codes.slice(0, rows));
    this.values = new Float32Array(0);
    this.codes = null;
    const dictionary = this.dictionary ? this.labels : null;
    const kind = inferKind({
      rows, missing: this.missing, numbers: this.numbers, infinite: this.infinite + this.outOfRange,
      booleans: this.booleans, distinct: dictionary ? dictionary.length : null,
    });
    const issues: DataIssue[] = [];
    if (kind === 'numeric') {
      // The numbers are the column; the codes would only double its memory.
      const { kind: narrowed, stats } = this.finishNumeric(source, values, dictionary, issues);
      return { column: { name: this.name, index: this.index, kind: narrowed, values, dictionary: null, codes: null, stats }, issues };
    }
    const finished = kind === 'boolean'
      ? this.finishBoolean(source, values, codes!, dictionary!, issues)
      : this.finishStrings(source, kind, values, codes!, dictionary!, issues);
    const column: Column = { name: this.name, index: this.index, kind: finished.kind, values, dictionary, codes, stats: finished.stats };
    return { column, issues };
  }

  private finishNumeric(source: string, values: Float32Array, dictionary: string[] | null, issues: DataIssue[]): { kind: ColumnKind; stats: ColumnStats } {
    const { count, numeric } = numericSummary(values);
    const present = this.rows - this.missing;
    const stray = present - this.numbers - this.infinite - this.outOfRange;
    if (stray > 0) issues.push(nonNumericIssue(source, this.name, stray, this.listed));
    if (this.firstInfinite) issues.push(infiniteIssue(source, this.name, this.infinite, this.firstInfinite));
    if (this.firstOutOfRange) issues.push(outOfRangeIssue(source, this.name, this.outOfRange, this.firstOutOfRange));
    let distinct = this.distinctAtDrop;
    if (dictionary) {
      const numbers = new Set<number>();
      for (const label of dictionary) {
        const v = Math.fround(parseNumber(label, this.decimalComma));
        if (Number.isFinite(v)) numbers.add(v);
      }
      distinct = numbers.size;
    }
    const stats: ColumnStats = { count, missing: this.missing, invalid: present - count, distinct, distinctCapped: dictionary === null, numeric };
    if (numeric && numeric.min === numeric.max) {
      issues.push(constantIssue(source, this.name, formatFloat32(numeric.min), count));
      return { kind: 'constant', stats };
    }
    return { kind: this.allIntegers && count > 0 ? 'integer' : 'numeric', stats };
  }

  private finishBoolean(source: string, values: Float32Array, codes: Int32Array, dictionary: string[], issues: DataIssue[]): { kind: ColumnKind; stats: ColumnStats } {
    const truth = dictionary.map((label) => parseBoolean(label));
    for (let r = 0; r < codes.length; r++) {
      const c = codes[r]!;
      values[r] = c < 0 ? NaN : truth[c]!;
    }
    const perCode = codeCounts(codes, dictionary.length);
    // Each truth value is labelled with its first-seen spelling (`yes`, `True`...).
    const labels: string[] = [];
    const counts: number[] = [];
    const slot = [-1, -1];
    truth.forEach((t, code) => {
      if (t < 0) return;
      if (slot[t] === -1) {
        slot[t] = labels.length;
        labels.push(dictionary[code]!);
        counts.push(0);
      }
      counts[slot[t]!]! += perCode[code]!;
    });
    const { count, numeric } = numericSummary(values);
    const stats: ColumnStats = {
      count, missing: this.missing, invalid: 0, distinct: labels.length, distinctCapped: false,
      numeric, top: topCategories(labels, counts),
    };
    if (labels.length === 1) {
      issues.push(constantIssue(source, this.name, quoteCell(labels[0]!), count));
      return { kind: 'constant', stats };
    }
    return { kind: 'boolean', stats };
  }

  private finishStrings(
    source: string, kind: ColumnKind, values: Float32Array, codes: Int32Array, dictionary: string[], issues: DataIssue[],
  ): { kind: ColumnKind; stats: ColumnStats } {
    for (let r = 0; r < codes.length; r++) {
      const c = codes[r]!;
      values[r] = c < 0 ? NaN : c;
    }
    const count = this.rows - this.missing;
    const stats: ColumnStats = {
      count, missing: this.missing, invalid: 0, distinct: dictionary.length, distinctCapped: false,
      top: topCategories(dictionary, codeCounts(codes, dictionary.length)),
    };
    if (count === 0 && this.rows > 0) issues.push(emptyColumnIssue(source, this.name, this.rows));
    else if (kind === 'constant' && count > 0) issues.push(constantIssue(source, this.name, quoteCell(dictionary[0]!), count));
    return { kind, stats };
  }
}
