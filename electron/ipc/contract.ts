/**
 * The one registry of main-process IPC: each channel's name, the arguments
 * the renderer sends and the result main sends back, and the events main
 * pushes to the renderer. The preload exposes exactly these operations (one
 * function each) and nothing else; main validates every argument before a
 * handler runs (`electron/ipc/args.ts`).
 *
 * Training traffic never passes through here: the renderer talks to the
 * engine over a direct MessagePort (`connectEngine`). Main handles what needs
 * the operating system: dialogs, files, projects, recent files, settings.
 *
 * This file holds types and names only — no Electron, no Node, no zod — so
 * the renderer can import its types and the preload can bundle it cheaply.
 */
import type { EngineState, ExportFormat } from '../../core/engine/protocol';
import type { MessageEndpoint } from '../../core/engine/transport-port';
import type { MenuCommand } from '../services/menu-template';

export type { MenuCommand };

/** What the app says about itself (`app:info`). */
export interface AppInfo {
  /** Product name, e.g. "Backprop Studio". */
  name: string;
  /** The desktop app's version (package.json). */
  version: string;
  /** The engine's version (`core/version.ts`). */
  engineVersion: string;
}

/** An error as it crosses a process boundary: data, never a thrown crash. */
export interface IpcError {
  /** Stable, machine-readable cause, e.g. `untrusted-sender`. */
  code: IpcErrorCode;
  /** A sentence a person can read: what was expected, what was found. */
  message: string;
}

/** Every error code a main-process handler can answer with. */
export type IpcErrorCode =
  | 'untrusted-sender'
  | 'invalid-arguments'
  /** A failure the user can act on; the message is written for them. */
  | 'failed'
  /** An unexpected fault in a handler. */
  | 'handler-failed';

/** The reply to every invoke: a value, or an error as data. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** A dataset file the user chose; the engine may now open it by path. */
export interface ChosenDataset {
  path: string;
  /** The file name, for display. */
  name: string;
  size: number;
}

/** Where a project's dataset stands after opening it. */
export type DatasetStatus =
  | { status: 'none' }
  | { status: 'ok'; path: string; name: string }
  /** Not found at the saved path: ask the user to locate it (`dataset:locate`). */
  | { status: 'missing'; path: string; name: string; message: string }
  /** Found, but its contents differ from the file the project was built on. */
  | { status: 'changed'; path: string; name: string; message: string };

/** A project that is now open: the engine holds its data and model. */
export interface OpenedProject {
  /** The `.bpstudio` file, or null for recovered work never saved. */
  path: string | null;
  /** The title shown in the window ("iris.bpstudio", "Untitled"). */
  title: string;
  dataset: DatasetStatus;
  /** The engine's state once the project is restored into it. */
  engineState: EngineState;
  /** The Learn view's saved state. */
  learn: Record<string, unknown>;
  /** True when this came from the autosave after a crash. */
  recovered: boolean;
}

/** The renderer's part of a project (everything else lives in the engine). */
export interface ProjectUiState {
  learn: Record<string, unknown>;
}

/** A project written to disk. */
export interface SavedProject {
  path: string;
  title: string;
}

/** Unsaved work found after a crash, offered at start. */
export interface RecoveryOffer {
  /** When the autosave was written (ISO 8601). */
  savedAt: string;
}

/** The result of locating a dataset that moved or changed. */
export type LocateResult =
  /** The chosen file is the project's dataset: the project is restored. */
  | { matches: true; project: OpenedProject }
  /** A different file: `dataset:relink` with `path` uses it anyway, once the user agrees. */
  | { matches: false; path: string; message: string };

/** A file written by an export. */
export interface SavedFile {
  path: string;
}

/** Predictions for a CSV the user chose, written to a CSV they chose. */
export interface SavedPredictions {
  path: string;
  rows: number;
  warnings: string[];
}

/** App settings (persisted by main; the menu follows them). */
export interface AppSettings {
  theme: 'system' | 'light' | 'dark';
  language: 'en' | 'zh-CN';
}

/** Which Training menu items apply now. */
export interface TrainingMenuState {
  canStart: boolean;
  canPause: boolean;
  canResume: boolean;
  canStop: boolean;
  canStep: boolean;
}

/** What a file dropped on the window turned out to be. */
export type DroppedFile =
  | { kind: 'dataset'; dataset: ChosenDataset }
  | { kind: 'project'; project: OpenedProject };

/**
 * Channel name -> argument tuple and result value. Adding an operation means
 * adding one entry here; the type checker then asks for its argument schema
 * (`electron/ipc/args.ts`), its implementation and its preload function.
 * A `null` result means the user cancelled a dialog.
 */
