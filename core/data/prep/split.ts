/**
 * Train / validation / test split: a seeded shuffle, per class when
 * stratified, after dropping (and counting) rows whose target is missing.
 */
import { createRng, type Rng } from '../../math/rng';
import type { DataIssue } from '../issues';
import type { DataTable } from '../table';
import { plural, prepError, resolvePrepConfig, type PrepConfig, type SplitFractions } from './config';
import { classReader, numericReader } from './columns';
import { roleColumns } from './roles';

/** Row indices (0-based into the table, ascending) per split, and what was dropped. */
export interface RowSplit {
  train: Uint32Array;
  validation: Uint32Array;
  test: Uint32Array;
  /** Rows dropped because a target was missing. */
  dropped: number;
  /** A `missing-target` warning when rows were dropped. */
  issues: DataIssue[];
}

const FRACTION_NAMES = ['train', 'validation', 'test'] as const;

/**
 * @throws DataError `invalid-split` unless each fraction is in [0, 1], they
 *   sum to 1 (±1e-6) and train > 0.
 */
export function checkSplitFractions(split: SplitFractions): void {
  for (const name of FRACTION_NAMES) {
    const v = split[name];
    if (!(typeof v === 'number' && v >= 0 && v <= 1)) {
      prepError('invalid-split', `Invalid split: "${name}" must be a fraction between 0 and 1, got ${String(v)}.`);
    }
  }
  const sum = split.train + split.validation + split.test;
  if (Math.abs(sum - 1) > 1e-6) {
    prepError('invalid-split', `Invalid split: train + validation + test must add up to 1, got ${Number(sum.toPrecision(12))}.`);
  }
  if (split.train <= 0) prepError('invalid-split', `Invalid split: the training fraction must be greater than 0, got ${split.train}.`);
}

/**
 * Splits the table's rows. Each group (each class when stratified, else all
 * kept rows) of n rows is shuffled with `rng`, then its first
 * round(n·train) rows go to train, the next round(n·validation) to
 * validation, the rest to test; a non-empty group always gives train at
 * least one row, so every class is seen in training. Same seed ⇒ same split.
 *
 * @param rng defaults to `createRng(config.split.seed)`.
 * @throws DataError `invalid-split`, the role errors of `roleColumns`, or
 *   `target-all-missing` when no row has a target.
 */
export function splitRows(table: DataTable, config: PrepConfig, rng: Rng = createRng(config.split.seed)): RowSplit {
  const resolved = resolvePrepConfig(config);
  checkSplitFractions(resolved.split);
  const { targets } = roleColumns(table, resolved);
  const classification = resolved.task === 'classification';
  const readers = targets.map((c) => (classification ? classReader(c) : numericReader(c)));
  const present = (row: number): boolean =>
    readers.every((read) => {
      const v = read(row);
      return v !== null && !(typeof v === 'number' && Number.isNaN(v));
    });

  const groups = new Map<string, number[]>();
  let dropped = 0;
  for (let row = 0; row < table.rows; row++) {
    if (!present(row)) {
      dropped++;
      continue;
    }
    const key = classification && resolved.stratify ? String(readers[0]!(row)) : '';
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = []));
    group.push(row);
  }
  const names = targets.map((c) => `"${c.name}"`).join(' or ');
  if (dropped === table.rows) {
    prepError('target-all-missing', `Target ${names} of "${table.source}" has no values: every row is missing it.`, {
      column: targets[0]!.name,
      count: dropped,
    });
  }

  const out: [number[], number[], number[]] = [[], [], []];
  for (const group of groups.values()) {
    const rows = rng.shuffle(Uint32Array.from(group));
    const [nTrain, nValidation] = allocate(rows.length, resolved.split);
    out[0].push(...rows.subarray(0, nTrain));
    out[1].push(...rows.subarray(nTrain, nTrain + nValidation));
    out[2].push(...rows.subarray(nTrain + nValidation));
  }
  const sorted = (a: number[]): Uint32Array => Uint32Array.from(a).sort();
  const issues: DataIssue[] = [];
  if (dropped > 0) {
    issues.push({
      code: 'missing-target',
      severity: 'warning',
      message: `Dropped ${plural(dropped, 'row')} of "${table.source}" whose target ${names} is missing.`,
      column: targets[0]!.name,
      count: dropped,
    });
  }
  return { train: sorted(out[0]), validation: sorted(out[1]), test: sorted(out[2]), dropped, issues };
}

/** [train, validation] counts for a group of n rows; test gets the rest. */
function allocate(n: number, split: SplitFractions): [number, number] {
  // The epsilon keeps e.g. 10 × 0.35 = 3.4999999999999996 rounding like 3.5.
  let train = Math.round(n * split.train + 1e-9);
  let validation = Math.round(n * split.validation + 1e-9);
  if (train === 0 && n > 0) train = 1;
  if (train > n) train = n;
  if (train + validation > n) validation = n - train;
  return [train, validation];
}
