/**
 * The engine inside a Node worker thread: `createEngine` over `parentPort`.
 * Also the Node half of dataset loading: a `load-dataset` or `predict-file`
 * whose source is `{ kind: 'path', path }` is read from disk here and handed to the engine
 * as bytes, since core itself cannot touch the file system.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { createEngine } from './engine';

if (!parentPort) throw new Error('worker.node.ts must be started as a worker thread.');
const port = parentPort;
const engine = createEngine((message) => port.postMessage(message));

port.on('message', (message: unknown) => {
  void resolvePath(message).then((resolved) => (resolved ? engine.handle(resolved.message) : undefined));
});

/** Replaces a path source by the file's bytes; a read failure is answered here (null: nothing left to handle). */
async function resolvePath(message: unknown): Promise<{ message: unknown } | null> {
  if (typeof message !== 'object' || message === null) return { message };
  const m = message as { id?: unknown; type?: unknown; source?: { kind?: unknown; path?: unknown } };
  if ((m.type !== 'load-dataset' && m.type !== 'predict-file') || m.source?.kind !== 'path' || typeof m.source.path !== 'string') return { message };
  const path = m.source.path;
  try {
    return { message: { ...m, source: { kind: 'bytes', name: basename(path), bytes: new Uint8Array(await readFile(path)) } } };
  } catch (e) {
    const id = typeof m.id === 'number' ? m.id : -1;
    const reason = e instanceof Error ? e.message : String(e);
    port.postMessage({ id, type: 'reply', result: { ok: false, error: { code: 'file-unreadable', message: `Cannot read ${path}: ${reason}` } } });
    return null;
  }
}
