/**
 * Small formatting helpers of the data view: byte sizes, statistics rounded
 * to what the eye needs, and the import report's delimiter names.
 */

/** `532 B`, `12.4 KB`, `3.1 MB`, `1.2 GB` (1 KB = 1024 bytes). */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : value < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value)} ${units[unit]!}`;
}

/** A statistic with four significant digits (`0.1235`, `1,234`, `1.235e+6` beyond a million). */
export function formatStat(value: number, locale: string): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1e6) return value.toExponential(3);
  return new Intl.NumberFormat(locale, { maximumSignificantDigits: 4 }).format(value);
}

/** The message key of a delimiter's readable name. */
export function delimiterKey(delimiter: string): 'comma' | 'semicolon' | 'tab' | 'pipe' | 'other' {
  switch (delimiter) {
    case ',': return 'comma';
    case ';': return 'semicolon';
    case '\t': return 'tab';
    case '|': return 'pipe';
    default: return 'other';
  }
}

/** A table cell as text: numbers with up to six significant digits, null as ''. */
export function formatCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}
