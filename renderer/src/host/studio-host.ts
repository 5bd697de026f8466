import type { DatasetSource, ExportFormat } from '../../../core/engine/protocol';
import type { EngineTransport } from '../../../core/engine/transport';
import type {
  AppInfo, AppSettings, IpcEvents, LocateResult, OpenedProject, RecoveryOffer, SavedFile, SavedPredictions, SavedProject, TrainingMenuState,
} from '../../../electron/ipc/contract';

/** Where the renderer is running. */
export type HostKind = 'electron' | 'browser';

/** A dataset the user chose: what to show, and how the engine reads it. */
export interface DatasetChoice {
  name: string;
  size: number;
  source: DatasetSource;
}

/** What a dropped file turned out to be. */
export type DroppedChoice =
  | { kind: 'dataset'; dataset: DatasetChoice }
  | { kind: 'project'; project: OpenedProject };

/** Project files: the desktop app's (main keeps the file, the engine the data); absent in the web edition. */
export interface ProjectHost {
  newProject(): Promise<OpenedProject>;
  open(): Promise<OpenedProject | null>;
  openRecent(path: string): Promise<OpenedProject>;
  save(learn: Record<string, unknown>): Promise<SavedProject | null>;
  saveAs(learn: Record<string, unknown>): Promise<SavedProject | null>;
  recovery(): Promise<RecoveryOffer | null>;
  recover(accept: boolean): Promise<OpenedProject | null>;
  locateDataset(): Promise<LocateResult | null>;
  relinkDataset(path: string): Promise<OpenedProject>;
}

/** Events a host may push (the desktop app's menu, engine restarts, files opened from the OS). */
export interface HostEvents {
  'menu:command': IpcEvents['menu:command'];
  'engine:crashed': IpcEvents['engine:crashed'];
  'project:opened': IpcEvents['project:opened'];
  'dataset:chosen': DatasetChoice;
  'settings:changed': AppSettings;
  'app:notice': IpcEvents['app:notice'];
}

/**
 * The one interface the UI uses to reach the outside world. The desktop app
 * implements it over the preload bridge, the web edition in the browser; the
 * views never know which.
 */
export interface StudioHost {
  readonly kind: HostKind;
  /** A short description of the runtime, e.g. "Electron 41.7.1" or "web browser". */
  readonly runtime: string;
  /** Name, app version and engine version. */
  appInfo(): Promise<AppInfo>;
  /**
   * A channel to the engine. The desktop engine outlives the page (a reload
   * finds its data); the web edition starts a Web Worker and restores the
   * last session saved in the browser.
   */
  connectEngine(): Promise<EngineTransport>;
  /** Asks the user for a CSV file (a dialog); null when cancelled. */
  chooseDataset(): Promise<DatasetChoice | null>;
  /** Turns a file dropped on the window into a dataset (or, on the desktop, a project). */
  openDropped(file: File): Promise<DroppedChoice>;
  /**
   * Saves the current model in `format` where the user says: a save dialog
   * on the desktop, a download in the browser (TF.js: model.json and
   * weights.bin). Null when cancelled.
   */
  exportModel(format: ExportFormat): Promise<SavedFile | null>;
  /** Asks for a CSV, predicts every row with the current model, and saves the predictions as CSV. */
  exportPredictions(): Promise<SavedPredictions | null>;
  /** Tells the host which training actions apply now (the desktop menu enables its items). */
  trainingState(state: TrainingMenuState): void;
  /** Called after every change the user would want to keep; the host persists the session its way. */
  sessionChanged(learn: Record<string, unknown>): void;
  /** Settings kept by the host (the desktop menu follows them); null when the page keeps its own. */
  settings(): Promise<AppSettings | null>;
  updateSettings(changes: Partial<AppSettings>): Promise<void>;
  /** Project files, where the host has them (desktop); null in the web edition. */
  readonly projects: ProjectHost | null;
  /** Subscribes to a host event; returns the unsubscribe function. */
  on<E extends keyof HostEvents>(event: E, handler: (payload: HostEvents[E]) => void): () => void;
}
