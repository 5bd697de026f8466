import { version } from '../../../package.json';
import type { EngineSnapshot, ExportValue, PredictFileValue } from '../../../core/engine/protocol';
import { connectEngine } from '../../../core/engine/transport-port';
import { createEngineClient, type EngineClient, type EngineTransport } from '../../../core/engine/transport';
import { APP_NAME, ENGINE_VERSION } from '../../../core/version';
import type { AppInfo } from '../../../electron/ipc/contract';
import { browserSessionStore } from './browser-session-store';
import { createEmitter } from './emitter';
import type { DatasetChoice, HostEvents, StudioHost } from './studio-host';

/** Shown when a project file is dropped on the web edition. */
export const WEB_PROJECT_MESSAGE =
  'Project files (.bpstudio) open in the desktop app. The web edition keeps your session in this browser instead.';

/** How long the page waits after a change before saving the session (ms). */
const SAVE_DELAY_MS = 400;

/** Opens the browser's file picker; resolves with the chosen file or null. */
function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => resolve(null), { once: true });
    input.click();
  });
}

/** Offers `data` as a download named `name` (the browser asks where, or saves to Downloads). */
function download(name: string, data: string | Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The value of an engine request, or its message as an error. */
async function call<T>(client: EngineClient | null, request: Parameters<EngineClient['request']>[0]): Promise<T> {
  if (!client) throw new Error('The engine is not connected yet.');
  const reply = await client.request(request);
  if (!reply.result.ok) throw new Error(reply.result.error.message);
  return reply.result.value as T;
}

const MIME: Record<string, string> = { json: 'application/json', onnx: 'application/octet-stream', bin: 'application/octet-stream', py: 'text/x-python', mjs: 'text/javascript' };

const datasetOf = (file: File): DatasetChoice => ({ name: file.name, size: file.size, source: { kind: 'blob', name: file.name, blob: file } });

/** The web-edition host: the engine in a Web Worker, files from the browser, the session in IndexedDB. */
export function browserHost(): StudioHost {
  const events = createEmitter<HostEvents>();
  let client: EngineClient | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function saveSession(learn: Record<string, unknown>): Promise<void> {
    if (!client) return;
    const reply = await client.request({ type: 'snapshot' });
    if (!reply.result.ok) return;
    const snapshot = reply.result.value as EngineSnapshot;
    if (snapshot.dataset === null) await browserSessionStore.clear();
    else await browserSessionStore.save({ snapshot, learn, savedAt: new Date().toISOString() });
  }

  return {
    kind: 'browser',
    runtime: 'web browser',
    appInfo(): Promise<AppInfo> {
      return Promise.resolve({ name: APP_NAME, version, engineVersion: ENGINE_VERSION });
    },
    async connectEngine(): Promise<EngineTransport> {
      const worker = new Worker(new URL('../engine/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
      const transport = connectEngine(worker, {
        terminate: () => worker.terminate(),
        onFailure: (listener) => worker.addEventListener('error', (e) => listener(e.message)),
      });
      client = createEngineClient(transport);
      const saved = await browserSessionStore.load().catch(() => null);
      if (saved) {
        const reply = await client.request({ type: 'restore', snapshot: saved.snapshot });
        if (!reply.result.ok) {
          await browserSessionStore.clear().catch(() => undefined);
          events.emit('app:notice', { level: 'warning', message: `Your last session could not be restored: ${reply.result.error.message}` });
        }
      }
      return transport;
    },
    async chooseDataset() {
      const file = await pickFile('.csv,.tsv,.tab,.txt,text/csv,text/plain');
      return file ? datasetOf(file) : null;
    },
    openDropped(file) {
      if (file.name.toLowerCase().endsWith('.bpstudio')) return Promise.reject(new Error(WEB_PROJECT_MESSAGE));
      return Promise.resolve({ kind: 'dataset', dataset: datasetOf(file) });
    },
    trainingState: () => undefined,
    async exportModel(format) {
      const value = await call<ExportValue>(client, { type: 'export-model', format });
      for (const file of value.files) {
        download(file.name, file.text ?? file.bytes ?? '', MIME[file.name.split('.').pop() ?? ''] ?? 'application/octet-stream');
      }
      return { path: value.files.map((f) => f.name).join(', ') };
    },
    async exportPredictions() {
      const file = await pickFile('.csv,.tsv,.tab,.txt,text/csv,text/plain');
      if (!file) return null;
      const value = await call<PredictFileValue>(client, { type: 'predict-file', source: { kind: 'blob', name: file.name, blob: file } });
      const name = `${file.name.replace(/\.[^.]+$/, '')}-predictions.csv`;
      download(name, value.csv, 'text/csv');
      return { path: name, rows: value.rows, warnings: value.warnings };
    },
    sessionChanged(learn) {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        saveSession(learn).catch((error: unknown) => {
          events.emit('app:notice', { level: 'warning', message: `Your session could not be saved in this browser: ${error instanceof Error ? error.message : String(error)}` });
        });
      }, SAVE_DELAY_MS);
    },
    projects: null,
    settings: () => Promise.resolve(null),
    updateSettings: () => Promise.resolve(),
    on: events.on,
  };
}
