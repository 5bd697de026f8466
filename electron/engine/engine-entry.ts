/**
 * Entry of the Electron utility process that runs the engine
 * (`utilityProcess.fork`): `serveEngineHost` over `process.parentPort`, with
 * Electron's `MessagePortMain` adapted to the host's small port interface.
 */
import type { MessagePortMain } from 'electron';
import { nodeEngineFiles } from '../../core/engine/files.node.ts';
import { loadNodeKernels } from '../../core/math/wasm-kernels.node.ts';
import { serveEngineHost, type HostPort } from '../services/engine-host';

const parentPort = process.parentPort;
// Started as a plain Node script, there is no parent port to serve: fail loudly rather than hang.
if (!parentPort) throw new Error('engine-entry.ts must be started with utilityProcess.fork().');

function hostPort(port: MessagePortMain): HostPort {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage(handler) {
      port.on('message', (event) => handler(event.data));
      port.start();
    },
    close: () => port.close(),
  };
}

serveEngineHost(
  {
    postMessage: (message) => parentPort.postMessage(message),
    onMessage: (handler) => parentPort.on('message', (event) => handler(event.data, event.ports.map(hostPort))),
  },
  { files: (permits) => nodeEngineFiles({ permits }), kernels: loadNodeKernels().kernels },
);
