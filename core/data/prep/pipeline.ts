/**
 * A fitted pipeline in memory: the saved state plus the lookup tables built
 * from it. Converting to and from the `PreprocessingFile` is lossless, so a
 * pipeline read back from a model file transforms rows bit for bit the same.
 */
import { prepError } from './config';
import { PREPROCESSING_FILE_VERSION, preprocessingFileSchema, type PreprocessingFile } from './file-schema';
import { describeSchemaIssue } from './schema-issue';

/** The fitted preprocessing, ready to transform rows. */
export interface Pipeline {
  /** Exactly what is saved; never mutated. */
  readonly state: PreprocessingFile;
  /** Per input encoder: category → position within its one-hot block (null for numeric inputs). */
  readonly categoryIndex: readonly (ReadonlyMap<string, number> | null)[];
  /** Class label → class index (classification only). */
  readonly classIndex: ReadonlyMap<string, number> | null;
  /** Column of x where each input encoder's block starts. */
  readonly offsets: readonly number[];
}

/** Builds the lookup tables for a (valid) preprocessing state. */
export function pipelineOf(state: PreprocessingFile): Pipeline {
  const offsets: number[] = [];
  let at = 0;
  const categoryIndex = state.inputs.map((e) => {
    offsets.push(at);
    if (e.kind === 'numeric') {
      at += e.indicator ? 2 : 1;
      return null;
    }
    at += e.categories.length;
    return new Map(e.categories.map((c, i) => [c, i]));
  });
  const classIndex = state.target.kind === 'classes' ? new Map(state.target.labels.map((l, i) => [l, i])) : null;
  return { state, categoryIndex, classIndex, offsets };
}

/** The state to save in the model file's `preprocessing` field (a deep copy). */
export function toPreprocessingFile(pipeline: Pipeline): PreprocessingFile {
  return JSON.parse(JSON.stringify(pipeline.state)) as PreprocessingFile;
}

/**
 * Reads a saved preprocessing state (already JSON-parsed).
 *
 * @throws DataError `invalid-preprocessing`, e.g.
 *   `Invalid preprocessing at inputs[0].scale: expected a positive number, got 0.`, or
 *   `newer-preprocessing` for a version this app does not know.
 */
export function pipelineFromFile(json: unknown): Pipeline {
  const version = typeof json === 'object' && json !== null ? (json as { version?: unknown }).version : undefined;
  if (typeof version === 'number' && Number.isInteger(version) && version > PREPROCESSING_FILE_VERSION) {
    prepError(
      'newer-preprocessing',
      `This preprocessing was saved by a newer version of Backprop Studio (version ${version}, this app reads up to ${PREPROCESSING_FILE_VERSION}). Update the app to use it.`,
    );
  }
  const parsed = preprocessingFileSchema.safeParse(json);
  if (!parsed.success) prepError('invalid-preprocessing', describeSchemaIssue('preprocessing', parsed.error.issues[0]!, json));
  return pipelineOf(parsed.data);
}
