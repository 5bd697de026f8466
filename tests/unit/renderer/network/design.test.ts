import { describe, expect, it } from 'vitest';
import {
  HISTORY_LIMIT, MAX_UNITS, addLayer, defaultHidden, fromSpec, historyOf, layerParameters, moveLayer, outputDefaults,
  parameterCount, presetDraft, record, redo, removeLayer, setActivation, setBias, setLoss, setOutputActivation, setOutputBias,
  setUnitActivation, setUnits, shapeMismatch, shapeOf, specProblem, toSpec, undo, type DataShape, type NetworkDraft,
} from '../../../../renderer/src/network/design';

const IRIS: DataShape = { inputs: 4, outputs: 3, task: 'classification' };
const base = (): NetworkDraft => ({
  hidden: [{ units: 3, activation: 'relu', useBias: true }, { units: 2, activation: 'tanh', useBias: false }],
  output: { activation: 'softmax', useBias: true },
  loss: 'categorical-crossentropy',
});

describe('task defaults', () => {
  it.each([
    ['binary classification (1 output)', 'classification', 1, 'sigmoid', 'binary-crossentropy'],
    ['classes (3 outputs)', 'classification', 3, 'softmax', 'categorical-crossentropy'],
    ['two one-hot classes', 'classification', 2, 'softmax', 'categorical-crossentropy'],
    ['regression', 'regression', 2, 'linear', 'mse'],
  ] as const)('%s → %s output with %s', (_, task, outputs, activation, loss) => {
    expect(outputDefaults(task, outputs)).toEqual({ output: { activation, useBias: true }, loss });
  });

  it('the default hidden layers grow with the input width', () => {
    expect(defaultHidden(4)).toEqual([{ units: 8, activation: 'relu', useBias: true }]);
    expect(defaultHidden(30).map((l) => l.units)).toEqual([16, 8]);
  });
});

describe('layer transforms', () => {
  it('addLayer inserts at a position, copying the neighbour, and leaves the input untouched', () => {
    const d = base();
    const a = addLayer(d, 1);
    expect(a.hidden.map((l) => l.units)).toEqual([3, 3, 2]);
    expect(d.hidden).toHaveLength(2);
    expect(addLayer(d).hidden.map((l) => l.units)).toEqual([3, 2, 2]);
    expect(addLayer({ ...d, hidden: [] }).hidden).toEqual([{ units: 4, activation: 'relu', useBias: true }]);
  });

  it('removeLayer drops one layer; out of range is no change', () => {
    expect(removeLayer(base(), 0).hidden.map((l) => l.units)).toEqual([2]);
    const d = base();
    expect(removeLayer(d, 5)).toBe(d);
  });

  it('moveLayer swaps neighbours and stops at the ends', () => {
    expect(moveLayer(base(), 0, 1).hidden.map((l) => l.units)).toEqual([2, 3]);
    expect(moveLayer(base(), 1, -1).hidden.map((l) => l.units)).toEqual([2, 3]);
    const d = base();
    expect(moveLayer(d, 0, -1)).toBe(d);
    expect(moveLayer(d, 1, 1)).toBe(d);
  });

  it.each([[0, 1], [-3, 1], [5, 5], [2.6, 3], [5000, MAX_UNITS], [Number.NaN, 1]])('setUnits(%s) keeps %s units', (n, want) => {
    expect(setUnits(base(), 0, n).hidden[0]?.units).toBe(want);
  });

  it('setUnits cuts or pads per-unit activations with the layer activation', () => {
    const mixed = setUnitActivation(base(), 0, 2, 'sigmoid');
    expect(mixed.hidden[0]?.unitActivations).toEqual(['relu', 'relu', 'sigmoid']);
    expect(setUnits(mixed, 0, 4).hidden[0]?.unitActivations).toEqual(['relu', 'relu', 'sigmoid', 'relu']);
    // Cutting the only different unit makes the list redundant: it goes away.
    expect(setUnits(mixed, 0, 2).hidden[0]).toEqual({ units: 2, activation: 'relu', useBias: true });
  });

  it('setActivation sets every unit and clears per-unit choices', () => {
    const mixed = setUnitActivation(base(), 0, 0, 'linear');
    expect(setActivation(mixed, 0, 'elu').hidden[0]).toEqual({ units: 3, activation: 'elu', useBias: true });
  });

  it('setUnitActivation back to the layer activation removes the list; a bad unit is no change', () => {
    const mixed = setUnitActivation(base(), 1, 1, 'linear');
    expect(mixed.hidden[1]?.unitActivations).toEqual(['tanh', 'linear']);
    expect(setUnitActivation(mixed, 1, 1, 'tanh').hidden[1]?.unitActivations).toBeUndefined();
    expect(setUnitActivation(mixed, 1, 7, 'relu').hidden[1]).toEqual(mixed.hidden[1]);
  });

  it('bias, output and loss setters', () => {
    expect(setBias(base(), 1, true).hidden[1]?.useBias).toBe(true);
    expect(setOutputActivation(base(), 'sigmoid').output).toEqual({ activation: 'sigmoid', useBias: true });
    expect(setOutputBias(base(), false).output.useBias).toBe(false);
    expect(setLoss(base(), 'mse').loss).toBe('mse');
  });
});

