/**
 * The open project, as main sees it: which file it is, whether it has
 * unsaved changes, the files the user chose (which the engine may open), and
 * the operations that move a whole project between disk and the engine —
 * new, open, save, save as, recover, and locating a dataset that moved.
 *
 * Electron-free: dialogs, the engine and the clock come in through
 * `ProjectSessionDeps`, so every path is tested in plain Node with a real
 * engine. Every failure the user can cause throws a `StudioError` whose
 * message is ready to show; the previous project stays open.
 */
import { basename, dirname, extname, join } from 'node:path';
import type { EngineReply, EngineSnapshot } from '../../core/engine/protocol';
import type { ClientRequest } from '../../core/engine/transport';
import type { DatasetStatus, OpenedProject, ProjectUiState, SavedProject } from '../ipc/contract';
import { AtomicWriteError, writeFileAtomic } from './atomic-write';
import { fileIdentity, type FileIdentity } from './file-identity';
import { openProblem } from './fs-errors';
import { parseProjectFile, stringifyProjectFile, type DatasetReference, type ProjectFileV1 } from './project-file';
import {
  changedMessage, checkDataset, emptySnapshot, projectFromSnapshot, projectTitle, readProjectFile, snapshotFromProject,
} from './project-store';
import { StudioError } from './studio-error';

/** The engine as the session uses it (in the app: the supervisor plus the file grants). */
export interface SessionEngine {
  request(request: ClientRequest): Promise<EngineReply>;
  /** Lets the engine open these paths (the user chose them); resolves once it may. */
  grant(paths: readonly string[]): Promise<void>;
  /** Sets the snapshot a crashed engine is restored from (null: none). */
  remember(snapshot: EngineSnapshot | null): void;
}

/** The dialogs the session opens; each resolves with a path, or null when cancelled. */
export interface SessionDialogs {
  openProject(): Promise<string | null>;
  saveProject(defaultPath: string): Promise<string | null>;
  locateDataset(name: string, defaultPath: string): Promise<string | null>;
}

export interface ProjectSessionDeps {
  engine: SessionEngine;
  dialogs: SessionDialogs;
  appVersion: string;
  engineVersion: string;
  /** Folder proposed for a project saved before any dataset was chosen. */
  documentsDir: string;
  /** Called whenever the title or the unsaved flag changes. */
  onTitle(title: string, dirty: boolean): void;
  /** Called with each project file opened or saved (for the recent list). */
  onRecent(path: string): void;
  /** Tells the user something no request asked for. */
  onNotice(message: string): void;
  now?: () => Date;
  identify?: (path: string) => Promise<FileIdentity>;
}

/** A project waiting for its dataset to be located. */
interface Pending {
  project: ProjectFileV1;
}

export interface ProjectSession {
  /** Registers a file the user chose; resolves once its identity is known. */
  grantDataset(path: string): Promise<FileIdentity>;
  readonly path: string | null;
  readonly dirty: boolean;
  markChanged(ui: ProjectUiState): void;
  newProject(): Promise<OpenedProject>;
  open(path: string): Promise<OpenedProject>;
  openWithDialog(): Promise<OpenedProject | null>;
  /** Opens autosaved text as unsaved, untitled work. */
  openRecovered(text: string): Promise<OpenedProject>;
  save(ui: ProjectUiState): Promise<SavedProject | null>;
  saveAs(ui: ProjectUiState): Promise<SavedProject | null>;
  locateDataset(): Promise<{ matches: true; project: OpenedProject } | { matches: false; path: string; message: string } | null>;
  relinkDataset(path: string): Promise<OpenedProject>;
  /** The project text for autosave: null when nothing is unsaved. Built from the last snapshot, synchronously. */
  autosaveText(snapshot: EngineSnapshot | null): string | null;
}

/** Unwraps a reply or throws its message for the user. */
function valueOf<T>(reply: EngineReply, context: string): T {
  if (!reply.result.ok) throw new StudioError(`${context}: ${reply.result.error.message}`);
  return reply.result.value as T;
}

