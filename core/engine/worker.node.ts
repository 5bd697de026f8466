/**
 * The engine inside a Node worker thread: `createEngine` over `parentPort`,
 * with `{ kind: 'path' }` dataset sources streamed from disk.
 */
import { parentPort } from 'node:worker_threads';
import { createEngine } from './engine';
import { nodeEngineFiles } from './files.node.ts';

if (!parentPort) throw new Error('worker.node.ts must be started as a worker thread.');
const port = parentPort;
const engine = createEngine((message) => port.postMessage(message), { files: nodeEngineFiles() });

port.on('message', (message: unknown) => { void engine.handle(message); });
