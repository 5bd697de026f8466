import { expect } from 'vitest';
import { readCsvRows, type CsvLayout, type CsvReadHooks, type CsvReadOptions, type CsvReadSummary } from '../../../../core/data/csv-reader';
import { DataError } from '../../../../core/data/issues';
import type { CsvSource } from '../../../../core/data/source';

/** Everything the reader handed to its sink, plus its summary. */
export interface ReadOutcome {
  layout: CsvLayout;
  header: string[];
  rows: string[][];
  lines: number[];
  summary: CsvReadSummary;
}

/** Reads a whole source with `readCsvRows`, collecting rows and line numbers. */
export async function readAll(source: CsvSource, options: CsvReadOptions = {}, hooks: CsvReadHooks = {}): Promise<ReadOutcome> {
  let layout: CsvLayout | null = null;
  const rows: string[][] = [];
  const lines: number[] = [];
  const summary = await readCsvRows(source, options, {
    begin: (l) => { layout = l; },
    row: (cells, line) => { rows.push(cells); lines.push(line); },
  }, hooks);
  if (!layout) throw new Error('no layout');
  const found: CsvLayout = layout;
  return { layout: found, header: found.header, rows, lines, summary };
}

export function textSource(text: string, name = 'data.csv'): CsvSource {
  return { kind: 'text', name, text };
}

export function bytesSource(bytes: Uint8Array, name = 'data.csv'): CsvSource {
  return { kind: 'bytes', name, bytes };
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Awaits `promise`, expecting a DataError; returns it for checks on code and message. */
export async function dataError(promise: Promise<unknown>): Promise<DataError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return error as DataError;
  }
  throw new Error('expected a DataError, but the import succeeded');
}
