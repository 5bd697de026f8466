/**
 * The user's column-type overrides (`PrepConfig.kinds`): a numeric column read
 * as categories (one-hot input, class target), or a categorical column read as
 * numbers. Applied to the table before the split and the fit, so the fitted
 * encoders (saved in the preprocessing file) already say how each column is
 * read, and prediction on raw rows follows them without knowing the override.
 */
import type { Column, DataTable } from '../table';
import { prepError, quotedList, type ColumnKindOverride } from './config';
import { float32String, isCategorical, parseNumber } from './columns';

/**
 * The table with each overridden column re-read:
 *
 * - `categorical`: a numeric, integer or boolean column becomes categories
 *   named by the number's shortest float32 decimal form (`"1"`, `"2.5"`), in
 *   first-seen order; a column that is already categorical is unchanged.
 * - `numeric`: a categorical column's categories are parsed as numbers
 *   (`true`/`false` read 1/0); a column that is already numeric is unchanged.
 *
 * @throws DataError `unknown-column` (an override names no column),
 *   `not-numeric-column` (a category is not a number, naming the first one and
 *   its data row), `unusable-input` (free text without stored categories).
 */
export function applyColumnKinds(table: DataTable, kinds: Readonly<Record<string, ColumnKindOverride>> | undefined): DataTable {
  if (!kinds || Object.keys(kinds).length === 0) return table;
  const src = `"${table.source}"`;
  for (const name of Object.keys(kinds)) {
    if (!table.columns.some((c) => c.name === name)) {
      prepError('unknown-column', `Column "${name}" has a type override but is not in ${src} (its columns: ${quotedList(table.columns.map((c) => c.name))}).`, { column: name });
    }
  }
  const columns = table.columns.map((column) => {
    const kind = kinds[column.name];
    if (kind === 'categorical') return isCategorical(column) ? column : asCategorical(column);
    if (kind === 'numeric') return isCategorical(column) ? asNumeric(column, src) : column;
    return column;
  });
  return { source: table.source, rows: table.rows, columns };
}

function asCategorical(column: Column): Column {
  const { values } = column;
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  const numericCodes = new Float32Array(values.length);
  for (let row = 0; row < values.length; row++) {
    const v = values[row]!;
    if (Number.isNaN(v)) {
      codes[row] = -1;
      numericCodes[row] = Number.NaN;
      continue;
    }
    const label = float32String(v);
    let code = index.get(label);
    if (code === undefined) {
      code = dictionary.length;
      index.set(label, code);
      dictionary.push(label);
    }
    codes[row] = code;
    numericCodes[row] = code;
  }
  return { ...column, kind: 'categorical', values: numericCodes, dictionary, codes };
}

function asNumeric(column: Column, src: string): Column {
  const { dictionary, codes } = column;
  if (dictionary === null || codes === null) {
    prepError(
      'unusable-input',
      `Column "${column.name}" of ${src} is free text with no stored categories, so it cannot be read as numbers.`,
      { column: column.name },
    );
  }
  const parsed = dictionary.map(parseNumber);
  const values = new Float32Array(codes.length);
  for (let row = 0; row < codes.length; row++) {
    const code = codes[row]!;
    if (code < 0) {
      values[row] = Number.NaN;
      continue;
    }
    const v = parsed[code]!;
    if (Number.isNaN(v)) {
      prepError(
        'not-numeric-column',
        `Column "${column.name}" of ${src} cannot be read as numbers: data row ${row + 1} holds "${dictionary[code]!}", which is not a number. Keep the column categorical or set its role to ignore.`,
        { column: column.name, row: row + 1 },
      );
    }
    values[row] = v;
  }
  return { ...column, kind: 'numeric', values, dictionary: null, codes: null };
}
