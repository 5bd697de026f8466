/** Number formatting of the Evaluate and Export views: what the eye needs, locale-aware. */

/** A metric such as accuracy or R²: three decimals; NaN / missing → null. */
export function metric(value: number | null | undefined, locale: string): string | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return value.toLocaleString(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
}

/** A value in the data's units: four significant digits. */
export function value(v: number | null | undefined, locale: string): string {
  if (v === null || v === undefined) return '';
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)) return v.toExponential(3);
  return v.toLocaleString(locale, { maximumSignificantDigits: 4 });
}

/** A share as a percentage with no decimals (e.g. "93%"). */
export function percent(share: number, locale: string): string {
  return share.toLocaleString(locale, { style: 'percent', maximumFractionDigits: 0 });
}

/** A cell of the original data as shown in a table. */
export function cell(v: string | number | null | undefined, locale: string): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'number' ? value(v, locale) : v;
}
