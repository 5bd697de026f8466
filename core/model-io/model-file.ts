/**
 * Saving and loading the native model file (`format.ts` describes it).
 *
 * Saving: `stringifyModelFile(serializeModel(model, extras))`.
 * Loading: `parseModelFile(text)`, then `createModel(file.spec, …)` and
 * `model.setWeights(restoreWeights(file))`. The loader never throws; every
 * failure is a `{ code, message }` written for the user.
 */
import type { Model } from '../nn/model-types';
import type { EpochLog, TrainConfig } from '../train/config';
import { describeIssue, describeValue, fail, fallbackExpectation, type ModelFileResult } from './errors';
import { CURRENT_MODEL_FILE_VERSION, MODEL_FILE_FORMAT, modelFileV1Schema, type ModelFileV1 } from './format';
import type { PreprocessingFile } from '../data/prep/file-schema';
import { migrateModelFile, type RawModelFile } from './migrations';
import { decodeWeights, encodeWeights } from './weights';

/** What `serializeModel` reads from a model: its spec and a copy of its weights. */
export type SerializableModel = Pick<Model, 'spec' | 'getWeights'>;

/** Everything stored in a model file besides the network itself. */
export interface SerializeModelExtras {
  /** How the model was trained (default null). */
  training?: TrainConfig | null;
  /** Per-epoch metrics of the run (default []). */
  history?: EpochLog[];
  /** The fitted dataset pipeline (`toPreprocessingFile`), applied again at prediction (default null). */
  preprocessing?: PreprocessingFile | null;
  /** ISO 8601 time of saving; defaults to now. Pass it explicitly for reproducible files. */
  createdAt?: string;
  /** Version of the app/engine that wrote the file, e.g. "0.1.0". */
  engineVersion: string;
}

/** The outcome of loading a model file. */
export type ParseModelFileResult = ModelFileResult<ModelFileV1>;

/**
 * Builds a version-1 model file from a model. Spec, training settings, history
 * and preprocessing are deep-copied through JSON, so the result shares nothing
 * with the caller and is exactly what a reader will see.
 *
 * @throws Error when the result would not load again, e.g. non-finite weights
 *   after a diverged run or a non-finite number in the history; the message is
 *   the loader's, prefixed with "Cannot save this model: ".
 */
export function serializeModel(model: SerializableModel, extras: SerializeModelExtras): ModelFileV1 {
  const file = {
    format: MODEL_FILE_FORMAT,
    version: CURRENT_MODEL_FILE_VERSION,
    createdAt: extras.createdAt ?? new Date().toISOString(),
    engineVersion: extras.engineVersion,
    spec: jsonCopy(model.spec),
    weights: encodeWeights(model.spec, model.getWeights()),
    training: jsonCopy(extras.training ?? null),
    history: jsonCopy(extras.history ?? []),
    preprocessing: extras.preprocessing === undefined ? null : jsonCopy(extras.preprocessing),
  };
  const checked = validateModelFile(file);
  if (!checked.ok) throw new Error(`Cannot save this model: ${checked.error.message}`);
  return checked.value;
}

/** The file's text: pretty-printed JSON (2-space indent) with a final newline. */
export function stringifyModelFile(file: ModelFileV1): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Reads a model file's text: parses the JSON, checks it is a Backprop Studio
 * model file of a version this app knows, upgrades older versions, validates
 * every field and every weight tensor. Never throws.
 */
export function parseModelFile(text: string): ParseModelFileResult {
  // Guards callers outside the type system (e.g. a message from another process).
  if (typeof text !== 'string') return fail('not-json', `The model file is not valid JSON: expected text, got ${describeValue(text)}.`);
  let json: unknown;
  try {
    // A byte-order mark is added by some editors and is not JSON.
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
    return fail('not-json', `The model file is not valid JSON: ${reason}.`);
  }
  return validateModelFile(json);
}

/**
 * Validates an already-parsed model file (e.g. one received as a structured
 * clone): the same checks as `parseModelFile` after the JSON step. Never throws.
 */
export function validateModelFile(json: unknown): ParseModelFileResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return notAModelFile(describeValue(json));
  }
  const raw = json as RawModelFile;
  if (!Object.prototype.hasOwnProperty.call(raw, 'format')) return notAModelFile('no "format" field');
  if (raw.format !== MODEL_FILE_FORMAT) return notAModelFile(`"format": ${describeValue(raw.format)}`);

  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    const found = version === undefined ? 'but the field is missing' : `got ${describeValue(version)}`;
    return fail('invalid-field', `Invalid model file at version: expected a positive integer, ${found}.`);
  }
  if (version > CURRENT_MODEL_FILE_VERSION) {
    return fail(
      'newer-version',
      `This model file was written by a newer version of Backprop Studio (file version ${version}, ` +
        `this app reads up to ${CURRENT_MODEL_FILE_VERSION}). Update the app to open it.`,
    );
  }
  const migrated = migrateModelFile(raw, version);
  if (!migrated.ok) return migrated;

  const parsed = modelFileV1Schema.safeParse(migrated.value, { error: fallbackExpectation });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue ? describeIssue(issue, migrated.value) : 'Invalid model file.';
    return fail('invalid-field', message);
  }
  const weights = decodeWeights(parsed.data.spec, parsed.data.weights);
  if (!weights.ok) return weights;
  return { ok: true, value: parsed.data };
}

/**
 * Decodes a validated file's weights in `Model.getWeights()` order
 * ([w0, b0?, w1, b1?, ...]), ready for `model.setWeights`.
 *
 * @throws Error if the file did not come from `parseModelFile`/`validateModelFile`
 *   and its weights do not fit its spec (with the loader's message).
 */
export function restoreWeights(file: ModelFileV1): Float32Array[] {
  const weights = decodeWeights(file.spec, file.weights);
  if (!weights.ok) throw new Error(weights.error.message);
  return weights.value;
}

function notAModelFile(found: string): ParseModelFileResult {
  return fail(
    'not-a-model-file',
    `This is not a Backprop Studio model file: expected a JSON object with "format": "${MODEL_FILE_FORMAT}", found ${found}.`,
  );
}

/** A deep copy through JSON, i.e. exactly what a reader of the saved text gets back. */
function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
