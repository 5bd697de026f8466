import { describe, expect, it } from 'vitest';
import { fromRows } from '../../../core/math/matrix';
import { createRng } from '../../../core/math/rng';
import { createModel } from '../../../core/nn/model';
import type { LoadDatasetValue, PreparedRowsValue, SessionValue } from '../../../core/engine/protocol';
import { IRIS_PREP, IRIS_RECORDS, IRIS_SOURCE, IRIS_SPEC, createHarness, irisReady, valueOf } from './engine-harness';

describe('get-session', () => {
  it('describes an empty engine, then everything a reconnecting page needs', async () => {
    const h = createHarness();
    expect(valueOf(await h.call({ type: 'get-session' }))).toEqual({
      state: 'idle', dataset: null, importOptions: {}, prep: null, configured: null, spec: null, training: null, history: [],
    });
    const loaded = valueOf(await h.call({ type: 'load-dataset', source: IRIS_SOURCE, options: { delimiter: ',' } })) as LoadDatasetValue;
    const configured = valueOf(await h.call({ type: 'configure-data', config: IRIS_PREP }));
    valueOf(await h.call({ type: 'create-model', spec: IRIS_SPEC }));
    const session = valueOf(await h.call({ type: 'get-session' })) as SessionValue;
    expect(session).toEqual({
      state: 'model-ready', dataset: loaded, importOptions: { delimiter: ',' }, prep: IRIS_PREP, configured,
      spec: IRIS_SPEC, training: null, history: [],
    });
    expect(session.dataset?.report).toMatchObject({ rowsRead: 150, rowsSkipped: [], delimiter: ',' });
  });

  it('survives a snapshot and restore (the import report included)', async () => {
    const a = createHarness();
    await irisReady(a);
    const snap = valueOf(await a.call({ type: 'snapshot' }));
    const b = createHarness();
    valueOf(await b.call({ type: 'restore', snapshot: snap }));
    const [sa, sb] = [valueOf(await a.call({ type: 'get-session' })), valueOf(await b.call({ type: 'get-session' }))];
    expect(sb).toEqual(sa);
  });
});

describe('set-weight', () => {
  it('sets one weight or bias, stored as float32; the predictions move, and come back when the old value is put back', async () => {
    const h = createHarness();
    await irisReady(h);
    const predict = async () => (valueOf(await h.call({ type: 'predict-rows', records: IRIS_RECORDS })) as { probabilities: number[][] }).probabilities;
    const weights = async () => valueOf(await h.call({ type: 'get-weights' })) as { layers: Array<{ w: number[]; b: number[] | null }> };
    const before = await predict();
    const old = (await weights()).layers[1]?.b?.[2] ?? NaN;
    const originalW = (await weights()).layers[0]?.w[5] ?? NaN;
    expect(valueOf(await h.call({ type: 'set-weight', layer: 0, param: 'w', index: 5, value: 0.1 }))).toEqual({ value: Math.fround(0.1) });
    expect((await weights()).layers[0]?.w[5]).toBe(Math.fround(0.1));
    expect(valueOf(await h.call({ type: 'set-weight', layer: 1, param: 'b', index: 2, value: old + 5 }))).toEqual({ value: Math.fround(old + 5) });
    const after = await predict();
    // A larger bias on class 3's logit raises its probability in every row.
    for (let i = 0; i < before.length; i++) expect(after[i]![2]!).toBeGreaterThan(before[i]![2]!);
    // Putting back the originals gives the original predictions exactly.
    valueOf(await h.call({ type: 'set-weight', layer: 1, param: 'b', index: 2, value: old }));
    valueOf(await h.call({ type: 'set-weight', layer: 0, param: 'w', index: 5, value: originalW }));
    expect(await predict()).toEqual(before);
  });

  it('says which layer or index does not exist, and refuses a bias on a layer without one', async () => {
    const h = createHarness();
    await irisReady(h);
    const error = async (request: Record<string, unknown>) => {
      const r = await h.call({ type: 'set-weight', ...request });
      return r.result.ok ? null : r.result.error;
    };
    expect(await error({ layer: 2, param: 'w', index: 0, value: 1 })).toEqual({ code: 'bad-weight', message: 'The network has 2 layers; there is no layer 3.' });
    expect(await error({ layer: 0, param: 'w', index: 32, value: 1 })).toEqual({ code: 'bad-weight', message: 'Layer 1 has 32 weights; there is no number 33.' });
    expect(await error({ layer: 1, param: 'b', index: 3, value: 1 })).toEqual({ code: 'bad-weight', message: 'Layer 2 has 3 biases; there is no number 4.' });
    const noBias = createHarness();
    valueOf(await noBias.call({ type: 'load-dataset', source: IRIS_SOURCE }));
    valueOf(await noBias.call({ type: 'configure-data', config: IRIS_PREP }));
    valueOf(await noBias.call({ type: 'create-model', spec: { ...IRIS_SPEC, layers: [{ units: 8, activation: 'relu', useBias: false }, IRIS_SPEC.layers[1]] } }));
    const r = await noBias.call({ type: 'set-weight', layer: 0, param: 'b', index: 0, value: 1 });
    expect(r.result).toEqual({ ok: false, error: { code: 'bad-weight', message: 'Layer 1 has no bias.' } });
    const empty = createHarness();
    expect((await empty.call({ type: 'set-weight', layer: 0, param: 'w', index: 0, value: 1 })).result).toEqual({
      ok: false, error: { code: 'no-dataset', message: 'Load a dataset before editing a weight.' },
    });
  });
});

