/**
 * A `StudioHost` for renderer tests: a real engine (`createEngine`) in this
 * thread behind an in-memory `EngineTransport`; file dialogs answer with
 * `nextChoice`.
 */
import irisText from '../../../examples/iris.csv?raw';
import { createEngine } from '../../../core/engine/engine';
import type { EngineMessage } from '../../../core/engine/protocol';
import { createTransportSubscribers, type EngineTransport } from '../../../core/engine/transport';
import type { DatasetChoice, StudioHost } from '../../../renderer/src/host/studio-host';

export const IRIS_TEXT = irisText;

export const irisChoice = (): DatasetChoice => ({ name: 'iris.csv', size: IRIS_TEXT.length, source: { kind: 'text', name: 'iris.csv', text: IRIS_TEXT } });

export function textChoice(name: string, text: string): DatasetChoice {
  return { name, size: text.length, source: { kind: 'text', name, text } };
}

/** An engine transport in this thread: messages are delivered asynchronously, as across a worker. */
export function inMemoryTransport(): EngineTransport {
  const subscribers = createTransportSubscribers();
  const engine = createEngine((message: EngineMessage) => { queueMicrotask(() => subscribers.emitMessage(message)); });
  return {
    // Cloned as a Worker's postMessage would: a reactive proxy sent by mistake fails here too.
    post: (message) => { void engine.handle(structuredClone(message)); },
    onMessage: subscribers.onMessage,
    onExit: subscribers.onExit,
    close: async () => { subscribers.emitExit({ code: 0, crashed: false }); },
  };
}

export interface TestHost extends StudioHost {
  nextChoice: DatasetChoice | null;
  saved: number;
}

export function createTestHost(): TestHost {
  const host: TestHost = {
    kind: 'browser',
    runtime: 'test',
    nextChoice: null,
    saved: 0,
    appInfo: () => Promise.resolve({ name: 'Backprop Studio', version: '0', engineVersion: '0' } as never),
    connectEngine: () => Promise.resolve(inMemoryTransport()),
    chooseDataset: () => Promise.resolve(host.nextChoice),
    openDropped: () => Promise.reject(new Error('not in this test')),
    sessionChanged: () => { host.saved++; },
    settings: () => Promise.resolve(null),
    updateSettings: () => Promise.resolve(),
    projects: null,
    trainingState: () => undefined,
    exportModel: () => Promise.resolve(null),
    exportPredictions: () => Promise.resolve(null),
    on: () => () => undefined,
  };
  return host;
}
