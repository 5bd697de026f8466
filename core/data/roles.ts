/**
 * Column roles (input / target / ignore) and the task they imply: sensible
 * defaults from the inferred kinds, and the checks that refuse a set of roles
 * no network could be trained on.
 */
import { DataError, type DataIssue } from './issues';
import { plural, quoteCell } from './infer-issues';
import { formatFloat32 } from './stats';
import type { Column, ColumnRole, DataTable } from './table';

/** What the network learns to predict. */
export const TASKS = ['classification', 'regression'] as const;
/** `classification` (one target, class labels) or `regression` (one or more numeric targets). */
export type Task = (typeof TASKS)[number];

/** An integer target with at most this many distinct values is read as class labels. */
export const CLASSIFICATION_MAX_INTEGER_CLASSES = 20;

/**
 * An integer column counting rows (no missing value, each value the previous
 * plus one, at least 3 rows): an identifier, not a feature.
 */
export function isRowCounter(column: Column): boolean {
  const { values, kind, stats } = column;
  if (kind !== 'integer' || stats.missing + stats.invalid > 0 || values.length < 3) return false;
  for (let i = 1; i < values.length; i++) if (values[i] !== values[i - 1]! + 1) return false;
  return true;
}

/**
 * A categorical column with a different value in every row (at least 5 rows,
 * none missing), such as names or codes: an identifier, not a feature.
 */
export function isUniqueLabel(column: Column): boolean {
  const { stats } = column;
  return column.kind === 'categorical' && stats.count >= 5 && stats.missing + stats.invalid === 0
    && !stats.distinctCapped && stats.distinct === stats.count;
}

/** A column that can feed the network by default: not text, constant, a row counter or a unique label, with some values. */
export function isUsable(column: Column): boolean {
  return column.kind !== 'text' && column.kind !== 'constant' && column.stats.count > 0 && !isRowCounter(column) && !isUniqueLabel(column);
}

/**
 * Default roles, one per column: the last usable column (see `isUsable`) is
 * the target, the other usable columns are inputs, and text/identifier,
 * constant, empty, row-counter and unique-label columns are ignored.
 */
export function defaultRoles(table: DataTable): ColumnRole[] {
  const roles: ColumnRole[] = table.columns.map((c) => (isUsable(c) ? 'input' : 'ignore'));
  const target = roles.lastIndexOf('input');
  if (target >= 0) roles[target] = 'target';
  return roles;
}

/**
 * The task a target suggests: classification for categorical, boolean and
 * text columns, for integer columns with at most
 * `CLASSIFICATION_MAX_INTEGER_CLASSES` distinct values, and for constant
 * non-numeric columns; regression otherwise.
 */
export function inferTask(column: Column): Task {
  switch (column.kind) {
    case 'categorical':
    case 'boolean':
    case 'text':
      return 'classification';
    case 'integer':
      return !column.stats.distinctCapped && column.stats.distinct <= CLASSIFICATION_MAX_INTEGER_CLASSES ? 'classification' : 'regression';
    case 'constant':
      return column.stats.numeric ? 'regression' : 'classification';
    case 'numeric':
      return 'regression';
  }
}

/** The target columns, in file order. */
export function targetColumns(table: DataTable, roles: readonly ColumnRole[]): Column[] {
  return table.columns.filter((c) => roles[c.index] === 'target');
}

/** The task the targets suggest: classification if any target suggests it, regression otherwise (null without target). */
export function defaultTask(table: DataTable, roles: readonly ColumnRole[]): Task | null {
  const targets = targetColumns(table, roles);
  if (targets.length === 0) return null;
  return targets.some((c) => inferTask(c) === 'classification') ? 'classification' : 'regression';
}

const at = (table: DataTable, column: Column): string => `${table.source}, column ${JSON.stringify(column.name)}`;
const error = (code: string, message: string, column?: Column): DataIssue =>
  column ? { code, severity: 'error', message, column: column.name } : { code, severity: 'error', message };

/** The single value of a constant or one-class column, formatted for a message. */
function onlyValue(column: Column): string {
  const top = column.stats.top?.[0];
  if (top) return quoteCell(top.value);
  return formatFloat32(column.stats.numeric?.min ?? NaN);
}

/** Problems with one target column under `task`. */
function targetIssues(table: DataTable, column: Column, task: Task): DataIssue[] {
  const { stats } = column;
  if (stats.count === 0) {
    const why = stats.invalid > 0 ? 'missing or invalid' : 'missing';
    return [error('target-missing', `${at(table, column)}: the target column has no values (all ${plural(table.rows, 'cell')} are ${why}).`, column)];
  }
  const single = column.kind === 'constant' || (stats.distinct === 1 && !stats.distinctCapped);
  if (task === 'classification') {
    if (!single) return [];
    return [error('target-one-class',
      `${at(table, column)}: the target column has only one class (${onlyValue(column)}); classification needs at least two.`, column)];
  }
  if (column.kind === 'categorical' || column.kind === 'text' || (column.kind === 'constant' && !stats.numeric)) {
    return [error('target-not-numeric',
      `${at(table, column)}: regression needs a numeric target, but this column is ${column.kind === 'constant' ? 'text' : column.kind}; switch the task to classification or choose another target.`, column)];
  }
  if (single) {
    return [error('target-constant',
      `${at(table, column)}: the target column has the same value (${onlyValue(column)}) in every present row; regression needs a target that varies.`, column)];
  }
  return [];
}

/**
 * Every reason these roles cannot be trained on, as errors (in the order the
 * user would fix them): no target; several targets for a classification
 * task; a target with no values, one class (classification), one value or
 * categories (regression); no usable input column. `task` defaults to
 * `defaultTask`. Several regression targets are allowed.
 */
export function checkRoles(table: DataTable, roles: readonly ColumnRole[], task?: Task): DataIssue[] {
  if (roles.length !== table.columns.length) {
    throw new RangeError(`checkRoles: expected ${table.columns.length} roles (one per column), got ${roles.length}`);
  }
  const issues: DataIssue[] = [];
  const targets = targetColumns(table, roles);
  if (targets.length === 0) {
    issues.push(error('no-target', `${table.source}: no target column is chosen; mark the column to predict as the target.`));
  }
  const chosen = task ?? defaultTask(table, roles) ?? 'regression';
  if (chosen === 'classification' && targets.length > 1) {
    const names = targets.map((c) => JSON.stringify(c.name)).join(', ');
    issues.push(error('several-classification-targets',
      `${table.source}: a classification task needs exactly one target column, but ${targets.length} are chosen (${names}); keep one, or switch the task to regression if they are all numeric.`));
  } else {
    for (const column of targets) issues.push(...targetIssues(table, column, chosen));
  }
  const inputs = table.columns.filter((c) => roles[c.index] === 'input' && c.stats.count > 0);
  if (inputs.length === 0) {
    issues.push(error('no-input',
      `${table.source}: no usable input column: every column other than the target is ignored or has no values; mark at least one column as input.`));
  }
  return issues;
}

/** `checkRoles`, throwing a `DataError` for the first error. */
export function assertRoles(table: DataTable, roles: readonly ColumnRole[], task?: Task): void {
  const first = checkRoles(table, roles, task)[0];
  if (first) throw new DataError(first);
}
