/**
 * The bridge between the sandboxed renderer and main. It exposes
 * `window.studio` (`StudioBridge` in `electron/ipc/contract.ts`): one
 * function per channel, one subscription per event, the engine port, and a
 * dropped file's path — never `ipcRenderer` itself. Built as CommonJS
 * (`out/preload/index.cjs`) because a sandboxed preload cannot load an ES
 * module.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  ENGINE_PORT_CHANNEL,
  ENGINE_PORT_MESSAGE,
  IPC_EVENT_NAMES,
  PAGE_CHANNELS,
  type BridgeFunction,
  type IpcEventName,
  type IpcEvents,
  type PageChannel,
  type StudioBridge,
} from './ipc/contract';

const invoke = Object.fromEntries(
  PAGE_CHANNELS.map((channel) => [channel, (...args: unknown[]) => ipcRenderer.invoke(channel, ...args)]),
) as { [C in PageChannel]: BridgeFunction<C> };

const knownEvents = new Set<string>(IPC_EVENT_NAMES);

/**
 * The engine port cannot cross `contextBridge`: it is posted to the page's
 * window, where the page takes it (`ENGINE_PORT_MESSAGE`, after it called
 * `invoke['engine:connect']`).
 */
ipcRenderer.on(ENGINE_PORT_CHANNEL, (event) => {
  window.postMessage(ENGINE_PORT_MESSAGE, '*', [...event.ports]);
});

const studio: StudioBridge = {
  versions: Object.freeze({
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    node: process.versions.node,
  }),
  enginePortMessage: ENGINE_PORT_MESSAGE,
  invoke: Object.freeze(invoke),
  on<E extends IpcEventName>(name: E, handler: (payload: IpcEvents[E]) => void): () => void {
    if (!knownEvents.has(name)) throw new Error(`Unknown event "${name}".`);
    const listener = (_event: IpcRendererEvent, payload: IpcEvents[E]): void => handler(payload);
    ipcRenderer.on(name, listener);
    return () => { ipcRenderer.removeListener(name, listener); };
  },
  openDroppedFile(file: File) {
    return ipcRenderer.invoke('file:dropped', webUtils.getPathForFile(file)) as ReturnType<StudioBridge['openDroppedFile']>;
  },
};

contextBridge.exposeInMainWorld('studio', studio);
