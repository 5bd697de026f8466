/**
 * A real engine in this thread behind the page's stores: a fake host whose
 * `connectEngine` gives an in-process transport, so the session and network
 * stores talk to `createEngine` exactly as over a Worker.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { vi } from 'vitest';
import { createEngine } from '../../../../core/engine/engine';
import type { EngineMessage } from '../../../../core/engine/protocol';
import type { EngineTransport } from '../../../../core/engine/transport';
import type { PrepConfig } from '../../../../core/data/prep/config';
import type { StudioHost } from '../../../../renderer/src/host/studio-host';
import { useSessionStore } from '../../../../renderer/src/stores/session';

/** examples/iris.csv (read from the project root: `import.meta.url` is not a file URL under happy-dom). */
export const IRIS_TEXT = readFileSync(resolve(process.cwd(), 'examples/iris.csv'), 'utf8');

export const IRIS_PREP: PrepConfig = {
  roles: { sepal_length_cm: 'input', sepal_width_cm: 'input', petal_length_cm: 'input', petal_width_cm: 'input', species: 'target' },
  task: 'classification',
  split: { train: 0.7, validation: 0.15, test: 0.15, seed: 1 },
};

export function inProcessTransport(): EngineTransport {
  const handlers = new Set<(m: EngineMessage) => void>();
  const engine = createEngine((m) => { for (const h of handlers) h(m); });
  return {
    post: (message) => { void engine.handle(message); },
    onMessage: (h) => { handlers.add(h); return () => { handlers.delete(h); }; },
    onExit: () => () => undefined,
    close: async () => undefined,
  };
}

export function fakeHost(): StudioHost & { sessionChanged: ReturnType<typeof vi.fn> } {
  const transport = inProcessTransport();
  return {
    kind: 'browser',
    runtime: 'test',
    connectEngine: async () => transport,
    on: () => () => undefined,
    sessionChanged: vi.fn(),
  } as unknown as StudioHost & { sessionChanged: ReturnType<typeof vi.fn> };
}

/** Connects the session store (a Pinia must be active) and loads iris with `prep`, or nothing. */
export async function connectWithIris(prep: PrepConfig | null = IRIS_PREP): Promise<ReturnType<typeof fakeHost>> {
  const host = fakeHost();
  const session = useSessionStore();
  await session.connect(host);
  if (prep) {
    await session.loadDataset({ name: 'iris.csv', size: IRIS_TEXT.length, source: { kind: 'text', name: 'iris.csv', text: IRIS_TEXT } });
    await session.updatePrep(() => prep);
  }
  return host;
}
