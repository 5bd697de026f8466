/**
 * The project file (`.bpstudio`), version 1: everything needed to reopen a
 * piece of work — the dataset reference (path, size, SHA-256, import
 * choices), the preprocessing settings, the network spec, the training
 * settings, the trained model (a whole native model file, so it keeps its own
 * version and weight checks), the history and the Learn view's state.
 *
 * Loading never throws: `parseProjectFile` returns `{ ok, value }` or
 * `{ ok: false, error: { code, message } }` with a message in the model
 * file's style (`core/model-io/errors.ts`), e.g.
 * `Invalid project file at dataset.size: expected an integer ≥ 0, got -1.`
 * `prep`, `spec` and `training` may be null, as in the engine's snapshot: a
 * project can be saved before a dataset is chosen or a network drawn.
 */
import { z } from 'zod';
import { prepConfigSchema } from '../../core/data/prep/config-schema';
import { describeSchemaIssue } from '../../core/data/prep/schema-issue';
import { importOptionsSchema } from '../../core/engine/protocol';
import { describeValue, fallbackExpectation } from '../../core/model-io/errors';
import { epochLogSchema, modelFileV1Schema, networkSpecSchema, trainConfigSchema } from '../../core/model-io/format';
import { validateModelFile } from '../../core/model-io/model-file';
import { runMigrations } from '../../core/model-io/migrations';

/** Value of the `format` field that marks a Backprop Studio project file. */
export const PROJECT_FILE_FORMAT = 'backprop-studio/project';

/** The project file version this code writes; older files are migrated up to it. */
export const CURRENT_PROJECT_FILE_VERSION = 1;

const expected = (phrase: string): { error: string } => ({ error: phrase });

/** The dataset a project was built on; `sha256` tells a changed file from the one the project knew. */
export const datasetReferenceSchema = z.strictObject(
  {
    path: z.string(expected('a file path')).min(1, expected('a non-empty file path')),
    size: z.number(expected('an integer ≥ 0')).int(expected('an integer ≥ 0')).min(0, expected('an integer ≥ 0')),
    sha256: z.string(expected('a SHA-256 hash')).regex(/^[0-9a-f]{64}$/, expected('a SHA-256 hash (64 lowercase hex digits)')),
    importOptions: importOptionsSchema,
  },
  expected('a dataset object with "path", "size", "sha256" and "importOptions" (or null)'),
);

/** The whole project file, version 1. */
export const projectFileV1Schema = z.strictObject(
  {
    format: z.literal(PROJECT_FILE_FORMAT, expected(`"${PROJECT_FILE_FORMAT}"`)),
    version: z.literal(CURRENT_PROJECT_FILE_VERSION, expected(String(CURRENT_PROJECT_FILE_VERSION))),
    savedAt: z.iso.datetime({ offset: true, error: 'an ISO 8601 date-time such as "2025-01-31T12:00:00.000Z"' }),
    app: z.strictObject(
      { version: z.string(expected('a version string')).min(1, expected('a non-empty version string')) },
      expected('an object such as { "version": "0.1.0" }'),
    ),
    dataset: datasetReferenceSchema.nullable(),
    prep: prepConfigSchema.nullable(),
    spec: networkSpecSchema.nullable(),
    training: trainConfigSchema.nullable(),
    model: modelFileV1Schema.nullable(),
    history: z.array(epochLogSchema, expected('a list of epoch logs')),
    learn: z.record(z.string(), z.unknown(), expected('an object (the Learn view state)')),
  },
  expected('a project file object'),
);

/** A parsed and validated version-1 project file. */
export type ProjectFileV1 = z.infer<typeof projectFileV1Schema>;
/** The dataset reference stored in a project. */
export type DatasetReference = z.infer<typeof datasetReferenceSchema>;

/** Every way loading a project file can fail. */
export const PROJECT_FILE_ERROR_CODES = [
  'not-json', 'not-a-project-file', 'newer-version', 'unsupported-version', 'migration-failed', 'invalid-field', 'invalid-model',
] as const;
/** One of `PROJECT_FILE_ERROR_CODES`; the UI may branch on it (e.g. offer an update on `newer-version`). */
export type ProjectFileErrorCode = (typeof PROJECT_FILE_ERROR_CODES)[number];
/** A load failure, ready to show to the user. */
export interface ProjectFileError {
  code: ProjectFileErrorCode;
  message: string;
}
/** The outcome of loading a project file. */
export type ProjectFileResult<T> = { ok: true; value: T } | { ok: false; error: ProjectFileError };

