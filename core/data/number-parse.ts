/**
 * Reading one trimmed CSV cell as a number. The grammar is deliberately
 * narrow so that nothing is guessed: an optional sign (`+`, `-` or the
 * Unicode minus `−`), digits with at most one decimal point, an optional
 * exponent (`e`/`E`, optional sign, digits). Thousands separators
 * (`1,234` or `1 234`), hex, currency signs and units are not numbers.
 * With `decimalComma` the decimal point is a comma (`1,5` → 1.5) and a dot is
 * not accepted, since in such files `1.234` usually means one thousand two
 * hundred and thirty-four.
 */

const PLUS = 0x2b;
const MINUS = 0x2d;
const UNICODE_MINUS = 0x2212;
const DOT = 0x2e;
const COMMA = 0x2c;
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

/** Spellings of infinity (lower case, without sign) that are recognised and reported as invalid. */
export const INFINITY_TOKENS: readonly string[] = ['inf', 'infinity', '∞'];

const isSign = (c: number): boolean => c === PLUS || c === MINUS || c === UNICODE_MINUS;

/** 10^0 … 10^22: the powers of ten a double holds exactly. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const MAX_EXACT_MANTISSA = 2 ** 53;

/**
 * The number a trimmed cell holds: a finite number, `±Infinity` for an
 * infinity token (`inf`, `-Infinity`, `∞`...) or a literal too large for a
 * double (`1e999`), and NaN when the cell is not a number at all. The
 * caller decides what infinity means (the table builder counts it as
 * invalid, never as a value).
 *
 * Fast path (Clinger): when the digits form an integer m < 2^53 and the
 * decimal exponent e satisfies |e| ≤ 22, m and 10^|e| are exact doubles and
 * m·10^e or m/10^−e is one correctly rounded operation, so the result equals
 * `Number(text)`; anything else goes through `Number`.
 */
export function parseNumber(text: string, decimalComma: boolean): number {
  const v = parseNumberIn(text, 0, text.length, decimalComma);
  if (v === v || text.length === 0 || !isDigitless(text, decimalComma)) return v;
  return parseInfinity(text);
}

/** The number grammar on `text[start, end)`; NaN when no digit comes before a possible exponent (`parseNumber` then tries the infinity tokens). */
function parseNumberIn(text: string, start: number, end: number, decimalComma: boolean): number {
  const n = end;
  if (n <= start) return NaN;
  const point = decimalComma ? COMMA : DOT;
  let i = start;
  const first = text.charCodeAt(start);
  if (isSign(first)) i = start + 1;
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let c = 0;
  for (; i < n; i++) {
    c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) break;
    mantissa = mantissa * 10 + (c - ZERO);
    digits++;
  }
  let hasPoint = false;
  if (i < n && c === point) {
    hasPoint = true;
    for (i++; i < n; i++) {
      c = text.charCodeAt(i);
      if (c < ZERO || c > NINE) break;
      mantissa = mantissa * 10 + (c - ZERO);
      digits++;
      fraction++;
    }
  }
  if (digits === 0) return NaN;
  let exponent = 0;
  if (i < n) {
    if (c !== LOWER_E && c !== UPPER_E) return NaN;
    i++;
    let negative = false;
    if (i < n && isSign(text.charCodeAt(i))) {
      negative = text.charCodeAt(i) !== PLUS;
      i++;
    }
    const expStart = i;
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      if (c < ZERO || c > NINE) return NaN;
      if (exponent < 1e6) exponent = exponent * 10 + (c - ZERO);
    }
    if (i === expStart) return NaN;
    if (negative) exponent = -exponent;
  }
  const scale = exponent - fraction;
  if (mantissa < MAX_EXACT_MANTISSA && scale >= -22 && scale <= 22) {
    const magnitude = scale >= 0 ? mantissa * EXACT_POWERS_OF_TEN[scale]! : mantissa / EXACT_POWERS_OF_TEN[-scale]!;
    return first === MINUS || first === UNICODE_MINUS ? -magnitude : magnitude;
  }
  let literal = start === 0 && end === text.length ? text : text.slice(start, end);
  if (decimalComma && hasPoint) literal = literal.replace(',', '.');
  if (literal.includes('\u2212')) literal = literal.replace(/\u2212/g, '-');
  return Number(literal);
}

/** True when the text has no digit before any exponent: then only an infinity token can make it a number. */
function isDigitless(text: string, decimalComma: boolean): boolean {
  const point = decimalComma ? COMMA : DOT;
  let i = isSign(text.charCodeAt(0)) ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= ZERO && c <= NINE) return false;
    if (c !== point) return true;
  }
  return true;
}

/** ±Infinity for an infinity token, else NaN. */
function parseInfinity(text: string): number {
  const first = text.charCodeAt(0);
  const negative = first === MINUS || first === UNICODE_MINUS;
  const body = (isSign(first) ? text.slice(1) : text).toLowerCase();
  if (!INFINITY_TOKENS.includes(body)) return NaN;
  return negative ? -Infinity : Infinity;
}