describe('blob sources', () => {
  it('imports a Blob read slice by slice, and refuses a value that is not one', async () => {
    const h = createHarness();
    const blob = new Blob([IRIS_SOURCE.text]);
    expect(valueOf(await h.call({ type: 'load-dataset', source: { kind: 'blob', name: 'iris.csv', blob } }))).toMatchObject({ name: 'iris.csv', rows: 150 });
    const bad = await h.call({ type: 'load-dataset', source: { kind: 'blob', name: 'x.csv', blob: { size: 3 } } });
    expect(bad.result).toEqual({ ok: false, error: { code: 'bad-request', message: 'Bad request: "load-dataset" request at source.blob: expected a File or Blob.' } });
  });
});

describe('suggested data settings', () => {
  it('proposes the last usable column as target with its task, ignores identifiers, and configures as is', async () => {
    const h = createHarness();
    const csv = 'id,name,x1,x2,label\n1,ann,0.5,1,cat\n2,bob,0.1,2,dog\n3,cy,0.9,3,cat\n4,di,0.3,1,dog\n5,ed,0.7,2,cat\n6,fa,0.2,3,dog\n7,gu,0.8,1,cat\n8,ho,0.4,2,dog\n';
    const loaded = valueOf(await h.call({ type: 'load-dataset', source: { kind: 'text', name: 'd.csv', text: csv } })) as LoadDatasetValue;
    expect(loaded.suggested).toEqual({
      roles: { id: 'ignore', name: 'ignore', x1: 'input', x2: 'input', label: 'target' },
      task: 'classification',
      split: { train: 0.7, validation: 0.15, test: 0.15, seed: 1 },
    });
    expect(valueOf(await h.call({ type: 'configure-data', config: loaded.suggested }))).toMatchObject({
      inputs: 2, outputs: 1, labels: ['cat', 'dog'], inputNames: ['x1', 'x2'], outputNames: ['label=dog'],
    });
  });
});

describe('get-prepared-rows', () => {
  it('gives rows as the network sees them: a forward pass on them reproduces the engine\'s prediction for the same data rows', async () => {
    const h = createHarness();
    await irisReady(h);
    const value = valueOf(await h.call({ type: 'get-prepared-rows', split: 'train', offset: 2, limit: 3 })) as PreparedRowsValue;
    expect([value.split, value.offset, value.total, value.rows.length]).toEqual(['train', 2, 105, 3]);
    expect(value.rows[0]).toHaveLength(4);
    // Targets are one-hot over the three species.
    for (const t of value.targets) expect(t.reduce((s, v) => s + v, 0)).toBe(1);
    // The raw cells of those data rows, predicted by the engine, equal the model applied to the prepared rows.
    const page = valueOf(await h.call({ type: 'get-rows', offset: value.dataRows[0]! - 1, limit: 1 })) as { columns: string[]; rows: (string | number | null)[][] };
    const record = Object.fromEntries(page.columns.map((c, i) => [c, page.rows[0]![i]!]));
    const predicted = valueOf(await h.call({ type: 'predict-rows', records: [record] })) as { probabilities: number[][] };
    const model = createModel(IRIS_SPEC, { rng: createRng(1) });
    const out = model.predict(fromRows([value.rows[0]!]));
    Array.from(out.data).forEach((p, k) => expect(p).toBeCloseTo(predicted.probabilities[0]![k]!, 5));
  });

  it('needs configured data', async () => {
    const h = createHarness();
    expect((await h.call({ type: 'get-prepared-rows', split: 'train', offset: 0, limit: 1 })).result).toEqual({
      ok: false, error: { code: 'no-dataset', message: 'Load a dataset before reading prepared rows.' },
    });
  });
});