/** A project file's JSON object before validation. */
export type RawProjectFile = Record<string, unknown>;
/** Turns a version-n project object into a version-(n+1) one (unvalidated in, unvalidated out). */
export type ProjectFileMigration = (old: RawProjectFile) => RawProjectFile;

/**
 * `PROJECT_FILE_MIGRATIONS[n]` upgrades version n to n + 1; version 1 is
 * current, so none exist yet. To add version 2: write its schema, set
 * `CURRENT_PROJECT_FILE_VERSION = 2`, add `1: (v1) => ({ ...v1, newField })`
 * here, and keep a v1 file in the tests that must load as v2. A migration may
 * throw; the runner turns that into `migration-failed`, and the current
 * schema checks whatever it returns.
 */
export const PROJECT_FILE_MIGRATIONS: Readonly<Record<number, ProjectFileMigration>> = Object.freeze({});

/** Lets tests run the migration machinery with a made-up table and version. */
export interface ProjectMigrateOptions {
  migrations?: Readonly<Record<number, ProjectFileMigration>>;
  currentVersion?: number;
}

function fail(code: ProjectFileErrorCode, message: string): { ok: false; error: ProjectFileError } {
  return { ok: false, error: { code, message } };
}

/** The file's text: pretty-printed JSON (2-space indent) with a final newline. */
export function stringifyProjectFile(file: ProjectFileV1): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Reads a project file's text: parses the JSON, checks it is a Backprop
 * Studio project of a version this app knows, upgrades older versions, and
 * validates every field, including the embedded model and its weights. Never throws.
 */
export function parseProjectFile(text: string, options: ProjectMigrateOptions = {}): ProjectFileResult<ProjectFileV1> {
  if (typeof text !== 'string') return fail('not-json', `The project file is not valid JSON: expected text, got ${describeValue(text)}.`);
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
    return fail('not-json', `The project file is not valid JSON: ${reason}.`);
  }
  return validateProjectFile(json, options);
}

/** The checks of `parseProjectFile` after the JSON step, for an already-parsed object. Never throws. */
export function validateProjectFile(json: unknown, options: ProjectMigrateOptions = {}): ProjectFileResult<ProjectFileV1> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return notAProjectFile(describeValue(json));
  const raw = json as RawProjectFile;
  if (!Object.prototype.hasOwnProperty.call(raw, 'format')) return notAProjectFile('no "format" field');
  if (raw.format !== PROJECT_FILE_FORMAT) return notAProjectFile(`"format": ${describeValue(raw.format)}`);

  const current = options.currentVersion ?? CURRENT_PROJECT_FILE_VERSION;
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    const found = version === undefined ? 'but the field is missing' : `got ${describeValue(version)}`;
    return fail('invalid-field', `Invalid project file at version: expected a positive integer, ${found}.`);
  }
  if (version > current) {
    return fail(
      'newer-version',
      `This project was saved by a newer version of Backprop Studio (file version ${version}, ` +
        `this app reads up to ${current}). Update the app to open it.`,
    );
  }
  const migrated = migrateProjectFile(raw, version, options.migrations ?? PROJECT_FILE_MIGRATIONS, current);
  if (!migrated.ok) return migrated;
  let file = migrated.value;

  // The model is a whole model file: its own loader checks its version and weights.
  if (typeof file.model === 'object' && file.model !== null && !Array.isArray(file.model)) {
    const model = validateModelFile(file.model);
    if (!model.ok) return fail('invalid-model', `The trained model in this project cannot be loaded: ${model.error.message}`);
    file = { ...file, model: model.value };
  }
  const parsed = projectFileV1Schema.safeParse(file, { error: fallbackExpectation });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('invalid-field', issue ? describeSchemaIssue('project file', issue, file) : 'Invalid project file.');
  }
  return { ok: true, value: parsed.data };
}

/** `runMigrations` for project files. Never throws. */
export function migrateProjectFile(
  raw: RawProjectFile,
  from: number,
  migrations: Readonly<Record<number, ProjectFileMigration>>,
  current: number,
): ProjectFileResult<RawProjectFile> {
  return runMigrations(raw, from, migrations, current, 'project file');
}

function notAProjectFile(found: string): { ok: false; error: ProjectFileError } {
  return fail(
    'not-a-project-file',
    `This is not a Backprop Studio project file: expected a JSON object with "format": "${PROJECT_FILE_FORMAT}", found ${found}.`,
  );
}
