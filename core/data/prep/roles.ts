/**
 * Checks the roles of a `PrepConfig` against a table and returns the input
 * and target columns, in the table's column order.
 */
import type { Column, DataTable } from '../table';
import { columnsWithRole, prepError, quotedList, type PrepConfig } from './config';
import { findColumn, isCategorical } from './columns';

/** The columns a config uses, in table order. */
export interface RoleColumns {
  inputs: Column[];
  targets: Column[];
}

/**
 * @throws DataError `unknown-column`, `no-target`, `too-many-targets`,
 *   `no-input`, `unusable-input` or `non-numeric-target`.
 */
export function roleColumns(table: DataTable, config: PrepConfig): RoleColumns {
  const src = `"${table.source}"`;
  for (const name of Object.keys(config.roles)) {
    if (findColumn(table, name) === undefined) {
      prepError('unknown-column', `Column "${name}" has a role but is not in ${src} (its columns: ${quotedList(table.columns.map((c) => c.name))}).`, { column: name });
    }
  }
  const inTableOrder = (names: string[]): Column[] => table.columns.filter((c) => names.includes(c.name));
  const targets = inTableOrder(columnsWithRole(config, 'target'));
  const inputs = inTableOrder(columnsWithRole(config, 'input'));
  if (targets.length === 0) prepError('no-target', `No target column in ${src}: mark one column as the target.`);
  if (config.task === 'classification' && targets.length > 1) {
    prepError(
      'too-many-targets',
      `Classification takes one target column, but ${targets.length} are marked in ${src}: ${quotedList(targets.map((c) => c.name))}.`,
    );
  }
  if (inputs.length === 0) prepError('no-input', `No usable input column in ${src}: mark at least one column as an input.`);
  for (const c of inputs) {
    if (c.kind === 'text' && c.dictionary === null) {
      prepError(
        'unusable-input',
        `Input column "${c.name}" of ${src} is free text with no stored categories, so it cannot be encoded; set its role to ignore.`,
        { column: c.name },
      );
    }
  }
  if (config.task === 'regression') {
    for (const c of targets) {
      if (isCategorical(c)) {
        prepError(
          'non-numeric-target',
          `Target "${c.name}" of ${src} holds categories, not numbers, so it cannot be a regression target; choose classification.`,
          { column: c.name },
        );
      }
    }
  }
  return { inputs, targets };
}
