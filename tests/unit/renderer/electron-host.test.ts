// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { createEngine } from '../../../core/engine/engine';
import { createEngineClient } from '../../../core/engine/transport';
import { PAGE_CHANNELS, type StudioBridge } from '../../../electron/ipc/contract';
import { electronHost } from '../../../renderer/src/host/electron-host';

let deliverPort: (port: MessagePort) => void = () => undefined;
/** Resolves with the next port `engine:connect` hands out (the preload's window message, in the app). */
const nextPort = (): Promise<MessagePort> => new Promise((resolve) => { deliverPort = resolve; });

/** A bridge whose channels answer from `answers` (ok values) and whose engine port is a real MessageChannel to an engine. */
function fakeBridge(answers: Record<string, unknown>, failures: Record<string, string> = {}) {
  const calls: Array<[string, unknown[]]> = [];
  const invoke = Object.fromEntries(PAGE_CHANNELS.map((channel) => [channel, vi.fn(async (...args: unknown[]) => {
    calls.push([channel, args]);
    if (channel === 'engine:connect') {
      const { port1, port2 } = new MessageChannel();
      const engine = createEngine((m) => port1.postMessage(m));
      port1.onmessage = (e) => { void engine.handle(e.data); };
      deliverPort(port2);
      return { ok: true, value: { generation: 1 } };
    }
    if (channel in failures) return { ok: false, error: { code: 'failed', message: failures[channel] } };
    return { ok: true, value: answers[channel] };
  })]));
  const bridge = {
    versions: { electron: '41.7.1', chrome: '146', node: '24' },
    invoke,
    on: vi.fn(() => () => undefined),
    openDroppedFile: vi.fn(async () => ({ ok: true, value: { kind: 'dataset', dataset: { path: '/d/iris.csv', name: 'iris.csv', size: 4551 } } })),
  } as unknown as StudioBridge;
  return { bridge, calls };
}

describe('electronHost', () => {
  it('connects to the engine through the port the preload posts to the window', async () => {
    const { bridge } = fakeBridge({});
    const host = electronHost(bridge, nextPort);
    expect(host.runtime).toBe('Electron 41.7.1');
    const transport = await host.connectEngine();
    const reply = await createEngineClient(transport).request({ type: 'hello' });
    expect(reply.result).toMatchObject({ ok: true, value: { state: 'idle' } });
  });

  it('turns chosen and dropped files into path sources, and a failure into an error with main\'s message', async () => {
    const { bridge, calls } = fakeBridge({ 'dataset:open': { path: '/d/penguins.csv', name: 'penguins.csv', size: 100 } }, { 'settings:set': 'Your settings could not be saved.' });
    const host = electronHost(bridge);
    expect(await host.chooseDataset()).toEqual({ name: 'penguins.csv', size: 100, source: { kind: 'path', path: '/d/penguins.csv' } });
    expect(await host.openDropped(new File(['a'], 'iris.csv'))).toEqual({ kind: 'dataset', dataset: { name: 'iris.csv', size: 4551, source: { kind: 'path', path: '/d/iris.csv' } } });
    await expect(host.updateSettings({ theme: 'dark' })).rejects.toThrow('Your settings could not be saved.');
    expect(calls.map((c) => c[0])).toEqual(['dataset:open', 'settings:set']);
    expect(host.projects).not.toBeNull();
    await host.projects?.save({ a: 1 });
    expect(calls.at(-1)).toEqual(['project:save', [{ learn: { a: 1 } }]]);
  });
});
