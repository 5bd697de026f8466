import { describe, expect, it } from 'vitest';
import type { GridValue, PredictionsValue, WeightsValue } from '../../../core/engine/protocol';
import { createHarness, valueOf } from './engine-harness';

/** Two numeric inputs and a class, unscaled so grid coordinates are raw values. */
async function twoInputs(h: ReturnType<typeof createHarness>, classes: string[]): Promise<void> {
  const lines = ['x1,x2,c'];
  for (let i = 0; i < 90; i++) lines.push(`${(i % 9) / 4 - 1},${Math.floor(i / 9) / 4.5 - 1},${classes[i % classes.length]}`);
  valueOf(await h.call({ type: 'load-dataset', source: { kind: 'text', name: 'g.csv', text: lines.join('\n') } }));
  valueOf(await h.call({
    type: 'configure-data',
    config: { roles: { x1: 'input', x2: 'input', c: 'target' }, task: 'classification', defaultScaling: 'none', split: { train: 0.8, validation: 0, test: 0.2, seed: 1 } },
  }));
  const out = classes.length === 2 ? { units: 1, activation: 'sigmoid' } : { units: classes.length, activation: 'softmax' };
  valueOf(await h.call({
    type: 'create-model',
    spec: { inputs: 2, layers: [{ units: 3, activation: 'tanh' }, out], loss: classes.length === 2 ? 'binary-crossentropy' : 'categorical-crossentropy' },
    seed: 5,
  }));
}

describe('predict-grid', () => {
  it('two classes: each cell is the model\'s p(second class) at that point, the thumbnails are the hidden units\' tanh', async () => {
    const h = createHarness();
    await twoInputs(h, ['a', 'b']);
    const g = valueOf(await h.call({ type: 'predict-grid', resolution: 4 })) as GridValue;
    expect([g.kind, g.resolution, g.names, g.labels]).toEqual(['binary', 4, ['x1', 'x2'], ['a', 'b']]);
    expect(g.values).toHaveLength(16);
    // Cell (row 1, column 2): x from the left, y from the top.
    const cx = g.x.min + (2.5 / 4) * (g.x.max - g.x.min);
    const cy = g.y.max - (1.5 / 4) * (g.y.max - g.y.min);
    const p = valueOf(await h.call({ type: 'predict-rows', records: [{ x1: cx, x2: cy }] })) as Extract<PredictionsValue, { kind: 'classes' }>;
    expect(g.values[1 * 4 + 2]).toBeCloseTo(p.probabilities[0]![1]!, 5);

    const w = (valueOf(await h.call({ type: 'get-weights' })) as WeightsValue).layers[0]!;
    const [layer] = g.neurons;
    expect([layer!.layer, layer!.units, layer!.resolution]).toEqual([0, 3, 12]);
    const t = 12;
    const tx = g.x.min + (0.5 / t) * (g.x.max - g.x.min);
    const ty = g.y.max - (0.5 / t) * (g.y.max - g.y.min);
    for (let u = 0; u < 3; u++) {
      const expected = Math.tanh(tx * w.w[0 * 3 + u]! + ty * w.w[1 * 3 + u]! + w.b![u]!);
      expect(layer!.values[u * t * t + 0]).toBeCloseTo(expected, 5);
    }
    expect(g.points.x.length).toBe(72);
    expect([...new Set(g.points.target)].sort()).toEqual([0, 1]);
  });

  it('three classes: the predicted class and its probability per cell', async () => {
    const h = createHarness();
    await twoInputs(h, ['a', 'b', 'c']);
    const g = valueOf(await h.call({ type: 'predict-grid', resolution: 3 })) as GridValue;
    expect(g.kind).toBe('classes');
    expect(g.classes).toHaveLength(9);
    for (let c = 0; c < 9; c++) {
      expect(g.classes![c]).toBeLessThan(3);
      expect(g.values[c]).toBeGreaterThanOrEqual(1 / 3 - 1e-6);
    }
  });

  it('names an input that does not exist, and a network with one input', async () => {
    const h = createHarness();
    await twoInputs(h, ['a', 'b']);
    expect((await h.call({ type: 'predict-grid', inputs: [0, 5] })).result).toEqual({
      ok: false, error: { code: 'grid-inputs', message: 'The network has 2 inputs; there is no input 6.' },
    });
    expect((await h.call({ type: 'predict-grid', inputs: [1, 1] })).result).toEqual({
      ok: false, error: { code: 'grid-inputs', message: 'Choose two different inputs for the decision map.' },
    });
    const one = createHarness();
    valueOf(await one.call({ type: 'load-dataset', source: { kind: 'text', name: 'o.csv', text: 'x,c\n1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n' } }));
    valueOf(await one.call({ type: 'configure-data', config: { roles: { x: 'input', c: 'target' }, task: 'classification', split: { train: 1, validation: 0, test: 0, seed: 1 } } }));
    valueOf(await one.call({ type: 'create-model', spec: { inputs: 1, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'binary-crossentropy' } }));
    expect((await one.call({ type: 'predict-grid' })).result).toEqual({
      ok: false, error: { code: 'grid-inputs', message: 'The decision map needs a network with at least two inputs; this one has 1.' },
    });
  });
});
