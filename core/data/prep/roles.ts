/**
 * Checks the roles of a `PrepConfig` against a table and returns the input
 * and target columns, in the table's column order.
 */
import type { Column, DataTable } from '../table';
import { columnsWithRole, prepError, quotedList, type PrepConfig } from './config';
import { assertRoles } from '../roles';
import { findColumn } from './columns';

/** The columns a config uses, in table order. */
export interface RoleColumns {
  inputs: Column[];
  targets: Column[];
}

/**
 * @throws DataError `unknown-column`, `unusable-input`, or any error of
 *   `checkRoles` (no target, several classification targets, a target with
 *   no values, one class or categories for regression, no input).
 */
export function roleColumns(table: DataTable, config: PrepConfig): RoleColumns {
  const src = `"${table.source}"`;
  for (const name of Object.keys(config.roles)) {
    if (findColumn(table, name) === undefined) {
      prepError('unknown-column', `Column "${name}" has a role but is not in ${src} (its columns: ${quotedList(table.columns.map((c) => c.name))}).`, { column: name });
    }
  }
  // The checks the Data view shows too (no target, target problems, no input) live in ../roles, worded once.
  assertRoles(table, table.columns.map((c) => config.roles[c.name] ?? 'ignore'), config.task);
  const inTableOrder = (names: string[]): Column[] => table.columns.filter((c) => names.includes(c.name));
  const targets = inTableOrder(columnsWithRole(config, 'target'));
  const inputs = inTableOrder(columnsWithRole(config, 'input'));
  for (const c of inputs) {
    if (c.kind === 'text' && c.dictionary === null) {
      prepError(
        'unusable-input',
        `Input column "${c.name}" of ${src} is free text with no stored categories, so it cannot be encoded; set its role to ignore.`,
        { column: c.name },
      );
    }
  }
  return { inputs, targets };
}
