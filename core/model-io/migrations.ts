/**
 * Upgrading older model files to the current version.
 *
 * How to add version 2:
 * 1. Write the v2 schema in `format.ts` and set `CURRENT_MODEL_FILE_VERSION = 2`
 *    (keep the v1 description here in a comment or in tests as a fixture).
 * 2. Add `1: (v1) => ({ ...v1, newField: default })` to `MODEL_FILE_MIGRATIONS`.
 *    A migration receives the *unvalidated* JSON object of its version and
 *    returns the object of the next version; it need not set `version`, the
 *    runner does. It may throw on input it cannot make sense of: the error
 *    becomes a `migration-failed` message, and anything it lets through is
 *    checked by the current schema afterwards, so it can stay short.
 * 3. Keep a v1 file in the tests and assert it loads as v2.
 * Files newer than the app are refused with `newer-version`; a reader never
 * guesses at a format it does not know.
 */
import { CURRENT_MODEL_FILE_VERSION } from './format';
import type { ModelFileResult } from './errors';

/** A model file's JSON object before validation. */
export type RawModelFile = Record<string, unknown>;

/** Turns a version-n file object into a version-(n+1) one. */
export type ModelFileMigration = (old: RawModelFile) => RawModelFile;

/** `MODEL_FILE_MIGRATIONS[n]` upgrades version n to n + 1. Version 1 is current, so none exist yet. */
export const MODEL_FILE_MIGRATIONS: Readonly<Record<number, ModelFileMigration>> = Object.freeze({});

/** Lets tests run the migration machinery with a made-up table and version. */
export interface MigrateOptions {
  migrations?: Readonly<Record<number, ModelFileMigration>>;
  currentVersion?: number;
}

/** Why a chain of migrations could not bring a file to the current version. */
export type MigrationFailure = { ok: false; error: { code: 'unsupported-version' | 'migration-failed'; message: string } };

/**
 * Applies `table[from]`, `table[from + 1]`, … until `current`, for any
 * versioned JSON file (`what` names it in messages: "model file", "project
 * file"). `from` must already be known to be between 1 and `current`. Never
 * throws: a missing step or a throwing migration becomes a failure.
 */
export function runMigrations(
  raw: Record<string, unknown>, from: number, table: Readonly<Record<number, (old: Record<string, unknown>) => Record<string, unknown>>>,
  current: number, what: string,
): { ok: true; value: Record<string, unknown> } | MigrationFailure {
  let file = raw;
  for (let version = from; version < current; version++) {
    const step = table[version];
    if (step === undefined) {
      return { ok: false, error: { code: 'unsupported-version', message:
        `This ${what} has version ${from}, which this version of Backprop Studio cannot read: ` +
        `there is no upgrade from version ${version} to ${version + 1}.` } };
    }
    try {
      file = { ...step(file), version: version + 1 };
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
      return { ok: false, error: { code: 'migration-failed', message: `Could not upgrade this ${what} from version ${version} to ${version + 1}: ${reason}.` } };
    }
  }
  return { ok: true, value: file };
}

/** `runMigrations` for model files, with the app's table and version unless a test gives others. */
export function migrateModelFile(raw: RawModelFile, from: number, options: MigrateOptions = {}): ModelFileResult<RawModelFile> {
  return runMigrations(raw, from, options.migrations ?? MODEL_FILE_MIGRATIONS, options.currentVersion ?? CURRENT_MODEL_FILE_VERSION, 'model file');
}
