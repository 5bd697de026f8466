/**
 * Why a model file could not be read, as data: `{ code, message }` crosses the
 * worker and IPC boundaries unchanged. Messages are written for the user and
 * say what was expected, what was found, and where (JSON path or tensor name).
 * The caller adds the file name.
 */
import type { z } from 'zod';

/** Every way loading a model file can fail. */
export const MODEL_FILE_ERROR_CODES = [
  /** The text is not JSON at all (often a truncated download or copy). */
  'not-json',
  /** Valid JSON, but not `"format": "backprop-studio/model"`. */
  'not-a-model-file',
  /** Written by a newer app than this one. */
  'newer-version',
  /** An older version with no migration path (should not happen in a release). */
  'unsupported-version',
  /** A migration from an older version threw. */
  'migration-failed',
  /** A field has the wrong type or value, or an unknown field is present. */
  'invalid-field',
  /** The spec needs a weight tensor the file does not have. */
  'missing-weight',
  /** The file has a weight tensor the spec does not use. */
  'unexpected-weight',
  /** Two tensors share a name. */
  'duplicate-weight',
  /** A tensor's shape differs from the one the spec implies. */
  'weight-shape-mismatch',
  /** A tensor's data is not base64 of whole float32 values. */
  'invalid-weight-data',
  /** A tensor's data holds a different number of values than its shape. */
  'weight-data-length',
  /** A tensor holds NaN or ±Infinity. */
  'non-finite-weight',
] as const;
/** One of `MODEL_FILE_ERROR_CODES`; the UI may branch on it (e.g. offer an update on `newer-version`). */
export type ModelFileErrorCode = (typeof MODEL_FILE_ERROR_CODES)[number];

/** A load failure, ready to show to the user. */
export interface ModelFileError {
  code: ModelFileErrorCode;
  message: string;
}

/** Success with a value, or a `ModelFileError`; loaders return this and never throw. */
export type ModelFileResult<T> = { ok: true; value: T } | { ok: false; error: ModelFileError };

/** Builds the failure branch of a `ModelFileResult`. */
export function fail(code: ModelFileErrorCode, message: string): { ok: false; error: ModelFileError } {
  return { ok: false, error: { code, message } };
}

/** A JSON path in the dotted form users see: `spec.layers[1].units`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** A short, user-readable rendering of a JSON value: `-3`, `"relu6"`, `a list of 3 items`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const text = JSON.stringify(value);
    return text.length > 42 ? `${text.slice(0, 40)}…" (a string of ${value.length} characters)` : text;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    return value.length === 0 ? 'an empty list' : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  }
  return 'an object';
}

/** Reads the value at a JSON path, and whether its last key exists in its parent object. */
function lookUp(root: unknown, path: readonly PropertyKey[]): { value: unknown; missing: boolean } {
  let current: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    if (typeof current !== 'object' || current === null || typeof key === 'symbol') return { value: undefined, missing: false };
    const last = i === path.length - 1;
    if (last && !Object.prototype.hasOwnProperty.call(current, key)) return { value: undefined, missing: true };
    current = (current as Record<string | number, unknown>)[key];
  }
  return { value: current, missing: false };
}

/**
 * Per-parse fallback for issues whose schema has no "expected ..." phrase of
 * its own (the schemas in `format.ts` set one nearly everywhere).
 */
export function fallbackExpectation(issue: z.core.$ZodRawIssue): string {
  if (issue.code === 'invalid_type') return issue.expected === 'nonoptional' ? 'a value (null when there is none)' : `a ${issue.expected}`;
  if (issue.code === 'invalid_value') return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return 'a valid value';
}

/**
 * Turns the first schema issue into one sentence, e.g.
 * `Invalid model file at spec.layers[1].units: expected a positive integer, got -3.`
 * `root` is the JSON that was validated, read to show the offending value.
 */
export function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const where = issue.path.length === 0 ? 'the top level' : formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => JSON.stringify(k)).join(', ');
    return `Invalid model file at ${where}: unexpected field${issue.keys.length === 1 ? '' : 's'} ${keys}.`;
  }
  const { value, missing } = lookUp(root, issue.path);
  const found = missing ? 'but the field is missing' : `got ${describeValue(value)}`;
  return `Invalid model file at ${where}: expected ${issue.message}, ${found}.`;
}
