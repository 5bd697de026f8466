/**
 * The utility process's real entry (`electron/engine/engine-entry.ts`) and
 * main's engine link, without Electron: the entry runs in a worker thread
 * whose `process.parentPort` mimics Electron's (messages arrive as
 * `{ data, ports }`), and main's side is `createEngineLink` over it.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineMessage, EngineReply } from '../../../core/engine/protocol';
import { createEngineLink, type EngineLink, type EngineProcess } from '../../../electron/services/engine-link';
import type { EngineCrashInfo } from '../../../electron/services/engine-supervisor';
import { IRIS_PREP, IRIS_RECORDS, IRIS_SPEC, IRIS_TRAIN } from '../../unit/engine/engine-harness';

const IRIS = join(import.meta.dirname, '../../../examples/iris.csv');

/** Boots tsx in the worker, fakes Electron's parentPort over the worker's, then runs the entry. */
function bootstrap(): string {
  const tsxApi = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/esm/api')), 'index.mjs')).href;
  const entry = new URL('../../../electron/engine/engine-entry.ts', import.meta.url).href;
  return `(async () => {
    const { parentPort } = await import('node:worker_threads');
    const mainPort = (port) => ({
      postMessage: (m) => port.postMessage(m),
      on: (_event, handler) => port.on('message', (data) => handler({ data, ports: [] })),
      start: () => undefined,
      close: () => port.close(),
    });
    process.parentPort = {
      postMessage: (m) => parentPort.postMessage(m),
      on: (_event, handler) => parentPort.on('message', (m) => handler({ data: m.data, ports: (m.ports ?? []).map(mainPort) })),
    };
    const tsx = await import(${JSON.stringify(tsxApi)});
    tsx.register();
    await import(${JSON.stringify(entry)});
  })();`;
}

const workers: Worker[] = [];
const links: EngineLink[] = [];
const ports: MessagePort[] = [];
afterEach(async () => {
  for (const p of ports.splice(0)) p.close();
  await Promise.all(links.splice(0).map((l) => l.supervisor.close()));
  await Promise.all(workers.splice(0).map((w) => w.terminate()));
});

function forkWorker(): EngineProcess & { worker: Worker } {
  const worker = new Worker(bootstrap(), { eval: true });
  workers.push(worker);
  return {
    worker,
    postMessage: (message) => worker.postMessage({ data: message }),
    postControl: (message, transfer = []) => worker.postMessage({ data: message, ports: transfer }, transfer as MessagePort[]),
    on: ((event: string, listener: (...a: unknown[]) => void) => { worker.on(event, listener); return worker; }) as EngineProcess['on'],
    kill: () => { void worker.terminate(); return true; },
  };
}

/** The renderer's side of a fresh channel attached to the link's engine. */
function rendererOf(link: EngineLink) {
  const { port1, port2 } = new MessageChannel();
  ports.push(port2);
  link.attachRenderer(port1);
  const events: EngineMessage[] = [];
  port2.on('message', (m: EngineMessage) => { if (m.type !== 'reply') events.push(m); });
  let next = 1;
  const ask = async (request: Record<string, unknown>): Promise<unknown> => {
    const id = next++;
    const reply = await new Promise<EngineReply>((resolve) => {
      const on = (m: EngineMessage): void => { if (m.type === 'reply' && m.id === id) { port2.off('message', on); resolve(m); } };
      port2.on('message', on);
      port2.postMessage({ ...request, id });
    });
    if (!reply.result.ok) throw new Error(reply.result.error.message);
    return reply.result.value;
  };
  return { ask, events };
}

describe('the engine entry behind main\'s engine link', () => {
  it('serves the renderer over its own port, opens only granted files, and after a crash restores the last snapshot with the grants', async () => {
    const forked: Array<ReturnType<typeof forkWorker>> = [];
    let crashed: (info: EngineCrashInfo) => void = () => undefined;
    const crash = new Promise<EngineCrashInfo>((resolve) => { crashed = resolve; });
    const link = createEngineLink({ fork: () => { const f = forkWorker(); forked.push(f); return f; }, onCrash: (i) => crashed(i) });
    links.push(link);

    const page = rendererOf(link);
    await expect(page.ask({ type: 'load-dataset', source: { kind: 'path', path: IRIS } })).rejects.toThrow(
      `Backprop Studio opens only files you chose: "${IRIS}" was not picked in a dialog or dropped on the window.`,
    );
    await link.grant([IRIS]);
    expect(await page.ask({ type: 'load-dataset', source: { kind: 'path', path: IRIS } })).toMatchObject({ rows: 150 });
    await page.ask({ type: 'configure-data', config: IRIS_PREP });
    await page.ask({ type: 'create-model', spec: IRIS_SPEC });
    await page.ask({ type: 'train-start', config: { ...IRIS_TRAIN, epochs: 5 } });
    for (let i = 0; i < 300 && !page.events.some((e) => e.type === 'train-finished'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(page.events.filter((e) => e.type === 'train-epoch')).toHaveLength(5);
    const before = await page.ask({ type: 'predict-rows', records: IRIS_RECORDS });
    expect(await link.supervisor.snapshot()).toBe(true);
    expect(link.supervisor.lastSnapshot?.dataset).toEqual({ kind: 'path', path: IRIS });

    await forked[0]?.worker.terminate();
    const info = await crash;
    expect(info).toMatchObject({ restored: true });
    expect(forked).toHaveLength(2);
    // The renderer reconnects, as it does after `engine:crashed`, and finds its model.
    const again = rendererOf(link);
    expect(await again.ask({ type: 'predict-rows', records: IRIS_RECORDS })).toEqual(before);
  }, 30_000);
});
