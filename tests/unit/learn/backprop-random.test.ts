import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matrixOf } from '../../../core/math/matrix';
import { createRng } from '../../../core/math/rng';
import { forwardTrace, listParameters, parameterGradient } from '../../../core/learn/backprop';
import { batchGradients, finiteDifference, gradientAgreement, meanLoss, stepByHand, type Example } from '../../../core/learn/backprop-batch';
import type { LayerArrays } from '../../../core/learn/backprop-types';
import { createModel } from '../../../core/nn/model';
import type { ActivationName, LayerSpec, LossName, NetworkSpec } from '../../../core/nn/spec';
import { expectClose } from '../../helpers/close';

const ACTS: ActivationName[] = ['sigmoid', 'tanh', 'linear', 'relu', 'leaky-relu', 'elu'];
const value = fc.double({ min: -1.5, max: 1.5, noNaN: true, noDefaultInfinity: true });

/** A random small network (1–3 layers of 1–3 units), per-layer or per-unit activations, biases or not, with weights. */
interface Case {
  spec: NetworkSpec;
  weights: LayerArrays[];
  examples: Example[];
}

function caseArb(losses: readonly LossName[], outputActivation?: ActivationName): fc.Arbitrary<Case> {
  return fc.record({
    inputs: fc.integer({ min: 1, max: 3 }),
    layers: fc.array(fc.record({
      units: fc.integer({ min: 1, max: 3 }),
      acts: fc.array(fc.constantFrom(...ACTS), { minLength: 3, maxLength: 3 }),
      perUnit: fc.boolean(),
      useBias: fc.boolean(),
    }), { minLength: 1, maxLength: 3 }),
    loss: fc.constantFrom(...losses),
    seed: fc.integer(),
    batch: fc.integer({ min: 1, max: 3 }),
  }).chain(({ inputs, layers, loss, seed, batch }) => {
    const last = layers.length - 1;
    const specLayers: LayerSpec[] = layers.map((l, i) => {
      const activation = i === last && outputActivation ? outputActivation : l.acts[0]!;
      const per = !(i === last && outputActivation) && l.perUnit ? l.acts.slice(0, l.units) : undefined;
      return { units: l.units, activation, ...(per ? { unitActivations: per } : {}), useBias: l.useBias };
    });
    const spec: NetworkSpec = { inputs, layers: specLayers, loss };
    const rng = createRng(seed);
    let fanIn = inputs;
    const weights = specLayers.map((l) => {
      const w = Array.from({ length: fanIn * l.units }, () => rng.uniform(-1.2, 1.2));
      fanIn = l.units;
      return { w, b: l.useBias ? Array.from({ length: l.units }, () => rng.uniform(-0.5, 0.5)) : null };
    });
    const outputs = fanIn;
    return fc.array(fc.record({
      input: fc.array(value, { minLength: inputs, maxLength: inputs }),
      target: outputActivation === 'softmax'
        ? fc.integer({ min: 0, max: outputs - 1 }).map((k) => Array.from({ length: outputs }, (_, j) => (j === k ? 1 : 0)))
        : fc.array(fc.double({ min: 0.05, max: 0.95, noNaN: true }), { minLength: outputs, maxLength: outputs }),
    }), { minLength: batch, maxLength: batch }).map((examples) => ({ spec, weights, examples }));
  });
}

/** The library's gradients of the mean loss over the examples, flattened in `listParameters` order. */
function libraryGradients(c: Case): number[] {
  const spec: NetworkSpec = {
    ...c.spec,
    layers: c.spec.layers.map((l, i) => ({
      ...l,
      kernelInitializer: { kind: 'given', values: c.weights[i]!.w },
      ...(c.weights[i]!.b ? { biasInitializer: { kind: 'given', values: c.weights[i]!.b! } } : {}),
    })),
  };
  const model = createModel(spec, { rng: createRng(1) });
  const n = c.examples.length;
  const x = matrixOf(n, spec.inputs, new Float32Array(c.examples.flatMap((e) => e.input)));
  const y = matrixOf(n, c.examples[0]!.target.length, new Float32Array(c.examples.flatMap((e) => e.target)));
  model.lossAndGradients(x, y);
  return model.grads.flatMap((g) => [...g.w, ...(g.b ?? [])]);
}

