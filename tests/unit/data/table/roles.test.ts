import { describe, expect, it } from 'vitest';
import { DataError } from '../../../../core/data/issues';
import {
  CLASSIFICATION_MAX_INTEGER_CLASSES, assertRoles, checkRoles, defaultRoles, defaultTask, inferTask, type Task,
} from '../../../../core/data/roles';
import type { ColumnRole, DataTable } from '../../../../core/data/table';
import { buildColumn, buildColumns, cells } from './build';

const species = ['setosa', 'versicolor', 'virginica'];
const n = 30;

/** A table with one column of each common kind. */
const mixed = buildColumns({
  id: cells(n, (i) => String(i + 1)),
  name: cells(n, (i) => `customer ${i}`),
  country: cells(n, () => 'FR'),
  empty: cells(n, () => ''),
  age: cells(n, (i) => String(20 + ((i * 7) % 30))),
  price: cells(n, (i) => String(i * 1.25)),
  member: cells(n, (i) => (i % 3 ? 'yes' : 'no')),
  species: cells(n, (i) => species[i % 3]!),
}).table;

describe('default roles', () => {
  it('ignores row counters, text, constant and empty columns, and makes the last usable column the target', () => {
    expect(mixed.columns.map((c) => c.kind)).toEqual(['integer', 'text', 'constant', 'constant', 'integer', 'numeric', 'boolean', 'categorical']);
    expect(defaultRoles(mixed)).toEqual(['ignore', 'ignore', 'ignore', 'ignore', 'input', 'input', 'input', 'target']);
    expect(checkRoles(mixed, defaultRoles(mixed))).toEqual([]);
  });

  it('skips a constant last column when choosing the target', () => {
    const { table } = buildColumns({ a: ['1', '5', '3'], b: ['0.5', '1.5', '9'], c: ['k', 'k', 'k'] });
    expect(defaultRoles(table)).toEqual(['input', 'target', 'ignore']);
  });

  it('chooses no target when no column is usable', () => {
    const { table } = buildColumns({ a: ['k', 'k'], b: ['', ''] });
    expect(defaultRoles(table)).toEqual(['ignore', 'ignore']);
  });
});

describe('task', () => {
  const intColumn = (distinct: number) => buildColumn(cells(200, (i) => String(i % distinct))).column;
  it.each<[string, () => ReturnType<typeof buildColumn>['column'], Task]>([
    ['a categorical target', () => buildColumn(cells(9, (i) => species[i % 3]!)).column, 'classification'],
    ['a boolean target', () => buildColumn(['yes', 'no', 'yes']).column, 'classification'],
    ['an integer target with 3 values', () => intColumn(3), 'classification'],
    [`an integer target with ${CLASSIFICATION_MAX_INTEGER_CLASSES} values`, () => intColumn(CLASSIFICATION_MAX_INTEGER_CLASSES), 'classification'],
    [`an integer target with ${CLASSIFICATION_MAX_INTEGER_CLASSES + 1} values`, () => intColumn(CLASSIFICATION_MAX_INTEGER_CLASSES + 1), 'regression'],
    ['a numeric target', () => buildColumn(['0.5', '1.25', '3']).column, 'regression'],
    ['a constant label', () => buildColumn(['a', 'a']).column, 'classification'],
    ['a constant number', () => buildColumn(['2', '2']).column, 'regression'],
  ])('%s → %s', (_title, column, task) => {
    expect(inferTask(column())).toBe(task);
  });

  it('is classification when any of several targets suggests it, and null without target', () => {
    const roles: ColumnRole[] = ['ignore', 'ignore', 'ignore', 'ignore', 'input', 'target', 'input', 'target'];
    expect(defaultTask(mixed, roles)).toBe('classification');
    expect(defaultTask(mixed, ['ignore', 'ignore', 'ignore', 'ignore', 'target', 'target', 'input', 'input'])).toBe('regression');
    expect(defaultTask(mixed, new Array<ColumnRole>(8).fill('input'))).toBeNull();
  });
});