export function createProjectSession(deps: ProjectSessionDeps): ProjectSession {
  const identify = deps.identify ?? fileIdentity;
  const now = deps.now ?? (() => new Date());
  /** Files the user chose, and what they were when chosen. */
  const identities = new Map<string, FileIdentity>();
  let path: string | null = null;
  let dirty = false;
  let ui: ProjectUiState = { learn: {} };
  let pending: Pending | null = null;
  /** Files picked in "Locate" that differ from the project's dataset: usable only after the user agrees. */
  const candidates = new Set<string>();

  const title = (): void => deps.onTitle(projectTitle(path), dirty);
  const setState = (nextPath: string | null, nextDirty: boolean): void => {
    path = nextPath;
    dirty = nextDirty;
    title();
  };

  async function grantDataset(file: string): Promise<FileIdentity> {
    let identity: FileIdentity;
    try {
      identity = await identify(file);
    } catch (error) {
      throw new StudioError(`Cannot open ${file}: ${openProblem(error)}.`, { cause: error });
    }
    identities.set(file, identity);
    await deps.engine.grant([file]);
    return identity;
  }

  async function restore(snapshot: EngineSnapshot, context: string): Promise<OpenedProject['engineState']> {
    const value = valueOf<{ state: OpenedProject['engineState'] }>(await deps.engine.request({ type: 'restore', snapshot }), context);
    deps.engine.remember(snapshot.dataset ? snapshot : null);
    return value.state;
  }

  /** Restores `project` with its dataset at `datasetPath`; if the model no longer fits, keeps the data and says so. */
  async function restoreProject(project: ProjectFileV1, datasetPath: string): Promise<OpenedProject['engineState']> {
    try {
      return await restore(snapshotFromProject(project, { datasetPath }), `Cannot open the project's data`);
    } catch (error) {
      if (!(error instanceof StudioError) || project.prep === null) throw error;
      const state = await restore(snapshotFromProject({ ...project, prep: null }, { datasetPath, withModel: false }), `Cannot open the project's data`);
      deps.onNotice(`The dataset was loaded, but the project's data settings and model no longer fit it, so they were not restored. ${error.message}`);
      return state;
    }
  }

  function opened(project: ProjectFileV1, dataset: DatasetStatus, engineState: OpenedProject['engineState'], recovered: boolean): OpenedProject {
    ui = { learn: project.learn };
    return { path, title: projectTitle(path), dataset, engineState, learn: project.learn, recovered };
  }

  async function load(project: ProjectFileV1, filePath: string | null, recovered: boolean): Promise<OpenedProject> {
    const dataset = await checkDataset(project.dataset, identify);
    let engineState: OpenedProject['engineState'];
    if (dataset.status === 'ok' && project.dataset) {
      identities.set(project.dataset.path, { size: project.dataset.size, sha256: project.dataset.sha256 });
      await deps.engine.grant([project.dataset.path]);
      engineState = await restoreProject(project, project.dataset.path);
      pending = null;
    } else {
      engineState = await restore(emptySnapshot(), 'Cannot reset the engine');
      pending = dataset.status === 'none' ? null : { project };
    }
    candidates.clear();
    setState(filePath, recovered);
    if (filePath !== null) deps.onRecent(filePath);
    return opened(project, dataset, engineState, recovered);
  }

  async function snapshotNow(): Promise<EngineSnapshot> {
    return valueOf<EngineSnapshot>(await deps.engine.request({ type: 'snapshot' }), 'Cannot read the project from the engine');
  }

  function referenceOf(snapshot: EngineSnapshot): DatasetReference | null {
    if (snapshot.dataset?.kind !== 'path') return null;
    const identity = identities.get(snapshot.dataset.path);
    return identity ? { path: snapshot.dataset.path, ...identity, importOptions: snapshot.importOptions ?? {} } : null;
  }

  function compose(snapshot: EngineSnapshot | null): ProjectFileV1 | null {
    const savedAt = now().toISOString();
    if (pending) return { ...pending.project, savedAt, app: { version: deps.appVersion }, learn: ui.learn };
    if (snapshot === null) return null;
    return projectFromSnapshot({
      snapshot, dataset: referenceOf(snapshot), learn: ui.learn, appVersion: deps.appVersion, engineVersion: deps.engineVersion, savedAt,
    });
  }

  function defaultProjectPath(snapshot: EngineSnapshot | null): string {
    if (path) return path;
    const data = snapshot?.dataset?.kind === 'path' ? snapshot.dataset.path : pending?.project.dataset?.path;
    if (data) return join(dirname(data), `${basename(data, extname(data))}.bpstudio`);
    return join(deps.documentsDir, 'Untitled.bpstudio');
  }

  async function writeTo(target: string, current: ProjectUiState): Promise<SavedProject> {
    ui = current;
    const snapshot = pending ? null : await snapshotNow();
    const project = compose(snapshot);
    if (!project) throw new StudioError('There is nothing to save yet.');
    try {
      await writeFileAtomic(target, stringifyProjectFile(project));
    } catch (error) {
      if (error instanceof AtomicWriteError) throw new StudioError(error.message, { cause: error });
      throw error;
    }
    setState(target, false);
    deps.onRecent(target);
    return { path: target, title: projectTitle(target) };
  }

  async function saveAs(current: ProjectUiState): Promise<SavedProject | null> {
    const snapshot = pending ? null : await snapshotNow();
    const chosen = await deps.dialogs.saveProject(defaultProjectPath(snapshot));
    if (chosen === null) return null;
    const target = extname(chosen) === '' ? `${chosen}.bpstudio` : chosen;
    return writeTo(target, current);
  }

  return {
    grantDataset,
    get path() { return path; },
    get dirty() { return dirty; },
    markChanged(current) {
      ui = current;
      if (!dirty) setState(path, true);
    },
    async newProject() {
      const engineState = await restore(emptySnapshot(), 'Cannot reset the engine');
      pending = null;
      candidates.clear();
      ui = { learn: {} };
      setState(null, false);
      return { path: null, title: projectTitle(null), dataset: { status: 'none' }, engineState, learn: {}, recovered: false };
    },
    async open(file) {
      return load(await readProjectFile(file), file, false);
    },
    async openWithDialog() {
      const file = await deps.dialogs.openProject();
      return file === null ? null : load(await readProjectFile(file), file, false);
    },
    async openRecovered(text) {
      const parsed = parseProjectFile(text);
      if (!parsed.ok) throw new StudioError(`The recovered work cannot be opened: ${parsed.error.message}`);
      return load(parsed.value, null, true);
    },
    save: (current) => (path === null ? saveAs(current) : writeTo(path, current)),
    saveAs,
    async locateDataset() {
      const waiting = pending ?? (() => { throw new StudioError('The project\'s dataset is where it was saved; there is nothing to locate.'); })();
      const ref = waiting.project.dataset;
      if (!ref) throw new StudioError('This project has no dataset to locate.');
      const chosen = await deps.dialogs.locateDataset(basename(ref.path), ref.path);
      if (chosen === null) return null;
      const identity = await grantDataset(chosen);
      if (identity.sha256 !== ref.sha256) {
        candidates.add(chosen);
        return { matches: false, path: chosen, message: changedMessage(basename(chosen), ref, identity) };
      }
      return { matches: true, project: await relink(waiting, chosen, identity) };
    },
    async relinkDataset(file) {
      if (!pending || !candidates.has(file)) {
        throw new StudioError(`Cannot use ${file}: choose it with "Locate dataset…" first.`);
      }
      const identity = identities.get(file);
      if (!identity) throw new StudioError(`Cannot use ${file}: choose it with "Locate dataset…" first.`);
      return relink(pending, file, identity);
    },
    autosaveText(snapshot) {
      if (!dirty) return null;
      const project = compose(snapshot);
      return project ? stringifyProjectFile(project) : null;
    },
  };

  async function relink(waiting: Pending, file: string, identity: FileIdentity): Promise<OpenedProject> {
    const ref = waiting.project.dataset;
    if (!ref) throw new StudioError('This project has no dataset to locate.');
    const project: ProjectFileV1 = { ...waiting.project, dataset: { ...ref, path: file, ...identity } };
    const engineState = await restoreProject(project, file);
    pending = null;
    candidates.clear();
    setState(path, true);
    return opened(project, { status: 'ok', path: file, name: basename(file) }, engineState, false);
  }
}