export interface IpcContract {
  'app:info': { args: []; result: AppInfo };
  /** Asks for a fresh engine port; it arrives through `connectEngine`. */
  'engine:connect': { args: []; result: { generation: number } };
  'dataset:open': { args: []; result: ChosenDataset | null };
  /** A path from `webUtils.getPathForFile` (the preload turns a dropped File into it). */
  'file:dropped': { args: [path: string]; result: DroppedFile };
  'dataset:locate': { args: []; result: LocateResult | null };
  'dataset:relink': { args: [path: string]; result: OpenedProject };
  'project:new': { args: []; result: OpenedProject };
  'project:open': { args: []; result: OpenedProject | null };
  'project:open-recent': { args: [path: string]; result: OpenedProject };
  'project:save': { args: [ui: ProjectUiState]; result: SavedProject | null };
  'project:save-as': { args: [ui: ProjectUiState]; result: SavedProject | null };
  /** The renderer's state changed: the project is unsaved, and autosave keeps `ui`. */
  'project:changed': { args: [ui: ProjectUiState]; result: void };
  'project:recovery': { args: []; result: RecoveryOffer | null };
  /** Opens (`true`) or discards (`false`) the offered autosave. */
  'project:recover': { args: [accept: boolean]; result: OpenedProject | null };
  'model:export': { args: [format: ExportFormat]; result: SavedFile | null };
  'predictions:export': { args: []; result: SavedPredictions | null };
  'recent:list': { args: []; result: string[] };
  'recent:clear': { args: []; result: void };
  'settings:get': { args: []; result: AppSettings };
  'settings:set': { args: [changes: Partial<AppSettings>]; result: AppSettings };
  'menu:training': { args: [state: TrainingMenuState]; result: void };
}

/** Every channel name. */
export type IpcChannel = keyof IpcContract;

/** The arguments of one channel. */
export type IpcArgs<C extends IpcChannel> = IpcContract[C]['args'];

/** The success value of one channel. */
export type IpcValue<C extends IpcChannel> = IpcContract[C]['result'];

/** Events main sends to the renderer: name -> payload. */
export interface IpcEvents {
  /** A menu item or accelerator the renderer acts on. */
  'menu:command': MenuCommand;
  /** The engine died; a fresh one runs (restored when possible). Reconnect with `connectEngine`. */
  'engine:crashed': { message: string; restored: boolean };
  /** A project was opened from outside the page: a launch argument, a second launch, the OS. */
  'project:opened': OpenedProject;
  /** A dataset was chosen from outside the page (launch argument, OS): load it. */
  'dataset:chosen': ChosenDataset;
  'settings:changed': AppSettings;
  /** Something the user must know that no request asked for (e.g. an autosave failure). */
  'app:notice': { level: 'info' | 'warning' | 'error'; message: string };
}
export type IpcEventName = keyof IpcEvents;

/** The channel names of `IpcEvents`, as runtime values. */
export const IPC_EVENT_NAMES = [
  'menu:command', 'engine:crashed', 'project:opened', 'dataset:chosen', 'settings:changed', 'app:notice',
] as const satisfies readonly IpcEventName[];

/** The channel main posts an engine port on (never exposed: the preload hands the port to the page). */
export const ENGINE_PORT_CHANNEL = 'engine:port';
/**
 * The engine channel: the page calls `invoke['engine:connect']()`, and the
 * preload posts the new port to the page's window with this tag as the
 * message (a MessagePort cannot cross `contextBridge`). The port speaks
 * `core/engine/protocol.ts`. After `engine:crashed`, connect again.
 */
export const ENGINE_PORT_MESSAGE = 'backprop-studio:engine-port';

/** Runtime versions the preload reads from `process.versions`. */
export interface RuntimeVersions {
  electron: string;
  chrome: string;
  node: string;
}

/** The channels the page calls by name (a dropped file goes through `openDroppedFile`). */
export type PageChannel = Exclude<IpcChannel, 'file:dropped'>;

/** The page's end of the engine channel (a DOM `MessagePort`). */
export interface EnginePort extends MessageEndpoint {
  start(): void;
  close(): void;
}

/** The page's channels as runtime values, for the preload (the type check below keeps the list complete). */
export const PAGE_CHANNELS = [
  'app:info', 'engine:connect', 'dataset:open', 'dataset:locate', 'dataset:relink', 'project:new', 'project:open',
  'project:open-recent', 'project:save', 'project:save-as', 'project:changed', 'project:recovery', 'project:recover',
  'model:export', 'predictions:export', 'recent:list', 'recent:clear', 'settings:get', 'settings:set', 'menu:training',
] as const satisfies readonly PageChannel[];
/** A compile error here names a channel missing from `PAGE_CHANNELS`. */
export const PAGE_CHANNELS_COMPLETE: Exclude<PageChannel, (typeof PAGE_CHANNELS)[number]> extends never ? true : never = true;

/** The preload's function for one channel. */
export type BridgeFunction<C extends IpcChannel> = (...args: IpcArgs<C>) => Promise<IpcResult<IpcValue<C>>>;

/**
 * `window.studio`, as exposed by the preload through `contextBridge`.
 * One function per channel (`invoke['project:save'](ui)`), one subscription
 * per event, and the engine port; `ipcRenderer` itself is never exposed.
 */
export interface StudioBridge {
  /** Versions of the desktop runtime. */
  readonly versions: Readonly<RuntimeVersions>;
  /** The `window.postMessage` data that carries a new engine port (`ENGINE_PORT_MESSAGE`). */
  readonly enginePortMessage: string;
  /** One function per channel of `IpcContract`, except `file:dropped` (see `openDroppedFile`). */
  readonly invoke: { readonly [C in PageChannel]: BridgeFunction<C> };
  /** Subscribes to one main-process event; returns the unsubscribe function. */
  on<E extends IpcEventName>(event: E, handler: (payload: IpcEvents[E]) => void): () => void;
  /**
   * Opens a file the user dropped on the window: the preload reads its path
   * (`webUtils.getPathForFile`) and sends only the path to main, so the page
   * can name no file the user did not drop.
   */
  openDroppedFile(file: File): Promise<IpcResult<DroppedFile>>;
}
