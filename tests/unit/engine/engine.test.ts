import { describe, expect, it } from 'vitest';
import { importCsv } from '../../../core/data/import';
import { prepareData } from '../../../core/data/prep/prepare';
import { createEngine } from '../../../core/engine/engine';
import type { EngineMessage, EngineSnapshot, PredictionsValue, RowsPage, WeightsValue } from '../../../core/engine/protocol';
import { createRng } from '../../../core/math/rng';
import { parseModelFile } from '../../../core/model-io/model-file';
import { createModel } from '../../../core/nn/model';
import type { TrainConfig } from '../../../core/train/config';
import { fit } from '../../../core/train/fit';
import { IRIS_PREP, IRIS_RECORDS, IRIS_SOURCE, IRIS_SPEC, IRIS_TRAIN, LONG_TRAIN, createHarness, irisReady, valueOf } from './engine-harness';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('engine workflow in-process', () => {
  it('walks idle → data-loaded → data-ready → model-ready and serves rows and column statistics', async () => {
    const h = createHarness();
    expect(valueOf(await h.call({ type: 'hello', protocolVersion: 1 }))).toEqual({ protocolVersion: 1, engineVersion: '0.1.0', state: 'idle', backend: 'ts', threads: 1, fma: false });
    valueOf(await h.call({ type: 'load-dataset', source: IRIS_SOURCE }));
    expect(h.engine.state).toBe('data-loaded');
    expect(h.events('import-progress').length).toBeGreaterThan(0);
    const page = valueOf(await h.call({ type: 'get-rows', offset: 149, limit: 10 })) as RowsPage;
    expect(page).toEqual({ offset: 149, totalRows: 150, columns: Object.keys(IRIS_PREP.roles), rows: [[5.9, 3, 5.1, 1.8, 'virginica'].map((v) => typeof v === 'number' ? Math.fround(v) : v)] });
    const stats = valueOf(await h.call({ type: 'get-column-stats' })) as { name: string; kind: string; stats: { count: number } }[];
    expect(stats.map((c) => [c.name, c.kind, c.stats.count])).toEqual([
      ['sepal_length_cm', 'numeric', 150], ['sepal_width_cm', 'numeric', 150], ['petal_length_cm', 'numeric', 150],
      ['petal_width_cm', 'numeric', 150], ['species', 'categorical', 150],
    ]);
    expect(valueOf(await h.call({ type: 'configure-data', config: IRIS_PREP }))).toMatchObject({
      inputs: 4, outputs: 3, rows: { train: 105, validation: 24, test: 21 }, labels: ['setosa', 'versicolor', 'virginica'],
    });
    expect(h.engine.state).toBe('data-ready');
    expect(valueOf(await h.call({ type: 'create-model', spec: IRIS_SPEC }))).toEqual({ parameters: 4 * 8 + 8 + 8 * 3 + 3 });
    expect(h.engine.state).toBe('model-ready');
  });

  it('trains: the reply comes first, every epoch log is delivered, then train-finished "completed"; the model then classifies iris', async () => {
    const h = createHarness();
    await irisReady(h);
    const finished = h.waitFor('train-finished');
    expect(valueOf(await h.call({ type: 'train-start', config: IRIS_TRAIN }))).toEqual({ epochs: 30, rows: 105 });
    expect(h.messages[h.messages.length - 1]!.type).toBe('reply');
    expect(await finished).toEqual({ type: 'train-finished', reason: 'completed', epochs: 30 });
    expect(h.events('train-epoch').map((e) => e.type === 'train-epoch' && e.log.epoch)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(h.engine.state).toBe('model-ready');
    const test = valueOf(await h.call({ type: 'evaluate', split: 'test' })) as { metrics: { accuracy: number } };
    expect(test.metrics.accuracy).toBeGreaterThan(0.8);
    const predicted = valueOf(await h.call({ type: 'predict-rows', records: IRIS_RECORDS })) as PredictionsValue;
    expect(predicted.kind === 'classes' && predicted.predicted).toEqual(['setosa', 'virginica']);
  });

  it('throttles train-progress to at most 20 per second and reports rate and ETA', async () => {
    const h = createHarness();
    await irisReady(h);
    const times: number[] = [];
    const engineSend = h.messages.push.bind(h.messages);
    h.messages.push = (...items) => { for (const m of items) if (m.type === 'train-progress') times.push(performance.now()); return engineSend(...items); };
    valueOf(await h.call({ type: 'train-start', config: LONG_TRAIN }));
    await sleep(600);
    valueOf(await h.call({ type: 'train-stop' }));
    await h.waitFor('train-finished');
    expect(times.length).toBeGreaterThanOrEqual(5);
    expect(times.length).toBeLessThanOrEqual(Math.ceil(0.6 * 20) + 2);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(45);
    const last = h.events('train-progress').at(-1);
    expect(last).toMatchObject({ type: 'train-progress', batches: 105 });
    if (last?.type !== 'train-progress') throw new Error('no progress');
    expect(last.samplesPerSec).toBeGreaterThan(0);
    expect(last.etaSeconds).toBeGreaterThan(0);
    expect(Number.isFinite(last.loss)).toBe(true);
  });

  it('pauses between batches (no epoch ends while paused), resumes, and stops within 100 ms', async () => {
    const h = createHarness();
    await irisReady(h);
    valueOf(await h.call({ type: 'train-start', config: { ...LONG_TRAIN, epochs: 5000, batchSize: 4 } }));
    await sleep(100);
    expect(valueOf(await h.call({ type: 'train-pause' }))).toEqual({ state: 'paused' });
    await sleep(30);
    const epochsAtPause = h.events('train-epoch').length;
    await sleep(150);
    expect(h.events('train-epoch').length).toBe(epochsAtPause);
    expect(valueOf(await h.call({ type: 'train-resume' }))).toEqual({ state: 'training' });
    await sleep(100);
    expect(h.events('train-epoch').length).toBeGreaterThan(epochsAtPause);
    const finished = h.waitFor('train-finished');
    const asked = performance.now();
    valueOf(await h.call({ type: 'train-stop' }));
    const event = await finished;
    expect(performance.now() - asked).toBeLessThan(100);
    expect(event.reason).toBe('stopped');
    expect(event.epochs).toBe(h.events('train-epoch').length);
  });

  it('evaluates, predicts and exports while paused, then stops the paused run', async () => {
    const h = createHarness();
    await irisReady(h);
    valueOf(await h.call({ type: 'train-start', config: LONG_TRAIN }));
    valueOf(await h.call({ type: 'train-pause' }));
    expect(h.engine.state).toBe('paused');
    expect(valueOf(await h.call({ type: 'evaluate', split: 'validation' }))).toMatchObject({ split: 'validation', rows: 24 });
    expect(valueOf(await h.call({ type: 'predict-rows', records: IRIS_RECORDS }))).toMatchObject({ kind: 'classes' });
    expect(valueOf(await h.call({ type: 'export-model' }))).toHaveProperty('text');
    const weights = valueOf(await h.call({ type: 'get-weights' })) as WeightsValue;
    expect(weights.layers.map((l) => [l.inputs, l.units, l.w.length, l.b?.length])).toEqual([[4, 8, 32, 8], [8, 3, 24, 3]]);
    const finished = h.waitFor('train-finished', 200);
    valueOf(await h.call({ type: 'train-stop' }));
    expect((await finished).reason).toBe('stopped');
  });

  it('reports a diverging run as train-finished "diverged" with the cause', async () => {
    const h = createHarness();
    await irisReady(h);
    const finished = h.waitFor('train-finished');
    valueOf(await h.call({ type: 'train-start', config: { epochs: 50, batchSize: 8, optimizer: { kind: 'sgd', learningRate: 1e30 } } }));
    const event = await finished;
    expect(event.reason).toBe('diverged');
    expect(event.error?.code).toBe('diverged');
    expect(event.error?.message).toMatch(/^Training diverged at epoch 1, batch \d+: /);
  });

  it('train-step trains exactly one batch: full-batch SGD steps equal fit epochs', async () => {
    const h = createHarness();
    await irisReady(h);
    const config: TrainConfig = { epochs: 1, batchSize: 1000, optimizer: { kind: 'sgd', learningRate: 0.1 }, shuffle: false };
    expect(valueOf(await h.call({ type: 'train-step', config }))).toMatchObject({ batch: 1, batches: 1, rows: 105 });
    expect(valueOf(await h.call({ type: 'train-step' }))).toMatchObject({ batch: 1, batches: 1, rows: 105 });
    const snap = valueOf(await h.call({ type: 'snapshot' })) as EngineSnapshot;

    const { table } = await importCsv(IRIS_SOURCE);
    const prepared = prepareData(table, IRIS_PREP);
    const oracle = createModel(IRIS_SPEC, { rng: createRng(1) });
    await fit(oracle, { train: prepared.trainData.train }, { ...config, epochs: 2 }, {}, { rng: createRng(1) });
    expect(snap.weights).toEqual(oracle.getWeights().map((w) => Array.from(w)));
  });

  it('train-step cycles through batches in order; a new config starts a new sequence', async () => {
    const h = createHarness();
    await irisReady(h);
    const config = { ...IRIS_TRAIN, batchSize: 50 };
    const steps = [];
    for (let i = 0; i < 4; i++) steps.push(valueOf(await h.call({ type: 'train-step', config: i === 0 ? config : undefined })));
    expect(steps.map((s) => (s as { batch: number; rows: number }))).toMatchObject([
      { batch: 1, rows: 50 }, { batch: 2, rows: 50 }, { batch: 3, rows: 5 }, { batch: 1, rows: 50 },
    ]);
    expect(valueOf(await h.call({ type: 'train-step' }))).toMatchObject({ batch: 2 });
    expect(valueOf(await h.call({ type: 'train-step', config }))).toMatchObject({ batch: 1 });
  });

  it('exports a model file that parses, with preprocessing, training settings and history', async () => {
    const h = createHarness();
    await irisReady(h);
    const finished = h.waitFor('train-finished');
    valueOf(await h.call({ type: 'train-start', config: { ...IRIS_TRAIN, epochs: 3 } }));
    await finished;
    const { text } = valueOf(await h.call({ type: 'export-model' })) as { text: string };
    const parsed = parseModelFile(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.history).toHaveLength(3);
    expect(parsed.value.training).toEqual({ ...IRIS_TRAIN, epochs: 3 });
    expect(parsed.value.preprocessing?.target).toMatchObject({ kind: 'classes', labels: ['setosa', 'versicolor', 'virginica'] });
  });

  it('a snapshot restored into a new engine predicts exactly the same and can keep training', async () => {
    const h = createHarness();
    await irisReady(h);
    const finished = h.waitFor('train-finished');
    valueOf(await h.call({ type: 'train-start', config: { ...IRIS_TRAIN, epochs: 5 } }));
    await finished;
    const before = valueOf(await h.call({ type: 'predict-rows', records: IRIS_RECORDS }));
    const snap = structuredClone(valueOf(await h.call({ type: 'snapshot' })));

    const fresh = createHarness();
    expect(valueOf(await fresh.call({ type: 'restore', snapshot: snap }))).toEqual({ state: 'model-ready' });
    expect(valueOf(await fresh.call({ type: 'predict-rows', records: IRIS_RECORDS }))).toEqual(before);
    expect(valueOf(await fresh.call({ type: 'snapshot' }))).toEqual(snap);
    valueOf(await fresh.call({ type: 'train-step' }));
    expect(valueOf(await fresh.call({ type: 'predict-rows', records: IRIS_RECORDS }))).not.toEqual(before);
  });

  it('a snapshot that does not restore leaves the engine as it was', async () => {
    const h = createHarness();
    await irisReady(h);
    const snap = valueOf(await h.call({ type: 'snapshot' })) as EngineSnapshot;
    const broken = { ...snap, prep: { ...IRIS_PREP, roles: { ...IRIS_PREP.roles, colour: 'input' } } };
    const reply = await h.call({ type: 'restore', snapshot: broken });
    expect(reply.result.ok).toBe(false);
    expect(h.engine.state).toBe('model-ready');
    expect(valueOf(await h.call({ type: 'snapshot' }))).toEqual(snap);
  });

  it('a reply the transport cannot send becomes an error reply and an engine-error event', async () => {
    const sent: EngineMessage[] = [];
    let refuse = true;
    const engine = createEngine((m) => {
      if (refuse && m.type === 'reply' && m.result.ok) { refuse = false; throw new Error('could not be cloned'); }
      sent.push(m);
    });
    await engine.handle({ id: 7, type: 'hello' });
    expect(sent).toEqual([
      { id: 7, type: 'reply', result: { ok: false, error: { code: 'internal', message: 'Internal engine error: could not be cloned' } } },
      { type: 'engine-error', error: { code: 'internal', message: 'Internal engine error: could not be cloned' } },
    ]);
  });

  it('keeps the model when new data settings fit it, and drops it when they do not', async () => {
    const h = createHarness();
    await irisReady(h);
    expect(valueOf(await h.call({ type: 'configure-data', config: { ...IRIS_PREP, split: { ...IRIS_PREP.split, seed: 2 } } }))).toMatchObject({ modelKept: true });
    const fewer = { ...IRIS_PREP, roles: { ...IRIS_PREP.roles, sepal_width_cm: 'ignore' } };
    expect(valueOf(await h.call({ type: 'configure-data', config: fewer }))).toMatchObject({ inputs: 3, modelKept: false });
    expect(h.engine.state).toBe('data-ready');
  });
});
