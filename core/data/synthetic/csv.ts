/**
 * Synthetic datasets written as CSV text, so they enter the studio through
 * the same import as any file (type inference, statistics, the Data view).
 */
import type { SyntheticData } from './types';

/** The header line of every synthetic CSV. */
export const SYNTHETIC_CSV_HEADER = 'x1,x2,label';

/** Class names written for the ±1 labels (TensorFlow Playground's colours). */
export const CLASS_NAMES = { positive: 'blue', negative: 'orange' } as const;

/** Decimal places kept in the CSV: far below any noise level, and readable. */
export const CSV_DECIMALS = 4;

/**
 * The dataset as CSV text: header `x1,x2,label`, one row per point, `\n` line
 * ends (a final one included). Classification labels are the strings `blue`
 * (+1) and `orange` (−1), so the import reads the column as categorical;
 * regression labels are numbers. Numbers keep CSV_DECIMALS decimals.
 */
export function syntheticToCsv(data: SyntheticData): string {
  const lines: string[] = [SYNTHETIC_CSV_HEADER];
  for (let i = 0; i < data.samples; i++) {
    const label = data.kind === 'classification'
      ? (data.labels[i]! > 0 ? CLASS_NAMES.positive : CLASS_NAMES.negative)
      : formatNumber(data.targets[i]!);
    lines.push(`${formatNumber(data.x[2 * i]!)},${formatNumber(data.x[2 * i + 1]!)},${label}`);
  }
  return lines.join('\n') + '\n';
}

/** Rounded to CSV_DECIMALS places, without trailing zeros or a `-0`. */
function formatNumber(v: number): string {
  const rounded = Number(v.toFixed(CSV_DECIMALS));
  return String(rounded === 0 ? 0 : rounded);
}
