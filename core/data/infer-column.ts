/**
 * One column being read: each cell is parsed once as it streams in (trim,
 * missing token, number, boolean, dictionary code) into growable typed
 * arrays; `finish` decides the kind and builds the `Column` with its
 * statistics and warnings.
 */
import { DICTIONARY_CAP, LISTED_CELLS, NUMERIC_DISTINCT_CAP, NUMERIC_SHARE, inferKind, parseBoolean } from './infer';
import {
  constantIssue, emptyColumnIssue, infiniteIssue, nonNumericIssue, outOfRangeIssue, quoteCell, type ListedCell,
} from './infer-issues';
import type { DataIssue } from './issues';
import { parseNumber } from './number-parse';
import { codeCounts, formatFloat32, numericSummary, numericSummaryWithDistinct, topCategories } from './stats';
import type { Column, ColumnKind, ColumnStats } from './table';

const INITIAL_CAPACITY = 1024;
/** Code of a cell that held a number (its value is in `values`). */
const NUMBER_CELL = -2;

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
  /**
   * Dictionary codes of the text cells (−1 = missing, `NUMBER_CELL` = a number,
   * which stays in `values`), allocated at the first text cell: a numeric
   * column never pays for codes or string hashing.
   */
  private codes: Int32Array | null = null;
  private dictionaryDropped = false;
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
  private firstInfinite: ListedCell | null = null;
  /** The first few present cells that are not numbers (nor infinities). */
  private readonly listed: ListedCell[] = [];

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
        if (this.codes) this.codes[r] = NUMBER_CELL;
        return;
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

  /** Allocates the codes at the first text cell; earlier cells were numbers or missing. */
  private ensureCodes(): Int32Array {
    if (this.codes) return this.codes;
    const codes = new Int32Array(this.values.length);
    for (let q = 0; q < this.rows - 1; q++) codes[q] = Number.isNaN(this.values[q]!) ? -1 : NUMBER_CELL;
    this.codes = codes;
    return codes;
  }

  /** Whether a configured missing token reads as a number (then numbers cannot skip the token check). */
  get hasNumericMissingTokens(): boolean {
    return this.missingList.numeric.size > 0;
  }

  /**
   * The fast path's direct access: makes room for `extra` more rows and
   * returns the value storage, into which the caller writes finite numbers
   * for rows `rows`, `rows + 1`, … and then calls `commitNumbers(count)`.
   */
  reserveNumbers(extra: number): Float32Array {
    while (this.rows + extra > this.values.length) this.grow();
    return this.values;
  }

  /** Counts `count` numbers written after the current last row through `reserveNumbers`. */
  commitNumbers(count: number): void {
    const r = this.rows;
    if (this.codes) this.codes.fill(NUMBER_CELL, r, r + count);
    this.rows = r + count;
    this.numbers += count;
  }

  /** Rows read so far. */
  get rowCount(): number {
    return this.rows;
  }

  private addMissing(r: number): void {
    this.missing++;
    this.values[r] = NaN;
    if (this.codes) this.codes[r] = -1;
  }

  private encode(text: string, r: number): void {
    const dictionary = this.dictionary!;
    const codes = this.ensureCodes();
    let code = dictionary.get(text);
    if (code === undefined) {
      code = this.labels.length;
      dictionary.set(text, code);
      this.labels.push(text);
      if (code >= DICTIONARY_CAP && this.mostlyNumeric()) {
        this.dictionaryDropped = true;
        this.dictionary = null;
        this.codes = null;
        this.labels = [];
        return;
      }
    }
    codes[r] = code;
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
    // A view when little capacity is spare (no copy at the peak of memory use), else a right-sized copy.
    const values = this.values.length === rows ? this.values
      : rows >= 0.75 * this.values.length ? this.values.subarray(0, rows) : this.values.slice(0, rows);
    const readCodes = this.codes && (this.codes.length === rows ? this.codes : this.codes.slice(0, rows));
    this.values = new Float32Array(0);
    this.codes = null;
    const counts = {
      rows, missing: this.missing, numbers: this.numbers, infinite: this.infinite + this.outOfRange,
      booleans: this.booleans, distinct: this.dictionaryDropped ? null : this.labels.length,
    };
    const issues: DataIssue[] = [];
    if (inferKind(counts) === 'numeric') {
      const { kind, stats } = this.finishNumeric(source, values, issues);
      return { column: { name: this.name, index: this.index, kind, values, dictionary: null, codes: null, stats }, issues };
    }
    // A text column: its number cells join the dictionary as text, in first-seen order.
    const { dictionary, codes } = mergeNumberCells(values, readCodes ?? new Int32Array(rows).fill(-1), this.labels);
    const kind = inferKind({ ...counts, distinct: dictionary.length });
    const finished = kind === 'boolean'
      ? this.finishBoolean(source, values, codes, dictionary, issues)
      : this.finishStrings(source, kind, values, codes, dictionary, issues);
    const column: Column = { name: this.name, index: this.index, kind: finished.kind, values, dictionary, codes, stats: finished.stats };
    return { column, issues };
  }

  private finishNumeric(source: string, values: Float32Array, issues: DataIssue[]): { kind: ColumnKind; stats: ColumnStats } {
    const { count, numeric, whole, distinct, capped } = numericSummaryWithDistinct(values, NUMERIC_DISTINCT_CAP);
    const present = this.rows - this.missing;
    const stray = present - this.numbers - this.infinite - this.outOfRange;
    if (stray > 0) issues.push(nonNumericIssue(source, this.name, stray, this.listed));
    if (this.firstInfinite) issues.push(infiniteIssue(source, this.name, this.infinite, this.firstInfinite));
    if (this.firstOutOfRange) issues.push(outOfRangeIssue(source, this.name, this.outOfRange, this.firstOutOfRange));
    const stats: ColumnStats = { count, missing: this.missing, invalid: present - count, distinct, distinctCapped: capped, numeric };
    if (numeric && numeric.min === numeric.max) {
      issues.push(constantIssue(source, this.name, formatFloat32(numeric.min), count));
      return { kind: 'constant', stats };
    }
    // Whole numbers as stored (Float32), i.e. as training will see them.
    return { kind: whole === true ? 'integer' : 'numeric', stats };
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

/**
 * Codes for every cell of a text column: text cells keep their codes, number
 * cells (`NUMBER_CELL`) get the number's shortest Float32 spelling as a label;
 * codes are renumbered in first-seen row order.
 */
function mergeNumberCells(values: Float32Array, read: Int32Array, labels: readonly string[]): { dictionary: string[]; codes: Int32Array } {
  const codes = new Int32Array(read.length);
  const dictionary: string[] = [];
  const byLabel = new Map<string, number>();
  const remap = new Int32Array(labels.length).fill(-1);
  for (let r = 0; r < read.length; r++) {
    const c = read[r]!;
    if (c === -1) { codes[r] = -1; continue; }
    if (c >= 0 && remap[c]! >= 0) { codes[r] = remap[c]!; continue; }
    const label = c >= 0 ? labels[c]! : formatFloat32(values[r]!);
    let code = byLabel.get(label);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(label);
      byLabel.set(label, code);
    }
    if (c >= 0) remap[c] = code;
    codes[r] = code;
  }
  return { dictionary, codes };
}