describe('spec and parameter counts', () => {
  it('builds the spec with the data widths; output units follow the data', () => {
    const spec = toSpec(base(), shapeOf(base(), IRIS));
    expect(spec).toEqual({
      inputs: 4,
      layers: [
        { units: 3, activation: 'relu', useBias: true },
        { units: 2, activation: 'tanh', useBias: false },
        { units: 3, activation: 'softmax', useBias: true },
      ],
      loss: 'categorical-crossentropy',
    });
    // 4·3 + 3 = 15; 3·2 (no bias) = 6; 2·3 + 3 = 9.
    expect(layerParameters(spec)).toEqual([15, 6, 9]);
    expect(parameterCount(spec)).toBe(30);
  });

  it('the seed network has the article\'s 12 parameters (w1..w10, b1, b2)', () => {
    const seed = presetDraft('seed', IRIS);
    const spec = toSpec(seed, shapeOf(seed, IRIS));
    expect(spec).toEqual({
      inputs: 3,
      layers: [
        { units: 2, activation: 'sigmoid', unitActivations: ['sigmoid', 'linear'], useBias: false },
        { units: 2, activation: 'sigmoid', useBias: true },
      ],
      loss: 'half-sse',
    });
    expect(layerParameters(spec)).toEqual([6, 6]);
    expect(parameterCount(spec)).toBe(12);
  });

  it('the Playground preset: 4 tanh and 2 tanh, output from the task', () => {
    const d = presetDraft('playground', { inputs: 2, outputs: 1, task: 'classification' });
    const spec = toSpec(d, shapeOf(d, { inputs: 2, outputs: 1, task: 'classification' }));
    // 2·4+4 = 12; 4·2+2 = 10; 2·1+1 = 3.
    expect(layerParameters(spec)).toEqual([12, 10, 3]);
    expect(spec.layers[2]).toEqual({ units: 1, activation: 'sigmoid', useBias: true });
    expect(spec.loss).toBe('binary-crossentropy');
  });

  it('the default preset for iris: 8 ReLU, softmax over 3 classes', () => {
    const d = presetDraft('default', IRIS);
    expect(parameterCount(toSpec(d, shapeOf(d, IRIS)))).toBe(4 * 8 + 8 + 8 * 3 + 3);
  });

  it('without data the placeholder widths are 2 inputs and 1 output', () => {
    expect(shapeOf(base(), null)).toEqual({ inputs: 2, outputs: 1 });
  });

  it('reports the exact SpecError message of a softmax unit', () => {
    const d = setUnitActivation(base(), 0, 1, 'softmax');
    expect(specProblem(toSpec(d, shapeOf(d, IRIS)))).toBe(
      'layers[0].unitActivations[1]: softmax couples all units of a layer; set it as the layer\'s activation instead',
    );
    expect(specProblem(toSpec(base(), shapeOf(base(), IRIS)))).toBeNull();
  });

  it('a pinned shape that the data does not give is a mismatch', () => {
    const seed = presetDraft('seed', IRIS);
    expect(shapeMismatch(seed, IRIS)).toEqual({ source: 'seed', need: { inputs: 3, outputs: 2 }, data: { inputs: 4, outputs: 3 } });
    expect(shapeMismatch(seed, { inputs: 3, outputs: 2, task: 'regression' })).toBeNull();
    expect(shapeMismatch(seed, null)).toBeNull();
    expect(shapeMismatch(base(), IRIS)).toBeNull();
  });

  it('fromSpec reads a spec back into a draft with its widths pinned', () => {
    const spec = toSpec(base(), shapeOf(base(), IRIS));
    const d = fromSpec(spec);
    expect(d.fixed).toEqual({ inputs: 4, outputs: 3, source: 'model' });
    expect(toSpec(d, shapeOf(d, null))).toEqual(spec);
  });
});

describe('history', () => {
  it('undo and redo walk the states; a new edit clears redo', () => {
    let h = historyOf(base());
    h = record(h, addLayer(h.present));
    h = record(h, setUnits(h.present, 0, 7));
    expect(h.present.hidden.map((l) => l.units)).toEqual([7, 2, 2]);
    h = undo(h);
    expect(h.present.hidden.map((l) => l.units)).toEqual([3, 2, 2]);
    h = undo(h);
    expect(h.present.hidden.map((l) => l.units)).toEqual([3, 2]);
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present.hidden.map((l) => l.units)).toEqual([3, 2, 2]);
    expect(h.future).toHaveLength(1);
    h = record(h, removeLayer(h.present, 0));
    expect(h.future).toHaveLength(0);
    expect(redo(h)).toBe(h);
    expect(h.present.hidden.map((l) => l.units)).toEqual([2, 2]);
  });

  it('an edit that changes nothing is not recorded', () => {
    const h = historyOf(base());
    expect(record(h, h.present)).toBe(h);
  });

  it(`keeps at most ${HISTORY_LIMIT} past states`, () => {
    let h = historyOf(base());
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) h = record(h, setUnits(h.present, 0, (i % 50) + 1));
    expect(h.past).toHaveLength(HISTORY_LIMIT);
  });
});
