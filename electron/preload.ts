/**
 * The bridge between the sandboxed renderer and main. It exposes
 * `window.studio`: one function per operation of `electron/ipc/contract.ts`,
 * never `ipcRenderer` itself. Built as CommonJS (`out/preload/index.cjs`)
 * because a sandboxed preload cannot load an ES module.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  IPC_CHANNELS,
  type IpcArgs,
  type IpcChannel,
  type IpcResult,
  type IpcValue,
  type StudioBridge,
} from './ipc/contract';

function invoke<C extends IpcChannel>(channel: C, ...args: IpcArgs<C>): Promise<IpcResult<IpcValue<C>>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<IpcResult<IpcValue<C>>>;
}

const studio: StudioBridge = {
  versions: Object.freeze({
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    node: process.versions.node,
  }),
  appInfo: () => invoke(IPC_CHANNELS.appInfo),
};

contextBridge.exposeInMainWorld('studio', studio);
