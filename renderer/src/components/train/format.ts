/** Number and duration formatting for the Train view (pure). */

/** A duration as m:ss, or h:mm:ss from an hour on; negative or non-finite → null. */
export function formatDuration(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return null;
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A rate rounded to what the eye needs: 3 significant figures below 1,000, whole numbers above (NaN → 0). */
export function roundRate(rate: number): number {
  if (!Number.isFinite(rate) || rate <= 0) return 0;
  if (rate >= 1000) return Math.round(rate / 100) * 100;
  return Number(rate.toPrecision(3));
}

/** A loss or metric value for readouts: 4 significant figures. */
export function roundValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}

/** Parses a positive number typed by the user (decimal comma accepted); null when it is not one. */
export function parsePositive(text: string): number | null {
  const v = Number(text.trim().replace(',', '.'));
  return Number.isFinite(v) && v > 0 ? v : null;
}
