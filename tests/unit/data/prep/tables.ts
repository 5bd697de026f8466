/**
 * Hand-built DataTables for the preprocessing tests (independent of the CSV
 * reader): a column of numbers (null = missing) becomes a numeric column, a
 * column with any string a categorical one with a first-seen dictionary.
 */
import { expect } from 'vitest';
import { DataError } from '../../../../core/data/issues';
import type { Column, ColumnKind, ColumnStats, DataTable } from '../../../../core/data/table';

export type CellList = readonly (number | null)[] | readonly (string | null)[];

function stats(present: number, missing: number, distinct: number): ColumnStats {
  return { count: present, missing, invalid: 0, distinct, distinctCapped: false };
}

/** A numeric (or integer/boolean) column; null = missing. */
export function numericColumn(name: string, index: number, cells: readonly (number | null)[], kind: ColumnKind = 'numeric'): Column {
  const values = Float32Array.from(cells, (v) => (v === null ? Number.NaN : v));
  const present = cells.filter((v) => v !== null).length;
  const s = stats(present, cells.length - present, new Set(cells.filter((v) => v !== null)).size);
  s.numeric = { min: 0, max: 0, mean: 0, std: 0, histogram: [] };
  return { name, index, kind, values, dictionary: null, codes: null, stats: s };
}

/** A categorical column with a first-seen dictionary; null = missing (code −1). */
export function categoricalColumn(name: string, index: number, cells: readonly (string | null)[]): Column {
  const dictionary: string[] = [];
  const codes = Int32Array.from(cells, (v) => {
    if (v === null) return -1;
    let code = dictionary.indexOf(v);
    if (code < 0) code = dictionary.push(v) - 1;
    return code;
  });
  const values = Float32Array.from(codes, (c) => (c < 0 ? Number.NaN : c));
  const present = cells.filter((v) => v !== null).length;
  return { name, index, kind: 'categorical', values, dictionary, codes, stats: stats(present, cells.length - present, dictionary.length) };
}

/** A table from named columns of equal length, in key order. */
export function tableOf(source: string, columns: Readonly<Record<string, CellList>>): DataTable {
  const entries = Object.entries(columns);
  const rows = entries[0]?.[1].length ?? 0;
  const built = entries.map(([name, cells], i) => {
    if (cells.length !== rows) throw new Error(`column ${name} has ${cells.length} cells, expected ${rows}`);
    const isText = cells.some((v) => typeof v === 'string');
    return isText ? categoricalColumn(name, i, cells as (string | null)[]) : numericColumn(name, i, cells as (number | null)[]);
  });
  return { source, rows, columns: built };
}

/** Runs `action` and returns the DataError it throws (fails the test otherwise). */
export function dataErrorOf(action: () => unknown): DataError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return error as DataError;
  }
  throw new Error('expected a DataError, but nothing was thrown');
}

/** 0..n−1 as row indices. */
export function allRows(n: number): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => i);
}

/** The bytes of a Float32Array, for bit-exact comparisons. */
export function bytesOf(values: Float32Array): number[] {
  return Array.from(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}
