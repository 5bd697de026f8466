/**
 * How a table becomes training data: the runtime arguments of the
 * preprocessing step (`PrepConfig`). Plain JSON, chosen by the user in the UI.
 * What is *fitted* from the data lives in the `PreprocessingFile` instead
 * (`file-schema.ts`).
 */
import type { ColumnRole } from '../table';
import { DEFAULT_MISSING_TOKENS } from '../table-builder-contract';
import { DataError, type DataIssue } from '../issues';

/** What the network learns: a class (one target) or numbers (one or more targets). */
export const TASKS = ['classification', 'regression'] as const;
export type Task = (typeof TASKS)[number];

/**
 * How a numeric input is scaled, fitted on the training split:
 * `standardize` x' = (x − mean) / std; `minmax` x' = (x − min) / (max − min); `none` x' = x.
 */
export const NUMERIC_SCALINGS = ['standardize', 'minmax', 'none'] as const;
export type NumericScaling = (typeof NUMERIC_SCALINGS)[number];

/** What a missing numeric input becomes: the training split's mean or median of that column. */
export const IMPUTATIONS = ['mean', 'median'] as const;
export type Imputation = (typeof IMPUTATIONS)[number];

/**
 * How a two-class target is written in y: `single` = one 0/1 column (for a
 * sigmoid output with binary cross-entropy; the second label is 1), `one-hot`
 * = two columns (for softmax with categorical cross-entropy). Three or more
 * classes are always one-hot.
 */
export const BINARY_ENCODINGS = ['single', 'one-hot'] as const;
export type BinaryEncoding = (typeof BINARY_ENCODINGS)[number];

/**
 * A column type the user chose over the inferred one: `numeric` reads a
 * categorical column's values as numbers, `categorical` one-hot encodes a
 * numeric column by its distinct values (see `applyColumnKinds`).
 */
export const COLUMN_KIND_OVERRIDES = ['numeric', 'categorical'] as const;
export type ColumnKindOverride = (typeof COLUMN_KIND_OVERRIDES)[number];

/** Fractions of the kept rows per split (each in [0, 1], summing to 1, train > 0). */
export interface SplitFractions {
  train: number;
  validation: number;
  test: number;
}

/** Everything the user chooses about preprocessing. */
export interface PrepConfig {
  /** Role per column name; columns not listed are ignored. */
  roles: Readonly<Record<string, ColumnRole>>;
  task: Task;
  /** Scaling per numeric input column name (default `defaultScaling`). */
  scaling?: Readonly<Record<string, NumericScaling>>;
  /** Scaling of numeric inputs not listed in `scaling` (default `standardize`). */
  defaultScaling?: NumericScaling;
  /** Missing numeric inputs are filled with this training statistic (default `mean`). */
  imputation?: Imputation;
  /** Adds a 0/1 column `<name> (missing)` after every numeric input (default false). */
  missingIndicator?: boolean;
  /** Split fractions and the seed of the shuffle. */
  split: SplitFractions & { seed: number };
  /** Split each class in proportion (default true for classification; ignored for regression). */
  stratify?: boolean;
  /** Two-class targets: one sigmoid column or two softmax columns (default `single`). */
  binaryEncoding?: BinaryEncoding;
  /** Column types chosen over the inferred ones, by column name (default none). */
  kinds?: Readonly<Record<string, ColumnKindOverride>>;
  /** Cells that mean "missing" in raw prediction rows (default `DEFAULT_MISSING_TOKENS`). */
  missingTokens?: readonly string[];
}

/** A `PrepConfig` with every default filled in. */
export type ResolvedPrepConfig = Required<PrepConfig>;

/** Fills in the defaults documented on `PrepConfig`. */
export function resolvePrepConfig(config: PrepConfig): ResolvedPrepConfig {
  return {
    roles: config.roles,
    task: config.task,
    scaling: config.scaling ?? {},
    defaultScaling: config.defaultScaling ?? 'standardize',
    imputation: config.imputation ?? 'mean',
    missingIndicator: config.missingIndicator ?? false,
    split: config.split,
    stratify: config.stratify ?? config.task === 'classification',
    binaryEncoding: config.binaryEncoding ?? 'single',
    kinds: config.kinds ?? {},
    missingTokens: config.missingTokens ?? DEFAULT_MISSING_TOKENS,
  };
}

/** Column names with the given role, in the order the roles were listed. */
export function columnsWithRole(config: PrepConfig, role: ColumnRole): string[] {
  return Object.entries(config.roles).filter(([, r]) => r === role).map(([name]) => name);
}

/** Throws a `DataError` with severity `error`. */
export function prepError(code: string, message: string, extra: Omit<DataIssue, 'code' | 'severity' | 'message'> = {}): never {
  throw new DataError({ code, severity: 'error', message, ...extra });
}

/** `"a", "b" and "c"` */
export function quotedList(names: readonly string[]): string {
  const q = names.map((n) => `"${n}"`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]!}`;
}

/** `1 row`, `3 rows` */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
