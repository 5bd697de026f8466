/**
 * The engine in an Electron utility process (`utilityProcess.fork` of the
 * built `engine-entry.ts`), linked to main by `createEngineLink`; `connect`
 * hands the renderer a direct MessagePort to it, so training traffic never
 * passes through main.
 */
import { MessageChannelMain, utilityProcess, type MessagePortMain, type WebContents } from 'electron';
import { createEngineLink, type EngineLink, type EngineProcess } from '../services/engine-link';
import type { EngineCrashInfo } from '../services/engine-supervisor';

export interface EngineLauncher extends EngineLink {
  /** Posts a fresh engine port to `contents`; returns its generation number. */
  connect(contents: WebContents): number;
}

function forkEngine(entryPath: string): EngineProcess {
  const child = utilityProcess.fork(entryPath, [], { serviceName: 'Backprop Studio Engine', stdio: 'inherit' });
  return Object.assign(child, {
    postControl(message: unknown, transfer?: readonly unknown[]) {
      child.postMessage(message, transfer as MessagePortMain[] | undefined);
    },
  });
}

export function launchEngine(entryPath: string, onCrash: (info: EngineCrashInfo) => void): EngineLauncher {
  const link = createEngineLink({ fork: () => forkEngine(entryPath), onCrash });
  let generation = 0;
  return {
    ...link,
    supervisor: link.supervisor,
    connect(contents) {
      const { port1, port2 } = new MessageChannelMain();
      link.attachRenderer(port1);
      contents.postMessage('engine:port', null, [port2]);
      return ++generation;
    },
  };
}
