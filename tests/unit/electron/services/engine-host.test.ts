import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeEngineFiles } from '../../../../core/engine/files.node.ts';
import type { EngineMessage, EngineReply } from '../../../../core/engine/protocol';
import { isEngineControl, isGrantAck, serveEngineHost, type HostPort } from '../../../../electron/services/engine-host';
import { IRIS_PREP, IRIS_SPEC, IRIS_TRAIN } from '../../engine/engine-harness';

const IRIS = join(import.meta.dirname, '../../../../examples/iris.csv');
const opened: MessagePort[] = [];
afterEach(() => { for (const p of opened.splice(0)) p.close(); });

function nodePort(port: MessagePort): HostPort {
  opened.push(port);
  return { postMessage: (m) => port.postMessage(m), onMessage: (h) => port.on('message', h), close: () => port.close() };
}

/** A host with a fake parent link; returns what main receives and a way to send as main. */
function host() {
  const toMain: EngineMessage[] = [];
  let deliver: (data: unknown, ports: readonly HostPort[]) => void = () => undefined;
  const h = serveEngineHost(
    { postMessage: (m) => toMain.push(m as EngineMessage), onMessage: (handler) => { deliver = handler; } },
    { files: (permits) => nodeEngineFiles({ permits }) },
  );
  /** Attaches a renderer port; returns the renderer's side. */
  const attach = () => {
    const { port1, port2 } = new MessageChannel();
    opened.push(port2);
    const got: EngineMessage[] = [];
    port2.on('message', (m: EngineMessage) => got.push(m));
    deliver({ control: 'attach-renderer' }, [nodePort(port1)]);
    const ask = (request: Record<string, unknown>): Promise<EngineReply> => new Promise((resolve) => {
      const id = Math.floor(Math.random() * 1e9);
      port2.on('message', (m: EngineMessage) => { if (m.type === 'reply' && m.id === id) resolve(m); });
      port2.postMessage({ ...request, id });
    });
    return { got, ask, port: port2 };
  };
  return { h, toMain, asMain: (data: unknown) => deliver(data, []), attach };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('serveEngineHost', () => {
  it('tells control messages from protocol requests', () => {
    expect(isEngineControl({ control: 'grant-files', paths: ['/a.csv'] })).toBe(true);
    expect(isEngineControl({ control: 'attach-renderer' })).toBe(true);
    expect(isEngineControl({ control: 'grant-files', paths: [3] })).toBe(false);
    expect(isEngineControl({ id: 1, type: 'hello' })).toBe(false);
    expect(isEngineControl(null)).toBe(false);
  });

  it('opens by path only the files main granted', async () => {
    const { asMain, attach } = host();
    const renderer = attach();
    const refused = await renderer.ask({ type: 'load-dataset', source: { kind: 'path', path: IRIS } });
    expect(refused.result).toEqual({
      ok: false,
      error: { code: 'file-not-permitted', message: `Backprop Studio opens only files you chose: "${IRIS}" was not picked in a dialog or dropped on the window.` },
    });
    asMain({ control: 'grant-files', paths: [IRIS] });
    expect((await renderer.ask({ type: 'load-dataset', source: { kind: 'path', path: IRIS } })).result).toMatchObject({ ok: true, value: { rows: 150 } });
  });

  it('gives the renderer every event and main only its replies and train-finished; a reattached renderer sees the same engine', async () => {
    const { asMain, attach, toMain } = host();
    asMain({ control: 'grant-files', paths: [IRIS] });
    const first = attach();
    await first.ask({ type: 'load-dataset', source: { kind: 'path', path: IRIS } });
    expect((await first.ask({ type: 'configure-data', config: IRIS_PREP })).result.ok).toBe(true);
    // A reload: the old port is closed and replaced; the data is still there.
    const second = attach();
    const stats = await second.ask({ type: 'get-column-stats' });
    expect(stats.result.ok).toBe(true);
    expect((await second.ask({ type: 'create-model', spec: IRIS_SPEC })).result.ok).toBe(true);
    const started = await second.ask({ type: 'train-start', config: IRIS_TRAIN });
    expect(started.result.ok).toBe(true);
    await until(() => second.got.some((m) => m.type === 'train-finished'));
    await until(() => toMain.some((m) => m.type === 'train-finished'));
    expect(second.got.some((m) => m.type === 'train-epoch')).toBe(true);
    expect(toMain.map((m) => m.type)).toEqual(['train-finished']);
    asMain({ id: 5, type: 'snapshot' });
    await until(() => toMain.length === 2);
    expect(toMain[1]).toMatchObject({ id: 5, type: 'reply', result: { ok: true, value: { dataset: { kind: 'path', path: IRIS } } } });
  });
});

describe('acknowledged grants', () => {
  it('confirms a grant with its ack number, so main can tell the renderer the file is ready', () => {
    const toMain: unknown[] = [];
    let deliver: (data: unknown, ports: readonly HostPort[]) => void = () => undefined;
    const h = serveEngineHost(
      { postMessage: (m) => toMain.push(m), onMessage: (handler) => { deliver = handler; } },
      { files: (permits) => nodeEngineFiles({ permits }) },
    );
    deliver({ control: 'grant-files', paths: ['/a.csv'], ack: 7 }, []);
    deliver({ control: 'grant-files', paths: ['/b.csv'] }, []);
    expect(toMain).toEqual([{ control: 'granted', ack: 7 }]);
    expect([...h.granted]).toEqual(['/a.csv', '/b.csv']);
    expect(isGrantAck(toMain[0])).toBe(true);
    expect(isGrantAck({ control: 'granted' })).toBe(false);
    expect(isEngineControl({ control: 'grant-files', paths: [], ack: 'x' })).toBe(false);
  });
});