/** No unit of the ReLU family sits within `margin` of its kink, where derivatives (and differences) jump. */
function awayFromKinks(c: Case, margin: number): boolean {
  return c.examples.every((ex) => {
    const t = forwardTrace(c.spec, c.weights, ex.input, ex.target);
    return t.u.every((row, l) => row.every((u, j) => !['relu', 'leaky-relu'].includes(t.activations[l]![j]!) || Math.abs(u) > margin));
  });
}

/** Library flattening puts a layer's kernel then its bias; so does `listParameters`. */
const flatIndex = (spec: NetworkSpec): Map<string, number> => new Map(listParameters(spec).map((p, k) => [`${p.layer}${p.kind}${p.from ?? ''}:${p.to}`, k]));

describe('the sum over paths equals backpropagation, the library and finite differences', () => {
  it('for random networks with half-sse / mse, per-layer and per-unit activations, with and without biases', () => {
    fc.assert(fc.property(caseArb(['half-sse', 'mse']), (c) => {
      fc.pre(awayFromKinks(c, 1e-3));
      const ex = c.examples[0]!;
      const trace = forwardTrace(c.spec, c.weights, ex.input, ex.target);
      const lib = libraryGradients({ ...c, examples: [ex] });
      const index = flatIndex(c.spec);
      for (const p of listParameters(c.spec)) {
        const g = parameterGradient(trace, p);
        expectClose(g.pathSum, g.value, 1e-12, 1e-9);
        expect(gradientAgreement(g.pathSum, lib[index.get(`${p.layer}${p.kind}${p.from ?? ''}:${p.to}`)!]!).agree).toBe(true);
        const fd = finiteDifference(c.spec, c.weights, ex.input, ex.target, p, 1e-6);
        expect(gradientAgreement(g.pathSum, fd, 1e-5).agree).toBe(true);
      }
    }), { numRuns: 150, seed: 2024 });
  });

  it.each([
    ['sigmoid', 'binary-crossentropy'],
    ['softmax', 'categorical-crossentropy'],
    ['softmax', 'half-sse'],
  ] as const)('with a %s output and %s', (act, loss) => {
    fc.assert(fc.property(caseArb([loss], act), (c) => {
      fc.pre(awayFromKinks(c, 1e-3));
      const ex = c.examples[0]!;
      const trace = forwardTrace(c.spec, c.weights, ex.input, ex.target);
      const lib = libraryGradients({ ...c, examples: [ex] });
      listParameters(c.spec).forEach((p, k) => {
        const g = parameterGradient(trace, p);
        expectClose(g.pathSum, g.value, 1e-12, 1e-9);
        expect(gradientAgreement(g.pathSum, lib[k]!).agree).toBe(true);
        expect(gradientAgreement(g.pathSum, finiteDifference(c.spec, c.weights, ex.input, ex.target, p, 1e-6), 1e-5).agree).toBe(true);
      });
    }), { numRuns: 60, seed: 11 });
  });

  it('the batch average of per-example gradients is the library\'s gradient of the mean loss', () => {
    fc.assert(fc.property(caseArb(['half-sse', 'mse']), (c) => {
      fc.pre(awayFromKinks(c, 1e-3));
      const batch = batchGradients(c.spec, c.weights, c.examples);
      const lib = libraryGradients(c);
      const ours = batch.mean.flatMap((g) => [...g.w, ...(g.b ?? [])]);
      ours.forEach((v, k) => expect(gradientAgreement(v, lib[k]!).agree).toBe(true));
      expectClose(batch.meanLoss, meanLoss(c.spec, c.weights, c.examples), 1e-15);
      expect(batch.perExample).toHaveLength(c.examples.length);
    }), { numRuns: 80, seed: 5 });
  });
});

