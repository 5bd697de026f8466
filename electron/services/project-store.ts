/**
 * Projects on disk and in the engine: reading a `.bpstudio` file with a
 * message for every way it can fail, checking its dataset is still the file
 * it was built on, and converting between a project and the engine's
 * snapshot (the engine holds the data and model; the project file keeps the
 * dataset's path and hash, never its rows).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { EngineSnapshot } from '../../core/engine/protocol';
import { PROTOCOL_VERSION } from '../../core/engine/protocol';
import { restoreWeights, serializeModel } from '../../core/model-io/model-file';
import type { DatasetStatus } from '../ipc/contract';
import { fileIdentity, formatBytes, type FileIdentity } from './file-identity';
import { openProblem } from './fs-errors';
import {
  CURRENT_PROJECT_FILE_VERSION, PROJECT_FILE_FORMAT, parseProjectFile, type DatasetReference, type ProjectFileV1,
} from './project-file';
import { StudioError } from './studio-error';

/** Reads and validates a project file; throws a `StudioError` with the reason. */
export async function readProjectFile(path: string): Promise<ProjectFileV1> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new StudioError(`Cannot open the project ${path}: ${openProblem(error)}.`, { cause: error });
  }
  const parsed = parseProjectFile(text);
  if (!parsed.ok) throw new StudioError(`Cannot open ${basename(path)}: ${parsed.error.message}`);
  return parsed.value;
}

/** Whether `ref`'s file is where the project left it, unchanged. */
export async function checkDataset(
  ref: DatasetReference | null,
  identify: (path: string) => Promise<FileIdentity> = fileIdentity,
): Promise<DatasetStatus> {
  if (ref === null) return { status: 'none' };
  const name = basename(ref.path);
  let found: FileIdentity;
  try {
    found = await identify(ref.path);
  } catch {
    return {
      status: 'missing', path: ref.path, name,
      message: `The dataset "${name}" is no longer at ${ref.path}. Locate it to continue (it may have been moved or renamed).`,
    };
  }
  if (found.sha256 === ref.sha256) return { status: 'ok', path: ref.path, name };
  return { status: 'changed', path: ref.path, name, message: changedMessage(name, ref, found) };
}

/** The sentence for a dataset whose contents differ from the project's. */
export function changedMessage(name: string, expected: FileIdentity, found: FileIdentity): string {
  const sizes = expected.size === found.size
    ? 'same size, different contents'
    : `${formatBytes(expected.size)} when the project was saved, ${formatBytes(found.size)} now`;
  return `"${name}" is not the file this project was built on (${sizes}). ` +
    'Locate the original file, or use this one anyway: the network and model are kept only if its columns still fit.';
}

export interface ComposeArgs {
  snapshot: EngineSnapshot;
  /** The reference of the snapshot's dataset (null when it has none or it was not loaded from a file). */
  dataset: DatasetReference | null;
  learn: Record<string, unknown>;
  appVersion: string;
  engineVersion: string;
  /** ISO 8601. */
  savedAt: string;
}

/** A project file from the engine's snapshot and the renderer's state. */
export function projectFromSnapshot(args: ComposeArgs): ProjectFileV1 {
  const { snapshot } = args;
  const spec = snapshot.spec;
  const weights = snapshot.weights;
  const model = spec && weights
    ? serializeModel(
      { spec, getWeights: () => weights.map((w) => Float32Array.from(w)) },
      { training: snapshot.training, history: snapshot.history, engineVersion: args.engineVersion, createdAt: args.savedAt },
    )
    : null;
  return {
    format: PROJECT_FILE_FORMAT,
    version: CURRENT_PROJECT_FILE_VERSION,
    savedAt: args.savedAt,
    app: { version: args.appVersion },
    dataset: args.dataset,
    prep: snapshot.prep,
    spec,
    training: snapshot.training,
    model,
    history: snapshot.history,
    learn: args.learn,
  };
}

/**
 * The engine snapshot that restores `project`. `datasetPath` replaces the
 * saved path (a relinked file); `withDataset: false` restores nothing but an
 * empty engine (the dataset is missing).
 */
export function snapshotFromProject(project: ProjectFileV1, options: { datasetPath?: string; withModel?: boolean } = {}): EngineSnapshot {
  const ref = project.dataset;
  const withModel = options.withModel ?? true;
  const weights = withModel && project.model ? restoreWeights(project.model).map((w) => Array.from(w)) : null;
  return {
    protocolVersion: PROTOCOL_VERSION,
    dataset: ref ? { kind: 'path', path: options.datasetPath ?? ref.path } : null,
    importOptions: ref?.importOptions ?? {},
    prep: ref ? project.prep : null,
    spec: ref && withModel ? (project.model?.spec ?? project.spec) : null,
    training: project.training,
    weights: ref ? weights : null,
    history: withModel ? project.history : [],
  };
}

/** An engine snapshot of nothing: restoring it empties the engine. */
export function emptySnapshot(): EngineSnapshot {
  return { protocolVersion: PROTOCOL_VERSION, dataset: null, importOptions: {}, prep: null, spec: null, training: null, weights: null, history: [] };
}

/** The window title of a project: its file name, or "Untitled". */
export function projectTitle(path: string | null): string {
  return path === null ? 'Untitled' : basename(path);
}
