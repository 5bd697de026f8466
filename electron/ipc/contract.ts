/**
 * The one registry of main-process IPC channels: each channel's name, the
 * arguments the renderer sends and the result main sends back. The preload
 * exposes exactly these operations (one function each) and nothing else;
 * main validates every argument before a handler runs.
 *
 * This file holds types and names only — no Electron, no Node, no zod — so
 * the renderer can import its types and the preload can bundle it cheaply.
 */

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
export type IpcErrorCode = 'untrusted-sender' | 'invalid-arguments' | 'handler-failed';

/** The reply to every invoke: a value, or an error as data. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/**
 * Channel name -> argument tuple and result value. Adding an operation means
 * adding one entry here; the type checker then asks for its argument schema
 * (`electron/ipc/args.ts`), its handler (`electron/ipc/handlers.ts`) and its
 * preload function (`electron/preload.ts`).
 */
export interface IpcContract {
  'app:info': { args: []; result: AppInfo };
}

/** Every channel name. */
export type IpcChannel = keyof IpcContract;

/** The arguments of one channel. */
export type IpcArgs<C extends IpcChannel> = IpcContract[C]['args'];

/** The success value of one channel. */
export type IpcValue<C extends IpcChannel> = IpcContract[C]['result'];

/** The channel names as runtime values, for the preload and main. */
export const IPC_CHANNELS = {
  appInfo: 'app:info',
} as const satisfies Record<string, IpcChannel>;

/** Runtime versions the preload reads from `process.versions`. */
export interface RuntimeVersions {
  electron: string;
  chrome: string;
  node: string;
}

/**
 * `window.studio`, as exposed by the preload through `contextBridge`.
 * One function per operation; `ipcRenderer` itself is never exposed.
 */
export interface StudioBridge {
  /** Versions of the desktop runtime. */
  readonly versions: Readonly<RuntimeVersions>;
  /** `app:info`: name, app version, engine version. */
  appInfo(): Promise<IpcResult<AppInfo>>;
}
