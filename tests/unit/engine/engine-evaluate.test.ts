import { describe, expect, it } from 'vitest';
import type { EvaluationDetail } from '../../../core/engine/protocol';
import { IRIS_TRAIN, createHarness, irisReady, valueOf } from './engine-harness';

async function trained(h: ReturnType<typeof createHarness>, config = IRIS_TRAIN): Promise<void> {
  const done = h.waitFor('train-finished', 30_000);
  valueOf(await h.call({ type: 'train-start', config }));
  await done;
}

describe('evaluate-detail', () => {
  it('classification: a confusion matrix over the split, consistent with the accuracy, and the worst rows with their cells', async () => {
    const h = createHarness();
    await irisReady(h);
    await trained(h);
    const d = valueOf(await h.call({ type: 'evaluate-detail', split: 'test' })) as EvaluationDetail;
    const c = d.classification!;
    expect(c.labels).toEqual(['setosa', 'versicolor', 'virginica']);
    const total = c.confusion.flat().reduce((s, v) => s + v, 0);
    expect(total).toBe(d.rows);
    const diagonal = c.confusion.reduce((s, row, i) => s + row[i]!, 0);
    expect(diagonal / total).toBeCloseTo(d.metrics.accuracy!, 6);
    expect(c.accuracy).toBeCloseTo(d.metrics.accuracy!, 6);
    expect(c.roc).toBeNull();
    expect(d.regression).toBeNull();
    expect(d.worst.length).toBeGreaterThan(0);
    for (let i = 1; i < d.worst.length; i++) expect(d.worst[i - 1]!.error).toBeGreaterThanOrEqual(d.worst[i]!.error);
    const w = d.worst[0]!;
    expect(Object.keys(w.values)).toEqual(['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm', 'species']);
    expect(w.actual).toEqual([w.values['species']]);
    expect(w.row).toBeGreaterThanOrEqual(1);
  });

  it('two classes: a ROC curve from (0,0) to (1,1) with an AUC in [0, 1]', async () => {
    const h = createHarness();
    await irisReady(h);
    // A two-class target that depends on the inputs.
    const csv = ['a,b,wide', ...Array.from({ length: 120 }, (_, i) => `${(i % 17) / 17},${(i % 5) / 5},${(i % 17) / 17 + (i % 5) / 10 > 0.7 ? 'yes' : 'no'}`)].join('\n');
    valueOf(await h.call({ type: 'load-dataset', source: { kind: 'text', name: 'w.csv', text: csv } }));
    valueOf(await h.call({ type: 'configure-data', config: { roles: { a: 'input', b: 'input', wide: 'target' }, task: 'classification', split: { train: 0.6, validation: 0.2, test: 0.2, seed: 3 } } }));
    valueOf(await h.call({ type: 'create-model', spec: { inputs: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], loss: 'binary-crossentropy' } }));
    await trained(h, { ...IRIS_TRAIN, epochs: 40 });
    const d = valueOf(await h.call({ type: 'evaluate-detail', split: 'test' })) as EvaluationDetail;
    const roc = d.classification!.roc!;
    expect([roc.fpr[0], roc.tpr[0], roc.fpr.at(-1), roc.tpr.at(-1)]).toEqual([0, 0, 1, 1]);
    expect(roc.auc).toBeGreaterThan(0.8);
    expect(roc.auc).toBeLessThanOrEqual(1);
  });

  it('regression: per-target R² equal to the evaluate metric, residuals over every row, worst rows in target units', async () => {
    const h = createHarness();
    const csv = ['x,y', ...Array.from({ length: 200 }, (_, i) => `${i / 200},${2 * (i / 200) + 1 + ((i * 37) % 11 - 5) / 100}`)].join('\n');
    valueOf(await h.call({ type: 'load-dataset', source: { kind: 'text', name: 'lin.csv', text: csv } }));
    valueOf(await h.call({ type: 'configure-data', config: { roles: { x: 'input', y: 'target' }, task: 'regression', split: { train: 0.7, validation: 0.15, test: 0.15, seed: 1 } } }));
    valueOf(await h.call({ type: 'create-model', spec: { inputs: 1, layers: [{ units: 1, activation: 'linear' }], loss: 'mse' } }));
    await trained(h, { epochs: 60, batchSize: 16, optimizer: { kind: 'adam', learningRate: 0.05 }, metrics: ['r2'] });
    const d = valueOf(await h.call({ type: 'evaluate-detail', split: 'test' })) as EvaluationDetail;
    const [r] = d.regression!;
    expect(r!.name).toBe('y');
    expect(r!.r2).toBeGreaterThan(0.95);
    // R² does not change under the target's scaling: the same as the metric computed on scaled outputs.
    expect(r!.r2).toBeCloseTo(d.metrics.r2!, 4);
    expect(r!.residuals.counts.reduce((s, v) => s + v, 0)).toBe(d.rows);
    expect(r!.points.actual).toHaveLength(d.rows);
    expect(d.worst[0]!.error).toBeCloseTo(Math.abs(Number(d.worst[0]!.predicted[0]) - Number(d.worst[0]!.actual[0])), 5);
    expect(d.worst[0]!.actual[0]).toBeCloseTo(Number(d.worst[0]!.values['y']), 5);
  });

  it('says what is missing before a model exists', async () => {
    const h = createHarness();
    expect((await h.call({ type: 'evaluate-detail', split: 'test' })).result).toEqual({
      ok: false, error: { code: 'no-dataset', message: 'Load a dataset before evaluating.' },
    });
  });
});
