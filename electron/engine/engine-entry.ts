/**
 * Entry of the Electron utility process that runs the engine:
 * `createEngine` over `process.parentPort`. Requests arrive as
 * `MessageEvent`s whose `data` is the request; replies and events go back
 * with `parentPort.postMessage`. The engine validates every request itself.
 */
import type { MessageEvent } from 'electron';
import { createEngine } from '../../core/engine/engine';

const port = process.parentPort;
// Started as a plain Node script, there is no parent port to serve: fail loudly rather than hang.
if (!port) throw new Error('engine-entry.ts must be started with utilityProcess.fork().');
const engine = createEngine((message) => port.postMessage(message));

port.on('message', (event: MessageEvent) => {
  void engine.handle(event.data);
});
