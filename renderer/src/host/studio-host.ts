import type { AppInfo } from '../../../electron/ipc/contract';

/** Where the renderer is running. */
export type HostKind = 'electron' | 'browser';

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
}
