/**
 * Main's side of every IPC channel, without Electron: the implementations
 * `registerIpcHandlers` serves. Electron-specific work (dialogs, the engine
 * port, the menu, the window title) comes in through `StudioControllerDeps`,
 * so main.ts only wires objects together and this file is tested in Node.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import type { EngineReply, ExportFormat, ExportValue, PredictFileValue } from '../../core/engine/protocol';
import type { ChosenDataset, SavedFile, SavedPredictions, TrainingMenuState } from '../ipc/contract';
import type { IpcImplementations } from '../ipc/handlers';
import { AtomicWriteError, writeFileAtomic } from './atomic-write';
import type { Autosave } from './autosave';
import type { RecentFiles } from './recent-files';
import type { SettingsStore } from './settings';
import type { ProjectSession } from './project-session';
import { StudioError } from './studio-error';

/** Extensions that open as a project when dropped; anything else is treated as a CSV. */
const PROJECT_EXTENSIONS = new Set(['.bpstudio']);

/** File names `model:export` proposes, by format (the project's name is put in front). */
export const EXPORT_FILE_SUFFIX: Readonly<Record<ExportFormat, string>> = {
  native: '.model.json', onnx: '.onnx', tfjs: '.tfjs.json', python: '.py', js: '.mjs',
};

/** The dialogs the controller opens (the project dialogs live in the session). */
export interface ControllerDialogs {
  openDataset(): Promise<string | null>;
  saveExport(defaultPath: string, format: ExportFormat): Promise<string | null>;
  openPredictInput(): Promise<string | null>;
  savePredictions(defaultPath: string): Promise<string | null>;
}

export interface StudioControllerDeps {
  session: ProjectSession;
  dialogs: ControllerDialogs;
  recent: RecentFiles;
  settings: SettingsStore;
  autosave: Autosave;
  /** Sends an engine request through main's control connection. */
  engineRequest(request: { type: 'export-model'; format: ExportFormat } | { type: 'predict-file'; source: { kind: 'path'; path: string } }): Promise<EngineReply>;
  /** Creates a fresh engine channel and posts its port to the renderer; returns its generation number. */
  connectEngine(): number;
  onTrainingMenu(state: TrainingMenuState): void;
  /** Tells the user something no request asked for. */
  onNotice(message: string): void;
  appName: string;
  appVersion: string;
  engineVersion: string;
  documentsDir: string;
}

/** The sentence for a dropped item that is not a file on disk. */
export const NOT_A_DISK_FILE =
  'Only files on your disk can be opened: drop a file from a folder (not from a web page, an e-mail or an archive).';

export function createStudioController(deps: StudioControllerDeps): IpcImplementations {
  const { session } = deps;
  let autosaveStarted = false;
  const startAutosave = (): void => {
    if (autosaveStarted) return;
    autosaveStarted = true;
    deps.autosave.start();
  };

  async function chooseDataset(path: string): Promise<ChosenDataset> {
    const identity = await session.grantDataset(path);
    return { path, name: basename(path), size: identity.size };
  }

  async function write(path: string, data: string | Uint8Array): Promise<void> {
    try {
      await writeFileAtomic(path, data);
    } catch (error) {
      if (error instanceof AtomicWriteError) throw new StudioError(error.message, { cause: error });
      throw error;
    }
  }

  function engineValue<T>(reply: EngineReply, context: string): T {
    if (!reply.result.ok) throw new StudioError(`${context}: ${reply.result.error.message}`);
    return reply.result.value as T;
  }

  /** Where a file derived from the project goes by default: beside the project, or in Documents. */
  function besideProject(suffix: string): string {
    const path = session.path;
    if (path === null) return join(deps.documentsDir, `Untitled${suffix}`);
    return join(dirname(path), `${basename(path, extname(path))}${suffix}`);
  }

  async function exportModel(format: ExportFormat): Promise<SavedFile | null> {
    const chosen = await deps.dialogs.saveExport(besideProject(EXPORT_FILE_SUFFIX[format]), format);
    if (chosen === null) return null;
    const value = engineValue<ExportValue>(await deps.engineRequest({ type: 'export-model', format }), 'Cannot export the model');
    const [main, ...rest] = value.files;
    if (!main) throw new StudioError('Cannot export the model: the engine produced no file.');
    await write(chosen, main.text ?? main.bytes ?? '');
    // TF.js: the weights go beside model.json under the name its manifest gives.
    for (const file of rest) await write(join(dirname(chosen), file.name), file.text ?? file.bytes ?? '');
    return { path: chosen };
  }

  async function exportPredictions(): Promise<SavedPredictions | null> {
    const input = await deps.dialogs.openPredictInput();
    if (input === null) return null;
    await session.grantDataset(input);
    const value = engineValue<PredictFileValue>(
      await deps.engineRequest({ type: 'predict-file', source: { kind: 'path', path: input } }),
      `Cannot predict ${basename(input)}`,
    );
    const target = await deps.dialogs.savePredictions(join(dirname(input), `${basename(input, extname(input))}-predictions.csv`));
    if (target === null) return null;
    await write(target, value.csv);
    return { path: target, rows: value.rows, warnings: value.warnings };
  }

  return {
    'app:info': () => ({ name: deps.appName, version: deps.appVersion, engineVersion: deps.engineVersion }),
    'engine:connect': () => ({ generation: deps.connectEngine() }),
    'dataset:open': async () => {
      const path = await deps.dialogs.openDataset();
      return path === null ? null : chooseDataset(path);
    },
    'file:dropped': async (path) => {
      if (path.length === 0 || !isAbsolute(path)) throw new StudioError(NOT_A_DISK_FILE);
      if (PROJECT_EXTENSIONS.has(extname(path).toLowerCase())) return { kind: 'project', project: await session.open(path) };
      return { kind: 'dataset', dataset: await chooseDataset(path) };
    },
    'dataset:locate': () => session.locateDataset(),
    'dataset:relink': (path) => session.relinkDataset(path),
    'project:new': () => session.newProject(),
    'project:open': () => session.openWithDialog(),
    'project:open-recent': async (path) => {
      if (!deps.recent.list().includes(path)) throw new StudioError(`${basename(path)} is not in the list of recent projects.`);
      return session.open(path);
    },
    'project:save': (ui) => session.save(ui),
    'project:save-as': (ui) => session.saveAs(ui),
    'project:changed': (ui) => { session.markChanged(ui); },
    'project:recovery': async () => {
      const found = await deps.autosave.recoverable();
      if (found === null) startAutosave();
      return found === null ? null : { savedAt: found.savedAt };
    },
    'project:recover': async (accept) => {
      const found = await deps.autosave.recoverable();
      if (!accept || found === null) {
        await deps.autosave.discard();
        startAutosave();
        return null;
      }
      try {
        return await session.openRecovered(await readFile(found.path, 'utf8'));
      } finally {
        // Recovered work is unsaved again, and autosave keeps it; a file that failed to open stays until the next change.
        startAutosave();
      }
    },
    'model:export': (format) => exportModel(format),
    'predictions:export': () => exportPredictions(),
    'recent:list': () => [...deps.recent.list()],
    'recent:clear': () => deps.recent.clear(),
    'settings:get': () => deps.settings.get(),
    'settings:set': async (changes) => {
      try {
        await deps.settings.update(changes);
      } catch (error) {
        // The new settings apply even when saving them failed; say so and go on.
        if (!(error instanceof AtomicWriteError)) throw error;
        deps.onNotice(`Your settings apply now but will not be remembered: ${error.message}`);
      }
      return deps.settings.get();
    },
    'menu:training': (state) => { deps.onTrainingMenu(state); },
  };
}
