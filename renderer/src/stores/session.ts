/**
 * The engine session as the page shows it: connection, engine state, the
 * dataset (name, columns, import report), the import in progress, and the
 * data settings (`PrepConfig`) with what they produce (input and output
 * widths, rows per split). Every change of the data settings is sent to the
 * engine (`configure-data`); its error, if any, is shown where it applies.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ColumnKindOverride, NumericScaling, PrepConfig, SplitFractions, Task } from '../../../core/data/prep/config';
import type { ColumnRole } from '../../../core/data/table';
import type {
  ConfigureValue, EngineEvent, EngineState, LoadDatasetValue, RowsPage, SessionValue,
} from '../../../core/engine/protocol';
import { EngineRequestError, createEngineService, type EngineService } from '../engine/engine-service';
import type { DatasetChoice, StudioHost } from '../host/studio-host';
import { useAppStore } from './app';

export interface ImportProgress {
  name: string;
  bytesRead: number;
  totalBytes: number | null;
  rows: number;
}

export const useSessionStore = defineStore('session', () => {
  const app = useAppStore();
  const host = shallowRef<StudioHost | null>(null);
  const engine = shallowRef<EngineService | null>(null);
  const connected = ref(false);
  const engineState = ref<EngineState | 'connecting'>('connecting');
  /** The engine's compute kernels, as it reports them (`wasm-simd` or `ts`). */
  const backend = ref<string | null>(null);
  /** Threads the engine splits large products over, and whether its kernels use fused multiply-adds. */
  const backendThreads = ref(1);
  const backendFma = ref(false);
  const dataset = ref<LoadDatasetValue | null>(null);
  const importing = ref<ImportProgress | null>(null);
  /** The failure of the last import, shown in the data view until the next one. */
  const importError = ref<string | null>(null);
  const prep = ref<PrepConfig | null>(null);
  const configured = ref<ConfigureValue | null>(null);
  const configError = ref<string | null>(null);
  /** Subscribers to every engine event (the training store, the network store). */
  const listeners = new Set<(event: EngineEvent) => void>();

  function need(): EngineService {
    if (!engine.value) throw new Error('The engine is not connected yet.');
    return engine.value;
  }

  function onEvent(event: EngineEvent): void {
    if (event.type === 'import-progress' && importing.value) {
      importing.value = { ...importing.value, bytesRead: event.bytesRead, totalBytes: event.totalBytes, rows: event.rows };
    }
    for (const l of listeners) l(event);
  }

  /** Reads the engine's session (after connecting or reconnecting). */
  async function refresh(): Promise<SessionValue> {
    const session = await need().call<SessionValue>({ type: 'get-session' });
    engineState.value = session.state;
    dataset.value = session.dataset;
    prep.value = session.prep ?? session.dataset?.suggested ?? null;
    configured.value = session.configured;
    return session;
  }

  async function connect(h: StudioHost): Promise<SessionValue> {
    host.value = h;
    const transport = await h.connectEngine();
    engine.value = createEngineService(transport);
    engine.value.onEvent(onEvent);
    connected.value = true;
    h.on('engine:crashed', (info) => {
      app.notify(info.restored ? 'warning' : 'error', info.message);
      void h.connectEngine().then((t) => { engine.value?.attach(t); return refresh(); }).catch(app.fail);
    });
    h.on('dataset:chosen', (choice) => { void loadDataset(choice); });
    h.on('app:notice', (n) => app.notify(n.level, n.message));
    const hello = await need().call<{ backend?: string; threads?: number; fma?: boolean }>({ type: 'hello' });
    backend.value = hello.backend ?? null;
    backendThreads.value = hello.threads ?? 1;
    backendFma.value = hello.fma === true;
    const session = await refresh();
    // A restored session with data settings but no configuration yet: configure now.
    if (session.dataset && !session.configured && prep.value) await configure();
    return session;
  }

  function changed(): void {
    host.value?.sessionChanged({});
  }

  async function configure(): Promise<void> {
    if (!prep.value) return;
    try {
      // The engine service posts a plain copy (`toPlain`): the reactive proxy cannot cross to a Worker.
      configured.value = await need().call<ConfigureValue>({ type: 'configure-data', config: prep.value });
      configError.value = null;
    } catch (error) {
      configured.value = null;
      configError.value = error instanceof Error ? error.message : String(error);
    }
    engineState.value = (await need().call<{ state: EngineState }>({ type: 'hello' })).state;
    changed();
  }

  async function loadDataset(choice: DatasetChoice): Promise<void> {
    importing.value = { name: choice.name, bytesRead: 0, totalBytes: choice.size, rows: 0 };
    importError.value = null;
    try {
      const loaded = await need().call<LoadDatasetValue>({ type: 'load-dataset', source: choice.source });
      dataset.value = loaded;
      prep.value = loaded.suggested;
      configured.value = null;
      app.select(null);
      await configure();
    } catch (error) {
      // A cancelled import is the user's choice, not an error to report.
      if (!(error instanceof EngineRequestError && error.code === 'cancelled')) {
        importError.value = error instanceof Error ? error.message : String(error);
      }
    } finally {
      importing.value = null;
    }
  }

  return {
    host, engine, connected, engineState, backend, backendThreads, backendFma, dataset, importing, importError, prep, configured, configError,
    columns: computed(() => dataset.value?.columns ?? []),
    connect,
    refresh,
    loadDataset,
    async chooseDataset() {
      const choice = await host.value?.chooseDataset();
      if (choice) await loadDataset(choice);
    },
    async openDropped(file: File) {
      try {
        const dropped = await host.value?.openDropped(file);
        if (!dropped) return;
        if (dropped.kind === 'dataset') await loadDataset(dropped.dataset);
        else await refresh();
      } catch (error) {
        importError.value = error instanceof Error ? error.message : String(error);
      }
    },
    async cancelImport() {
      await need().call({ type: 'cancel-import' }).catch(() => undefined);
    },
    /** Changes the data settings and reconfigures the engine. */
    async updatePrep(change: (current: PrepConfig) => PrepConfig) {
      if (!prep.value) return;
      prep.value = change(prep.value);
      await configure();
    },
    async setRole(column: string, role: ColumnRole) {
      if (!prep.value) return;
      const roles = { ...prep.value.roles };
      // One target for classification: choosing a new target makes the old one an input.
      if (role === 'target' && prep.value.task === 'classification') {
        for (const [name, r] of Object.entries(roles)) if (r === 'target') roles[name] = 'input';
      }
      roles[column] = role;
      prep.value = { ...prep.value, roles };
      await configure();
    },
    /** Chooses the task; classification keeps only the first target (the others become inputs). */
    async setTask(task: Task) {
      if (!prep.value) return;
      const roles = { ...prep.value.roles };
      if (task === 'classification') {
        let seen = false;
        for (const [name, r] of Object.entries(roles)) {
          if (r !== 'target') continue;
          if (seen) roles[name] = 'input';
          seen = true;
        }
      }
      prep.value = { ...prep.value, task, roles };
      await configure();
    },
    /** Reads a column as numbers or categories over its inferred type; null = the inferred type. */
    async setKind(column: string, kind: ColumnKindOverride | null) {
      if (!prep.value) return;
      const { kinds: old, ...rest } = prep.value;
      const kinds = { ...old };
      if (kind === null) delete kinds[column];
      else kinds[column] = kind;
      prep.value = Object.keys(kinds).length > 0 ? { ...rest, kinds } : rest;
      await configure();
    },
    /** A numeric input's scaling; null = the default scaling. */
    async setScaling(column: string, scaling: NumericScaling | null) {
      if (!prep.value) return;
      const { scaling: old, ...rest } = prep.value;
      const next = { ...old };
      if (scaling === null) delete next[column];
      else next[column] = scaling;
      prep.value = Object.keys(next).length > 0 ? { ...rest, scaling: next } : rest;
      await configure();
    },
    /** Split fractions (summing to 1) and, optionally, a new seed. */
    async setSplit(fractions: SplitFractions, seed?: number) {
      if (!prep.value) return;
      prep.value = { ...prep.value, split: { ...fractions, seed: seed ?? prep.value.split.seed } };
      await configure();
    },
    rows: (offset: number, limit: number) => need().call<RowsPage>({ type: 'get-rows', offset, limit }),
    call: <T>(request: Parameters<EngineService['call']>[0]) => need().call<T>(request),
    /** Subscribes to every engine event; returns the unsubscribe function. */
    onEngineEvent(listener: (event: EngineEvent) => void) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    /** Tells the host the session changed (it saves it its way). */
    changed,
    setEngineState(state: EngineState) { engineState.value = state; },
  };
});
