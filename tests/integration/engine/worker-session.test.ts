import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent, EngineReply, EngineSnapshot, PredictFileValue } from '../../../core/engine/protocol';
import { startWorkerEngine, type WorkerThreadTransport } from '../../../core/engine/transport-worker-threads.node.ts';
import { createEngineClient, type ClientRequest, type EngineClient, type EngineExit } from '../../../core/engine/transport';
import { parseModelFile } from '../../../core/model-io/model-file';
import { IRIS_PREP, IRIS_RECORDS, IRIS_SOURCE, IRIS_SPEC, IRIS_TRAIN, LONG_TRAIN, valueOf } from '../../unit/engine/engine-harness';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A worker engine with a client and every event it sent. */
interface Session {
  transport: WorkerThreadTransport;
  client: EngineClient;
  events: EngineEvent[];
  call(request: ClientRequest): Promise<unknown>;
  next<T extends EngineEvent['type']>(type: T): Promise<Extract<EngineEvent, { type: T }>>;
}

const open: WorkerThreadTransport[] = [];
afterEach(async () => { await Promise.all(open.splice(0).map((t) => t.close())); });

function startSession(): Session {
  const transport = startWorkerEngine();
  open.push(transport);
  const client = createEngineClient(transport);
  const events: EngineEvent[] = [];
  client.onEvent((e) => events.push(e));
  return {
    transport, client, events,
    call: async (request) => valueOf(await client.request(request)),
    next: (type) => new Promise((resolve) => {
      const off = client.onEvent((e) => { if (e.type === type) { off(); resolve(e as never); } });
    }),
  };
}

async function irisModel(s: Session): Promise<void> {
  await s.call({ type: 'load-dataset', source: IRIS_SOURCE });
  await s.call({ type: 'configure-data', config: IRIS_PREP });
  await s.call({ type: 'create-model', spec: IRIS_SPEC });
}