describe('stepByHand: w ← w − η·∂L/∂w', () => {
  const spec: NetworkSpec = { inputs: 2, layers: [{ units: 2, activation: 'tanh' }, { units: 1, activation: 'linear' }], loss: 'half-sse' };
  const weights = [{ w: [0.5, -0.3, 0.8, 0.2], b: [0.1, -0.1] }, { w: [0.7, -0.6], b: [0.05] }];
  const examples = [{ input: [1, 2], target: [0.5] }, { input: [-1, 0.5], target: [-0.2] }];
  const grads = batchGradients(spec, weights, examples).mean;

  it('updates every parameter and lowers the mean loss for a small rate', () => {
    const r = stepByHand({ spec, weights, grads, rate: 0.1, which: 'all', examples });
    expect(r.changes).toHaveLength(9);
    r.changes.forEach((c) => expectClose(c.after, c.before - 0.1 * c.gradient, 1e-15));
    expect(r.lossAfter).toBeLessThan(r.lossBefore);
    expect(weights[0]!.w).toEqual([0.5, -0.3, 0.8, 0.2]);
  });

  it('updates one parameter only', () => {
    const p = { layer: 1, kind: 'b', to: 0 } as const;
    const r = stepByHand({ spec, weights, grads, rate: 0.5, which: p, examples });
    expect(r.changes).toEqual([{ param: p, before: 0.05, gradient: grads[1]!.b![0], after: 0.05 - 0.5 * grads[1]!.b![0]! }]);
    expect(r.weights[1]!.b).toEqual([0.05 - 0.5 * grads[1]!.b![0]!]);
    expect(r.weights[0]).toEqual({ w: [0.5, -0.3, 0.8, 0.2], b: [0.1, -0.1] });
  });
});

describe('errors name the problem', () => {
  const spec: NetworkSpec = { inputs: 2, layers: [{ units: 1, activation: 'sigmoid', useBias: false }], loss: 'mse' };
  const weights = [{ w: [0.1, 0.2], b: null }];
  it.each([
    [() => forwardTrace(spec, weights, [1], [0]), 'the input has 1 values, but the network takes 2'],
    [() => forwardTrace(spec, weights, [1, 2], [0, 1]), 'the target has 2 values, but the network has 1 outputs'],
    [() => forwardTrace(spec, [{ w: [0.1], b: null }], [1, 2], [0]), 'layer 0: kernel has 1 values, expected 2×1'],
    [() => forwardTrace(spec, [{ w: [0.1, 0.2], b: [0] }], [1, 2], [0]), 'layer 0: bias not expected (useBias: false)'],
    [() => parameterGradient(forwardTrace(spec, weights, [1, 2], [0]), { layer: 0, kind: 'b', to: 0 }), 'layer 0 has no bias (useBias: false)'],
    [() => parameterGradient(forwardTrace(spec, weights, [1, 2], [0]), { layer: 0, kind: 'w', from: 5, to: 0 }), 'a weight of layer 0 needs "from" in 0..1'],
    [() => parameterGradient(forwardTrace(spec, weights, [1, 2], [0]), { layer: 3, kind: 'w', from: 0, to: 0 }), 'layer 3 does not exist (the network has 1)'],
    [() => batchGradients(spec, weights, []), 'a batch needs at least one example'],
  ])('%#: %s', (run, message) => {
    expect(run).toThrow(message);
  });

  it('refuses to list more paths than can be drawn', () => {
    const wide: NetworkSpec = { inputs: 1, layers: [{ units: 1, activation: 'tanh' }, ...new Array(4).fill({ units: 9, activation: 'tanh' })], loss: 'mse' };
    let fanIn = 1;
    const w = wide.layers.map((l) => { const r = { w: new Array<number>(fanIn * l.units).fill(0.1), b: new Array<number>(l.units).fill(0) }; fanIn = l.units; return r; });
    const trace = forwardTrace(wide, w, [1], new Array(9).fill(0));
    expect(() => parameterGradient(trace, { layer: 0, kind: 'b', to: 0 })).toThrow('this parameter has 6561 chain-rule paths; at most 4096 can be listed');
  });
});
