import type { MessageEndpoint } from '../../../core/engine/transport-port';
import { connectEngine } from '../../../core/engine/transport-port';
import type { EngineTransport } from '../../../core/engine/transport';
import type { AppInfo, ChosenDataset, IpcResult, StudioBridge } from '../../../electron/ipc/contract';
import type { DatasetChoice, HostEvents, StudioHost } from './studio-host';

/** A bridge result's value, or its message as an error. */
async function valueOf<T>(result: Promise<IpcResult<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const datasetOf = (chosen: ChosenDataset): DatasetChoice => ({
  name: chosen.name, size: chosen.size, source: { kind: 'path', path: chosen.path },
});

/** Waits for the engine port the preload posts to this window with `tag` as its data. */
function nextEnginePort(tag: string): Promise<MessagePort> {
  return new Promise((resolve) => {
    const listener = (event: MessageEvent): void => {
      if (event.source !== window || event.data !== tag || event.ports.length !== 1) return;
      window.removeEventListener('message', listener);
      resolve(event.ports[0]!);
    };
    window.addEventListener('message', listener);
  });
}

/** The desktop host, over `window.studio` from the preload; `nextPort` is replaceable for tests. */
export function electronHost(bridge: StudioBridge, nextPort: () => Promise<MessagePort> = () => nextEnginePort(bridge.enginePortMessage)): StudioHost {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    kind: 'electron',
    runtime: `Electron ${bridge.versions.electron}`,
    appInfo: (): Promise<AppInfo> => valueOf(bridge.invoke['app:info']()),
    async connectEngine(): Promise<EngineTransport> {
      const port = nextPort();
      await valueOf(bridge.invoke['engine:connect']());
      const engine = await port;
      engine.start();
      return connectEngine(engine as unknown as MessageEndpoint, { terminate: () => engine.close() });
    },
    async chooseDataset() {
      const chosen = await valueOf(bridge.invoke['dataset:open']());
      return chosen ? datasetOf(chosen) : null;
    },
    async openDropped(file) {
      const dropped = await valueOf(bridge.openDroppedFile(file));
      return dropped.kind === 'dataset' ? { kind: 'dataset', dataset: datasetOf(dropped.dataset) } : dropped;
    },
    trainingState(state) { void bridge.invoke['menu:training'](state); },
    exportModel: (format) => valueOf(bridge.invoke['model:export'](format)),
    exportPredictions: () => valueOf(bridge.invoke['predictions:export']()),
    sessionChanged(learn) {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => { void bridge.invoke['project:changed']({ learn }); }, 250);
    },
    projects: {
      newProject: () => valueOf(bridge.invoke['project:new']()),
      open: () => valueOf(bridge.invoke['project:open']()),
      openRecent: (path) => valueOf(bridge.invoke['project:open-recent'](path)),
      save: (learn) => valueOf(bridge.invoke['project:save']({ learn })),
      saveAs: (learn) => valueOf(bridge.invoke['project:save-as']({ learn })),
      recovery: () => valueOf(bridge.invoke['project:recovery']()),
      recover: (accept) => valueOf(bridge.invoke['project:recover'](accept)),
      locateDataset: () => valueOf(bridge.invoke['dataset:locate']()),
      relinkDataset: (path) => valueOf(bridge.invoke['dataset:relink'](path)),
    },
    settings: () => valueOf(bridge.invoke['settings:get']()),
    async updateSettings(changes) { await valueOf(bridge.invoke['settings:set'](changes)); },
    on<E extends keyof HostEvents>(event: E, handler: (payload: HostEvents[E]) => void): () => void {
      if (event === 'dataset:chosen') {
        return bridge.on('dataset:chosen', (chosen) => (handler as (p: DatasetChoice) => void)(datasetOf(chosen)));
      }
      return bridge.on(event as Exclude<E, 'dataset:chosen'>, handler as never);
    },
  };
}
