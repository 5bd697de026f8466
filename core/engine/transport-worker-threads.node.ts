/**
 * `EngineTransport` over a Node worker thread running `worker.node.ts` (for
 * the CLI and integration tests). TypeScript runs in the worker through tsx.
 * Node 20 does not apply `--import tsx` hooks to a worker's own entry file,
 * so the worker starts from a tiny script that registers tsx's ESM loader
 * and then imports the entry.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EngineMessage } from './protocol';
import { createTransportSubscribers, type EngineTransport } from './transport';

/** A worker-thread transport; `worker` is exposed so tests can kill it. */
export interface WorkerThreadTransport extends EngineTransport {
  readonly worker: Worker;
}

function bootstrapScript(): string {
  // The package's ESM build sits next to the CommonJS file `require.resolve` finds.
  const tsxApi = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/esm/api')), 'index.mjs')).href;
  const entry = new URL('./worker.node.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
}

/** Starts a fresh engine in a new worker thread. */
export function startWorkerEngine(): WorkerThreadTransport {
  const worker = new Worker(bootstrapScript(), { eval: true });
  const subscribers = createTransportSubscribers();
  let closing = false;
  let lastError: string | undefined;

  worker.on('message', (message: EngineMessage) => subscribers.emitMessage(message));
  worker.on('error', (error: Error) => { lastError = error.message; });
  const exitPromise = new Promise<void>((resolve) => {
    worker.on('exit', (code: number) => {
      subscribers.emitExit(lastError === undefined ? { code, crashed: !closing } : { code, crashed: !closing, error: lastError });
      resolve();
    });
  });

  return {
    worker,
    post: (message) => worker.postMessage(message),
    onMessage: subscribers.onMessage,
    onExit: subscribers.onExit,
    async close() {
      closing = true;
      await worker.terminate();
      await exitPromise;
    },
  };
}