describe('the engine in a real worker thread', () => {
  it('runs import → configure → create model → train → evaluate → export through the protocol', async () => {
    const s = startSession();
    expect(await s.call({ type: 'hello', protocolVersion: 1 })).toMatchObject({ protocolVersion: 1, state: 'idle' });
    await s.call({ type: 'load-dataset', source: { kind: 'bytes', name: 'iris.csv', bytes: new TextEncoder().encode(IRIS_SOURCE.text) } });
    expect(s.events.some((e) => e.type === 'import-progress')).toBe(true);
    await s.call({ type: 'configure-data', config: IRIS_PREP });
    await s.call({ type: 'create-model', spec: IRIS_SPEC });
    const finished = s.next('train-finished');
    await s.call({ type: 'train-start', config: IRIS_TRAIN });
    expect(await finished).toEqual({ type: 'train-finished', reason: 'completed', epochs: 30 });
    expect(s.events.filter((e) => e.type === 'train-epoch')).toHaveLength(30);
    const test = await s.call({ type: 'evaluate', split: 'test' }) as { metrics: { accuracy: number } };
    expect(test.metrics.accuracy).toBeGreaterThan(0.8);
    const { text } = await s.call({ type: 'export-model' }) as { text: string };
    const parsed = parseModelFile(text);
    expect(parsed.ok).toBe(true);
  });

  it('loads a dataset by path (streamed by the Node files adapter), and reports an unreadable path as a typed reply', async () => {
    const s = startSession();
    const path = new URL('../../../examples/iris.csv', import.meta.url).pathname;
    expect(await s.call({ type: 'load-dataset', source: { kind: 'path', path } })).toMatchObject({ name: 'iris.csv', rows: 150 });
    const missing = await s.client.request({ type: 'load-dataset', source: { kind: 'path', path: '/nonexistent/x.csv' } });
    expect(missing.result).toMatchObject({ ok: false, error: { code: 'file-unreadable' } });
    expect(!missing.result.ok && missing.result.error.message).toBe(
      'Cannot open /nonexistent/x.csv: the file does not exist (it may have been moved, renamed or deleted).',
    );
  });

  it('predicts a CSV by path (read by the Node worker adapter) as CSV text with a row count', async () => {
    const s = startSession();
    await irisModel(s);
    const path = new URL('../../../examples/iris.csv', import.meta.url).pathname;
    const got = await s.call({ type: 'predict-file', source: { kind: 'path', path } }) as PredictFileValue;
    expect(got.rows).toBe(150);
    expect(got.warnings).toEqual([]);
    const lines = got.csv.trimEnd().split('\n');
    expect(lines).toHaveLength(151);
    expect(lines[0]).toBe('sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,species,predicted(species),p(setosa),p(versicolor),p(virginica)');
    const missing = await s.client.request({ type: 'predict-file', source: { kind: 'path', path: '/nonexistent/x.csv' } });
    expect(missing.result).toMatchObject({ ok: false, error: { code: 'file-unreadable' } });
  });

  it('answers malformed messages with bad-request replies and keeps serving', async () => {
    const s = startSession();
    const replies: EngineReply[] = [];
    s.transport.onMessage((m) => { if (m.type === 'reply') replies.push(m); });
    for (const m of [null, 42, 'hello', [], { type: 'nope' }, { id: 9, type: 'get-rows', offset: 'a' }]) s.transport.post(m);
    expect(await s.call({ type: 'hello' })).toMatchObject({ state: 'idle' });
    expect(replies.slice(0, 6).map((r) => !r.result.ok && r.result.error.code)).toEqual(Array(6).fill('bad-request'));
  });

  it('stops a long training within 200 ms of the request', async () => {
    const s = startSession();
    await irisModel(s);
    await s.call({ type: 'train-start', config: LONG_TRAIN });
    await sleep(300);
    const finished = s.next('train-finished');
    const asked = performance.now();
    await s.call({ type: 'train-stop' });
    const event = await finished;
    expect(performance.now() - asked).toBeLessThan(200);
    expect(event.reason).toBe('stopped');
  });

  it('after the worker is killed mid-training, the host sees a crash and a new worker restored from the last snapshot continues', async () => {
    const s = startSession();
    await irisModel(s);
    const firstEpoch = s.next('train-epoch');
    await s.call({ type: 'train-start', config: LONG_TRAIN });
    await firstEpoch;
    await s.call({ type: 'train-pause' });
    const snap = await s.call({ type: 'snapshot' }) as EngineSnapshot;
    const before = await s.call({ type: 'predict-rows', records: IRIS_RECORDS });
    await s.call({ type: 'train-resume' });

    const exit = new Promise<EngineExit>((resolve) => s.transport.onExit(resolve));
    const pending = s.client.request({ type: 'hello' }).catch((e: unknown) => e);
    await s.transport.worker.terminate();
    expect(await exit).toMatchObject({ code: 1, crashed: true });
    expect(await pending).toBeInstanceOf(Error);

    const r = startSession();
    expect(await r.call({ type: 'restore', snapshot: snap })).toEqual({ state: 'model-ready' });
    expect(await r.call({ type: 'predict-rows', records: IRIS_RECORDS })).toEqual(before);
    expect(snap.history.length).toBeGreaterThanOrEqual(1);
    const finished = r.next('train-finished');
    await r.call({ type: 'train-start', config: { ...IRIS_TRAIN, epochs: 2 } });
    expect((await finished).reason).toBe('completed');
  });

  it('close() ends the worker as an expected exit, not a crash', async () => {
    const s = startSession();
    await s.call({ type: 'hello' });
    const exit = new Promise<EngineExit>((resolve) => s.transport.onExit(resolve));
    await s.transport.close();
    expect((await exit).crashed).toBe(false);
  });
});

describe('the worker engine\'s kernels', () => {
  it('runs on WebAssembly SIMD where Node has it, and says so', async () => {
    const s = startSession();
    expect(await s.call({ type: 'hello' })).toMatchObject({ backend: 'wasm-simd' });
  });
});
