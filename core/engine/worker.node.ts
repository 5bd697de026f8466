/**
 * The engine inside a Node worker thread: `createEngine` over `parentPort`,
 * with `{ kind: 'path' }` dataset sources streamed from disk and WebAssembly
 * SIMD kernels (the TypeScript ones where SIMD is unavailable).
 */
import { parentPort } from 'node:worker_threads';
import { createEngine } from './engine';
import { loadNodeKernels } from '../math/wasm-kernels.node.ts';
import { nodeEngineFiles } from './files.node.ts';

if (!parentPort) throw new Error('worker.node.ts must be started as a worker thread.');
const port = parentPort;
const engine = createEngine((message) => port.postMessage(message), { files: nodeEngineFiles(), kernels: loadNodeKernels().kernels });

port.on('message', (message: unknown) => { void engine.handle(message); });