/** Roles for `mixed` with the named columns as targets and one input (age, or member when age is a target). */
function targets(...names: string[]): ColumnRole[] {
  const input = names.includes('age') ? 'member' : 'age';
  return mixed.columns.map((c) => (names.includes(c.name) ? 'target' : c.name === input ? 'input' : 'ignore'));
}

/** `table` with the first column's stats replaced. */
function withStats(table: DataTable, stats: Partial<DataTable['columns'][number]['stats']>): DataTable {
  const [first, ...rest] = table.columns;
  return { ...table, columns: [{ ...first!, stats: { ...first!.stats, ...stats } }, ...rest] };
}

const allMissing = buildColumns({ y: ['', 'NA', '?', ''], x: ['1', '2', '3', '4'] }).table;

describe('role errors', () => {
  it.each<[string, DataTable, ColumnRole[], Task | undefined, string, string]>([
    ['no target', mixed, mixed.columns.map(() => 'input'), undefined, 'no-target',
      'sales.csv: no target column is chosen; mark the column to predict as the target.'],
    ['two classification targets', mixed, targets('member', 'species'), undefined, 'several-classification-targets',
      'sales.csv: a classification task needs exactly one target column, but 2 are chosen ("member", "species"); keep one, or switch the task to regression if they are all numeric.'],
    ['two targets under a forced classification', mixed, targets('price', 'age'), 'classification', 'several-classification-targets',
      'sales.csv: a classification task needs exactly one target column, but 2 are chosen ("age", "price"); keep one, or switch the task to regression if they are all numeric.'],
    ['a target column entirely missing', allMissing, ['target', 'input'], undefined, 'target-missing',
      'sales.csv, column "y": the target column has no values (all 4 cells are missing).'],
    ['a target column entirely missing or invalid', withStats(allMissing, { missing: 2, invalid: 2 }), ['target', 'input'], undefined, 'target-missing',
      'sales.csv, column "y": the target column has no values (all 4 cells are missing or invalid).'],
    ['a target with one class', mixed, targets('country'), undefined, 'target-one-class',
      'sales.csv, column "country": the target column has only one class ("FR"); classification needs at least two.'],
    ['a one-class numeric target under a forced classification', buildColumns({ y: ['3', '3', ''], x: ['1', '2', '3'] }).table,
      ['target', 'input'], 'classification', 'target-one-class',
      'sales.csv, column "y": the target column has only one class (3); classification needs at least two.'],
    ['a constant regression target', buildColumns({ y: ['2.5', '2.5'], x: ['1', '2'] }).table, ['target', 'input'], undefined, 'target-constant',
      'sales.csv, column "y": the target column has the same value (2.5) in every present row; regression needs a target that varies.'],
    ['a categorical target under a forced regression', mixed, targets('species'), 'regression', 'target-not-numeric',
      'sales.csv, column "species": regression needs a numeric target, but this column is categorical; switch the task to classification or choose another target.'],
    ['no usable input column', mixed, mixed.columns.map((c) => (c.name === 'price' ? 'target' : c.name === 'empty' ? 'input' : 'ignore')), undefined, 'no-input',
      'sales.csv: no usable input column: every column other than the target is ignored or has no values; mark at least one column as input.'],
  ])('%s', (_title, table, roles, task, code, message) => {
    const issues = checkRoles(table, roles, task);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code, severity: 'error', message });
    expect(() => assertRoles(table, roles, task)).toThrow(DataError);
    expect(() => assertRoles(table, roles, task)).toThrow(message);
  });

  it('names the column on a target error', () => {
    expect(checkRoles(mixed, targets('country'))[0]!.column).toBe('country');
  });

  it('allows several regression targets', () => {
    expect(checkRoles(mixed, targets('price', 'age'))).toEqual([]);
  });

  it('refuses a roles list of the wrong length', () => {
    expect(() => checkRoles(mixed, ['input'])).toThrow('checkRoles: expected 8 roles (one per column), got 1');
  });
});
