/**
 * Reading a model file and a CSV file in this process (no engine worker:
 * `evaluate`, `predict`, `export` and `inspect` are one-shot computations on
 * core's pure functions), with failures turned into one-line `CliError`s.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { DataError } from '../../core/data/issues';
import { importCsvFile } from '../../core/data/source.node.ts';
import type { DataTable } from '../../core/data/table';
import type { ModelFileV1 } from '../../core/model-io/format';
import { parseModelFile } from '../../core/model-io/model-file';
import { cliFail } from './args';

/** Reads and validates a model file; its loader's message on failure. */
export async function readModel(path: string): Promise<ModelFileV1> {
  if (!existsSync(path)) cliFail(`file not found: ${path}`);
  const parsed = parseModelFile(await readFile(path, 'utf8'));
  if (!parsed.ok) cliFail(`${path}: ${parsed.error.message}`);
  return parsed.value;
}

/** Imports a CSV file; a `DataError`'s message on failure. */
export async function readTable(path: string): Promise<DataTable> {
  if (!existsSync(path)) cliFail(`file not found: ${path}`);
  try {
    return (await importCsvFile(path)).table;
  } catch (e) {
    if (e instanceof DataError) cliFail(e.message);
    throw e;
  }
}

/** Runs `f`, turning a `DataError` (e.g. a missing column) into a `CliError` with its message. */
export function withDataErrors<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof DataError) cliFail(e.message);
    throw e;
  }
}
