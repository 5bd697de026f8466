/**
 * The import's fast path: consecutive rows of plain numbers read straight
 * from the decoded text into the column storage, without papaparse and
 * without cutting a string per cell: one native search finds each line's
 * end, whose CR or LF then stops every scan, so no character read needs a
 * bounds test. A plain number is `-ddd.ddde±x` with at most 15
 * digits and a decimal scale within ±22, so m·10^s is one correctly rounded
 * operation (Clinger) and equals `parseNumber`'s value. A row with any
 * other cell (text, a missing token, more than 15 digits, a quote) is
 * left to the reader's general path, which gives the same table.
 */
import type { ColumnReader } from './infer-column';

const MINUS = 0x2d, DOT = 0x2e, COMMA = 0x2c, ZERO = 0x30, NINE = 0x39, CR = 0x0d, PLUS = 0x2b, LOWER_E = 0x65, UPPER_E = 0x45;
/** 10^0 … 10^22, exact in a double. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** What `readPlainRows` needs to know of a table, worked out once per builder. */
export interface PlainRowScratch {
  readonly readers: readonly ColumnReader[];
  readonly decimalComma: boolean;
  /** A configured missing token reads as a number: numbers must then take the general path. */
  readonly numericTokens: boolean;
}

export function createPlainRowScratch(readers: readonly ColumnReader[], decimalComma: boolean): PlainRowScratch {
  return { readers, decimalComma, numericTokens: readers.some((r) => r.hasNumericMissingTokens) };
}

/**
 * Reads rows of `text` from `start` while they are plain: only plain numbers,
 * exactly as many cells as columns, each row ended by `newline`. Returns where
 * it stopped, at the start of the first row it did not take (the reader's
 * general path handles that row, and a last row without a newline), and the
 * number of rows taken.
 */
export function readPlainRows(
  s: PlainRowScratch, text: string, start: number, newline: '\n' | '\r\n', delimiter: string,
): { stop: number; rows: number } {
  const { readers } = s;
  const width = readers.length;
  const d = delimiter.charCodeAt(0);
  const point = s.decimalComma ? COMMA : DOT;
  const crlf = newline === '\r\n';
  const numericTokens = s.numericTokens;
  const n = text.length;
  // Room for the most rows the text can hold (each at least `width` digits, delimiters and a newline).
  const most = Math.ceil((n - start) / (2 * width)) + 1;
  const columns = readers.map((r) => r.reserveNumbers(most));
  const r0 = readers[0]!.rowCount;
  let rows = 0;
  let row = start;
  while (row < n) {
    const first = text.charCodeAt(row);
    if (first <= 0x20 || first === 0xa0) break;
    // The row ends at its line feed (at the CR before it for CRLF). A last row without one is left to the general path.
    const lf = text.indexOf('\n', row);
    if (lf < 0) break;
    const limit = crlf ? lf - 1 : lf;
    if (limit < row || (crlf && text.charCodeAt(limit) !== CR)) break;
    // Every read below stays at or before `limit`, whose character (CR or LF) ends any number.
    let pos = row;
    const r = r0 + rows;
    for (let j = 0; j < width; j++) {
      let c = text.charCodeAt(pos);
      let negative = false;
      if (c === MINUS) { negative = true; c = text.charCodeAt(++pos); }
      let mantissa = 0, digits = 0, fraction = 0;
      while (c >= ZERO && c <= NINE) { mantissa = mantissa * 10 + (c - ZERO); digits++; c = text.charCodeAt(++pos); }
      if (c === point) {
        c = text.charCodeAt(++pos);
        while (c >= ZERO && c <= NINE) { mantissa = mantissa * 10 + (c - ZERO); digits++; fraction++; c = text.charCodeAt(++pos); }
      }
      let scale = -fraction;
      if ((c === LOWER_E || c === UPPER_E) && digits > 0) {
        c = text.charCodeAt(++pos);
        let expNegative = false;
        if (c === MINUS || c === PLUS) { expNegative = c === MINUS; c = text.charCodeAt(++pos); }
        let exponent = 0, expDigits = 0;
        while (c >= ZERO && c <= NINE && expDigits < 4) { exponent = exponent * 10 + (c - ZERO); expDigits++; c = text.charCodeAt(++pos); }
        if (expDigits === 0) return done(readers, row, rows);
        scale += expNegative ? -exponent : exponent;
      }
      // Anything but a plain number (text, a missing token, more than 15 digits...) leaves the row to the general path.
      if (digits === 0 || digits > 15 || scale < -22 || scale > 22 || numericTokens) return done(readers, row, rows);
      const magnitude = scale === 0 ? mantissa : scale > 0 ? mantissa * POWERS_OF_TEN[scale]! : mantissa / POWERS_OF_TEN[-scale]!;
      columns[j]![r] = negative ? -magnitude : magnitude;
      if (pos === limit) {
        if (j < width - 1) return done(readers, row, rows);
      } else if (c !== d || j === width - 1) {
        return done(readers, row, rows);
      } else {
        pos++;
      }
    }
    rows++;
    row = lf + 1;
  }
  return done(readers, row, rows);
}

/** Counts the rows taken in every column and says where reading stopped. */
function done(readers: readonly ColumnReader[], stop: number, rows: number): { stop: number; rows: number } {
  for (const reader of readers) reader.commitNumbers(rows);
  return { stop, rows };
}
