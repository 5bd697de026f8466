import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ENGINE_PORT_CHANNEL, ENGINE_PORT_MESSAGE, IPC_EVENT_NAMES, PAGE_CHANNELS, type StudioBridge } from '../../../electron/ipc/contract';

const PRELOAD = new URL('../../../electron/preload.ts', import.meta.url).href;

type Listener = (event: unknown, payload?: unknown) => void;

/** A stand-in for the `electron` module as the preload sees it. */
const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(event: unknown, payload?: unknown) => void>>();
  return {
    exposed: new Map<string, unknown>(),
    listeners,
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ ok: true, value: { channel, args } })),
    getPathForFile: vi.fn((file: { name: string }) => (file.name === 'web.csv' ? '' : `/disk/${file.name}`)),
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: electron.invoke,
    on: (channel: string, listener: Listener) => {
      const set = electron.listeners.get(channel) ?? new Set();
      set.add(listener);
      electron.listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: Listener) => { electron.listeners.get(channel)?.delete(listener); },
  },
  webUtils: { getPathForFile: electron.getPathForFile },
}));

let studio: StudioBridge;
const posted: unknown[][] = [];

beforeEach(async () => {
  vi.stubGlobal('process', { ...process, versions: { ...process.versions, electron: '41.7.1', chrome: '146.0' } });
  vi.stubGlobal('window', { postMessage: (...args: unknown[]) => posted.push(args) });
  vi.resetModules();
  electron.exposed.clear();
  electron.listeners.clear();
  // A computed specifier: the preload is type-checked with DOM types (tsconfig.preload.json), not with the tests.
  await import(/* @vite-ignore */ PRELOAD);
  studio = electron.exposed.get('studio') as StudioBridge;
});
afterEach(() => { vi.unstubAllGlobals(); posted.length = 0; electron.invoke.mockClear(); });

describe('preload bridge', () => {
  it('exposes only `studio`, with exactly the contract: one function per page channel, events, dropped files', () => {
    expect([...electron.exposed.keys()]).toEqual(['studio']);
    expect(Object.keys(studio).sort()).toEqual(['enginePortMessage', 'invoke', 'on', 'openDroppedFile', 'versions']);
    expect(studio.enginePortMessage).toBe(ENGINE_PORT_MESSAGE);
    expect(Object.keys(studio.invoke).sort()).toEqual([...PAGE_CHANNELS].sort());
    expect(Object.isFrozen(studio.invoke)).toBe(true);
    expect(studio.versions).toEqual({ electron: '41.7.1', chrome: '146.0', node: process.versions.node });
    // Nothing that leaks ipcRenderer or the file system.
    expect(JSON.stringify(Object.keys(studio))).not.toMatch(/ipc|send|require/i);
  });

  it('each function invokes its own channel with its arguments', async () => {
    expect(await studio.invoke['project:save']({ learn: { a: 1 } })).toEqual({ ok: true, value: { channel: 'project:save', args: [{ learn: { a: 1 } }] } });
    expect(await studio.invoke['model:export']('onnx')).toMatchObject({ value: { channel: 'model:export', args: ['onnx'] } });
    expect(electron.invoke.mock.calls.map((c) => c[0])).toEqual(['project:save', 'model:export']);
  });

  it('a dropped file reaches main as its path only', async () => {
    const file = { name: 'iris.csv', size: 4551 } as unknown as File;
    await studio.openDroppedFile(file);
    expect(electron.invoke).toHaveBeenCalledWith('file:dropped', '/disk/iris.csv');
    await studio.openDroppedFile({ name: 'web.csv' } as unknown as File);
    expect(electron.invoke).toHaveBeenLastCalledWith('file:dropped', '');
  });

  it('subscriptions deliver the payload only, unsubscribe, and refuse unknown events', () => {
    const got: unknown[] = [];
    const off = studio.on('engine:crashed', (payload) => got.push(payload));
    const [listener] = electron.listeners.get('engine:crashed') ?? [];
    listener?.({ sender: 'secret' }, { message: 'm', restored: true });
    expect(got).toEqual([{ message: 'm', restored: true }]);
    off();
    expect(electron.listeners.get('engine:crashed')?.size).toBe(0);
    expect(() => studio.on('ipc:anything' as never, () => undefined)).toThrow('Unknown event "ipc:anything".');
    expect(IPC_EVENT_NAMES).toContain('menu:command');
  });

  it('hands the engine port to the page with window.postMessage', () => {
    const [listener] = electron.listeners.get(ENGINE_PORT_CHANNEL) ?? [];
    const port = { fake: 'port' };
    listener?.({ ports: [port] });
    expect(posted).toEqual([[ENGINE_PORT_MESSAGE, '*', [port]]]);
  });
});
