import { readFileSync } from 'node:fs';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { connectEngine, serveEngine, serveEngineWhenReady } from '../../../core/engine/transport-port';
import { createWasmKernels } from '../../../core/math/wasm-kernels';
import { createEngineClient, type EngineExit } from '../../../core/engine/transport';
import { IRIS_PREP, IRIS_SOURCE, IRIS_SPEC, IRIS_TRAIN, valueOf } from './engine-harness';
import type { EngineEvent } from '../../../core/engine/protocol';

const channels: MessageChannel[] = [];
afterEach(() => { for (const c of channels.splice(0)) { c.port1.close(); c.port2.close(); } });

/** An engine served on one end of a MessageChannel (as in a Web Worker) and a client on the other. */
function connected(onFailure?: (listener: (message: string) => void) => void) {
  const channel = new MessageChannel();
  channels.push(channel);
  serveEngine(channel.port2);
  let terminated = false;
  const transport = connectEngine(channel.port1, { terminate: () => { terminated = true; channel.port2.close(); }, onFailure });
  return { transport, client: createEngineClient(transport), terminated: () => terminated };
}

describe('the engine over a message port (the web-messaging transport)', () => {
  it('trains iris through the protocol and delivers events', async () => {
    const { client, transport } = connected();
    const events: EngineEvent[] = [];
    client.onEvent((e) => events.push(e));
    valueOf(await client.request({ type: 'load-dataset', source: IRIS_SOURCE }));
    valueOf(await client.request({ type: 'configure-data', config: IRIS_PREP }));
    valueOf(await client.request({ type: 'create-model', spec: IRIS_SPEC }));
    const finished = new Promise<EngineEvent>((resolve) => client.onEvent((e) => { if (e.type === 'train-finished') resolve(e); }));
    valueOf(await client.request({ type: 'train-start', config: { ...IRIS_TRAIN, epochs: 4 } }));
    expect(await finished).toEqual({ type: 'train-finished', reason: 'completed', epochs: 4 });
    expect(events.filter((e) => e.type === 'train-epoch')).toHaveLength(4);
    await transport.close();
  });

  it('close() terminates the far side as an expected exit', async () => {
    const { transport, terminated } = connected();
    const exit = new Promise<EngineExit>((resolve) => transport.onExit(resolve));
    await transport.close();
    expect(await exit).toEqual({ code: 0, crashed: false });
    expect(terminated()).toBe(true);
  });

  it('a failure of the far side is a crash exit, and pending requests are rejected', async () => {
    let fail: (message: string) => void = () => undefined;
    const { transport, client } = connected((listener) => { fail = listener; });
    const exit = new Promise<EngineExit>((resolve) => transport.onExit(resolve));
    const pending = client.request({ type: 'load-dataset', source: IRIS_SOURCE }).catch((e: unknown) => (e as Error).message);
    fail('Out of memory');
    expect(await exit).toEqual({ code: 1, crashed: true, error: 'Out of memory' });
    expect(await pending).toBe('The engine exited (code 1: Out of memory) before replying.');
  });
});

describe('serveEngineWhenReady', () => {
  it('keeps the messages that arrive while the options are prepared, answers them in order, and reports the kernels', async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    let ready: (o: { kernels: ReturnType<typeof createWasmKernels> }) => void = () => undefined;
    const started = serveEngineWhenReady(channel.port2, new Promise((resolve) => { ready = resolve; }));
    const transport = connectEngine(channel.port1, { terminate: () => channel.port2.close() });
    const client = createEngineClient(transport);
    const hello = client.request({ type: 'hello' });
    const loaded = client.request({ type: 'load-dataset', source: IRIS_SOURCE });
    await new Promise((r) => setTimeout(r, 30));
    ready({ kernels: createWasmKernels(new Uint8Array(readFileSync(new URL('../../../core/math/wasm/kernels.wasm', import.meta.url)))) });
    await started;
    expect(valueOf(await hello)).toMatchObject({ state: 'idle', backend: 'wasm-simd' });
    expect(valueOf(await loaded)).toMatchObject({ rows: 150 });
  });

  it('starts with the fallback options when preparing fails', async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    void serveEngineWhenReady(channel.port2, Promise.reject(new Error('no SIMD')));
    const client = createEngineClient(connectEngine(channel.port1, { terminate: () => channel.port2.close() }));
    expect(valueOf(await client.request({ type: 'hello' }))).toMatchObject({ backend: 'ts' });
  });
});
