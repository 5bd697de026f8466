import { APP_NAME, ENGINE_VERSION } from '../../core/version';
import type { IpcChannel } from './contract';
import type { IpcImplementation } from './guard';

/** One implementation per channel of the contract. */
export type IpcImplementations = { [C in IpcChannel]: IpcImplementation<C> };

/** What the handlers need from the running app. */
export interface HandlerContext {
  /** `app.getVersion()`. */
  appVersion: string;
}

/** The main-process implementations of every channel. */
export function ipcImplementations({ appVersion }: HandlerContext): IpcImplementations {
  return {
    'app:info': () => ({ name: APP_NAME, version: appVersion, engineVersion: ENGINE_VERSION }),
  };
}
