/**
 * The WebAssembly stepper (core/train/wasm-stepper.ts) against the
 * TypeScript one: the same `fit` on the same seed must give the same losses
 * and weights within float32 tolerance, for every loss, output activation,
 * optimizer and penalty the wasm stepper takes; everything else must fall
 * back to the TypeScript path. The oracle is the TS backend (itself checked
 * against finite differences and PyTorch elsewhere).
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Kernels } from '../../../core/math/kernels';
import { zeros, type Matrix } from '../../../core/math/matrix';
import { createRng } from '../../../core/math/rng';
import { tsKernels } from '../../../core/math/ts-kernels';
import { loadNodeKernels } from '../../../core/math/wasm-kernels.node';
import { createModel } from '../../../core/nn/model';
import type { Model } from '../../../core/nn/model-types';
import type { ActivationName, LossName, NetworkSpec } from '../../../core/nn/spec';
import type { OptimizerName } from '../../../core/optim/config';
import type { TrainConfig } from '../../../core/train/config';
import { TrainError, divergenceMessage } from '../../../core/train/errors';
import { fit, type FitResult } from '../../../core/train/fit';
import { PauseGate } from '../../../core/train/pause';
import { createWasmStepper, pinTrainingRows, unpinTrainingRows, wasmStepperUnsupported } from '../../../core/train/wasm-stepper';
import { randomMatrix } from '../../helpers/data';

const single = loadNodeKernels({ threads: 1 });
const wasm = single.kernels;
afterAll(() => wasm.dispose?.());

interface Case {
  name: string;
  hidden: ActivationName;
  output: ActivationName;
  loss: LossName;
  optimizer: OptimizerName;
  extra?: Partial<TrainConfig>;
  bias?: boolean;
}

/** Regression or classification targets for the case's loss. */
function dataFor(c: Case, rows: number, inputs: number, outputs: number, seed: number): { x: Matrix; y: Matrix } {
  const rng = createRng(seed);
  const x = randomMatrix(rng, rows, inputs);
  const y = zeros(rows, outputs);
  for (let r = 0; r < rows; r++) {
    const s = x.data[r * inputs]! - 0.5 * x.data[r * inputs + 1]!;
    for (let j = 0; j < outputs; j++) {
      if (c.loss === 'categorical-crossentropy') y.data[r * outputs + j] = (s > 0 ? 1 : 0) === j % 2 ? 1 : 0;
      else if (c.loss === 'binary-crossentropy') y.data[r * outputs + j] = s + 0.1 * j > 0 ? 1 : 0;
      else y.data[r * outputs + j] = c.output === 'sigmoid' ? 1 / (1 + Math.exp(-s - j)) : s * (j + 1);
    }
  }
  return { x, y };
}

async function train(kernels: Kernels, c: Case, epochs = 4): Promise<{ result: FitResult; model: Model }> {
  const inputs = 6, outputs = c.output === 'softmax' ? 3 : 2;
  const spec: NetworkSpec = {
    inputs,
    layers: [
      { units: 9, activation: c.hidden, useBias: c.bias !== false },
      { units: 5, activation: c.hidden },
      { units: outputs, activation: c.output },
    ],
    loss: c.loss,
  };
  const data = dataFor(c, 101, inputs, outputs, 7); // 101 rows: the last batch is short
  const validation = dataFor(c, 40, inputs, outputs, 8);
  const rng = createRng(11);
  const model = createModel(spec, { rng, kernels });
  const lr = c.optimizer === 'sgd' || c.optimizer === 'momentum' || c.optimizer === 'nesterov' ? 0.05 : 0.01;
  const config: TrainConfig = { epochs, batchSize: 16, optimizer: { kind: c.optimizer, learningRate: lr }, metrics: ['accuracy', 'mae'], ...c.extra };
  const result = await fit(model, { train: data, validation }, config, {}, { rng });
  return { result, model };
}

/** |a − b| ≤ 2e-4·(1 + |b|): float32 training for a few epochs drifts by rounding only. */
function expectNear(got: number, want: number, what: string): void {
  expect(Math.abs(got - want), `${what}: wasm ${got}, ts ${want}`).toBeLessThanOrEqual(2e-4 * (1 + Math.abs(want)));
}

async function expectSameTraining(c: Case): Promise<void> {
  const ts = await train(tsKernels, c);
  const w = await train(wasm, c);
  expect(w.result.epochs).toBe(ts.result.epochs);
  w.result.history.forEach((log, i) => {
    const ref = ts.result.history[i]!;
    expectNear(log.train.loss!, ref.train.loss!, `epoch ${i + 1} loss`);
    expectNear(log.validation!.loss!, ref.validation!.loss!, `epoch ${i + 1} val_loss`);
    expectNear(log.train.mae!, ref.train.mae!, `epoch ${i + 1} mae`);
  });
  const a = w.model.getWeights(), b = ts.model.getWeights();
  a.forEach((arr, i) => arr.forEach((v, j) => expectNear(v, b[i]![j]!, `weight ${i}[${j}]`)));
  // The gradients of the last batch are synced back too.
  w.model.grads.forEach((g, l) => g.w.forEach((v, j) => expectNear(v, ts.model.grads[l]!.w[j]!, `grad ${l}[${j}]`)));
}

const CASES: Case[] = [
  { name: 'relu + softmax, categorical cross-entropy, Adam', hidden: 'relu', output: 'softmax', loss: 'categorical-crossentropy', optimizer: 'adam' },
  { name: 'tanh + sigmoid, binary cross-entropy, SGD', hidden: 'tanh', output: 'sigmoid', loss: 'binary-crossentropy', optimizer: 'sgd' },
  { name: 'leaky-relu + linear, mse, momentum', hidden: 'leaky-relu', output: 'linear', loss: 'mse', optimizer: 'momentum' },
  { name: 'elu + tanh output, mse, nesterov', hidden: 'elu', output: 'tanh', loss: 'mse', optimizer: 'nesterov' },
  { name: 'sigmoid + sigmoid output, half-sse, RMSprop', hidden: 'sigmoid', output: 'sigmoid', loss: 'half-sse', optimizer: 'rmsprop' },
  { name: 'relu + linear, mae, AdamW', hidden: 'relu', output: 'linear', loss: 'mae', optimizer: 'adamw' },
  { name: 'tanh + linear, huber, Adam', hidden: 'tanh', output: 'linear', loss: 'huber', optimizer: 'adam' },
  { name: 'relu + relu output, mse, SGD, no bias in layer 1', hidden: 'relu', output: 'relu', loss: 'mse', optimizer: 'sgd', bias: false },
  { name: 'L1 + L2 penalties', hidden: 'relu', output: 'softmax', loss: 'categorical-crossentropy', optimizer: 'sgd', extra: { l1: 1e-3, l2: 1e-2 } },
  { name: 'gradient clipping (norm 0.05, always active)', hidden: 'tanh', output: 'linear', loss: 'mse', optimizer: 'momentum', extra: { clipNorm: 0.05 } },
  { name: 'a cosine schedule', hidden: 'relu', output: 'softmax', loss: 'categorical-crossentropy', optimizer: 'adam', extra: { schedule: { kind: 'cosine' } } },
];

describe('the wasm stepper trains as the TypeScript one does', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      expect(wasmStepperUnsupported(createModel({ inputs: 6, layers: [{ units: 2, activation: c.hidden }, { units: 2, activation: c.output }], loss: c.loss }, { rng: createRng(1), kernels: wasm }))).toBeNull();
      await expectSameTraining(c);
    });
  }

  it('restores the best epoch with early stopping, as the TS path does', async () => {
    const c: Case = { name: 'es', hidden: 'relu', output: 'softmax', loss: 'categorical-crossentropy', optimizer: 'sgd', extra: { epochs: 30, earlyStopping: { patience: 2, minDelta: 1e9 } } };
    const ts = await train(tsKernels, c, 30);
    const w = await train(wasm, c, 30);
    expect(w.result.stoppedEarly).toBe(true);
    expect(w.result.bestEpoch).toBe(ts.result.bestEpoch);
    expect(w.result.epochs).toBe(ts.result.epochs);
    const a = w.model.getWeights(), b = ts.model.getWeights();
    a.forEach((arr, i) => arr.forEach((v, j) => expectNear(v, b[i]![j]!, `weight ${i}[${j}]`)));
  });

  it('gathers rows from JS arrays when the training set is too large to copy into wasm memory', async () => {
    const c: Case = { name: 'big', hidden: 'relu', output: 'softmax', loss: 'categorical-crossentropy', optimizer: 'adam' };
    const data = dataFor(c, 50, 6, 3, 3);
    const config: TrainConfig = { epochs: 1, batchSize: 8, optimizer: { kind: 'adam', learningRate: 0.01 } };
    const spec: NetworkSpec = { inputs: 6, layers: [{ units: 4, activation: 'relu' }, { units: 3, activation: 'softmax' }], loss: 'categorical-crossentropy' };
    const run = (limit: number): number[] => {
      const model = createModel(spec, { rng: createRng(2), kernels: wasm });
      const stepper = createWasmStepper(model, wasm.wasm!, { train: data }, config, 8, limit)!;
      const order = new Uint32Array(50).map((_, i) => (i * 17) % 50);
      stepper.beginEpoch(order);
      const losses = [0, 8, 16, 24, 32, 40, 48].map((r0, b) => stepper.step(r0, Math.min(8, 50 - r0), 0.01, 1, b + 1));
      stepper.dispose();
      return losses;
    };
    const resident = run(1 << 30), streamed = run(0);
    expect(streamed).toEqual(resident);
  });
});

describe('the wasm stepper around the rest of fit', () => {
  it('names why a network trains on the TypeScript path, and trains it there', async () => {
    const rng = createRng(3);
    const mixed = createModel({ inputs: 2, layers: [{ units: 2, activation: 'relu', unitActivations: ['relu', 'tanh'] }, { units: 1, activation: 'linear' }], loss: 'mse' }, { rng, kernels: wasm });
    expect(wasmStepperUnsupported(mixed)).toBe('layer 1 mixes activations');
    const hiddenSoftmax = createModel({ inputs: 2, layers: [{ units: 2, activation: 'softmax' }, { units: 1, activation: 'linear' }], loss: 'mse' }, { rng, kernels: wasm });
    expect(wasmStepperUnsupported(hiddenSoftmax)).toBe('layer 1 is a hidden softmax');
    const unfusedCe = createModel({ inputs: 2, layers: [{ units: 2, activation: 'sigmoid' }], loss: 'categorical-crossentropy' }, { rng, kernels: wasm });
    expect(wasmStepperUnsupported(unfusedCe)).toBe('categorical-crossentropy without its fused output activation');
    const softmaxMse = createModel({ inputs: 2, layers: [{ units: 2, activation: 'softmax' }], loss: 'mse' }, { rng, kernels: wasm });
    expect(wasmStepperUnsupported(softmaxMse)).toBe('softmax output with mse');
    // The fallback trains (through the copying kernels) and reduces the loss.
    const x = randomMatrix(rng, 32, 2), y = zeros(32, 1);
    for (let r = 0; r < 32; r++) y.data[r] = x.data[r * 2]! - x.data[r * 2 + 1]!;
    const before = mixed.loss(x, y);
    await fit(mixed, { train: { x, y } }, { epochs: 30, batchSize: 8, optimizer: { kind: 'adam', learningRate: 0.02 } }, {}, { rng });
    expect(mixed.loss(x, y)).toBeLessThan(before);
  });

  it('stops a diverging run with the exact message and keeps the weights from before the bad batch', async () => {
    const rng = createRng(5);
    const x = randomMatrix(rng, 64, 3, 1000);
    const y = randomMatrix(rng, 64, 1, 1000);
    const model = createModel({ inputs: 3, layers: [{ units: 4, activation: 'linear' }, { units: 1, activation: 'linear' }], loss: 'mse' }, { rng, kernels: wasm });
    let lastGood: Float32Array[] = model.getWeights();
    const error = await fit(model, { train: { x, y } }, { epochs: 50, batchSize: 8, optimizer: { kind: 'sgd', learningRate: 1e6 } }, {
      onBatchEnd: () => { lastGood = model.getWeights(); },
    }, { rng }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainError);
    const { epoch, batch } = (error as TrainError).details as { epoch: number; batch: number };
    const what = (error as TrainError).message.includes('loss') ? 'loss' : (error as TrainError).message.includes('gradient') ? 'gradient' : 'weights';
    expect((error as TrainError).message).toBe(divergenceMessage(what, epoch, batch, 1e6));
    model.getWeights().forEach((w, i) => {
      expect(w.every(Number.isFinite)).toBe(true);
      expect(Array.from(w)).toEqual(Array.from(lastGood[i]!));
    });
  });

  it('continues from a weight edited while paused', async () => {
    const rng = createRng(6);
    const x = randomMatrix(rng, 40, 2), y = zeros(40, 1);
    for (let r = 0; r < 40; r++) y.data[r] = x.data[r * 2]!;
    const model = createModel({ inputs: 2, layers: [{ units: 1, activation: 'linear' }], loss: 'mse' }, { rng, kernels: wasm });
    const gate = new PauseGate();
    gate.pause();
    let batches = 0;
    const run = fit(model, { train: { x, y } }, { epochs: 1, batchSize: 40, optimizer: { kind: 'sgd', learningRate: 0.1 }, shuffle: false }, {
      onBatchEnd: () => { batches++; },
    }, { rng, pause: gate });
    await new Promise((r) => setTimeout(r, 10));
    expect(batches).toBe(0);
    // Edit the weights while paused: w = [5, 0], b = 0. One SGD step from there is computable by hand.
    model.params[0]!.w.set([5, 0]);
    model.params[0]!.b!.set([0]);
    gate.resume();
    await run;
    // mse = mean((5·x0 − x0)²) ⇒ ∂/∂w0 = mean(2·4·x0²), ∂/∂w1 = mean(2·4·x0·x1), ∂/∂b = mean(2·4·x0).
    let g0 = 0, g1 = 0, gb = 0;
    for (let r = 0; r < 40; r++) {
      const x0 = x.data[r * 2]!, x1 = x.data[r * 2 + 1]!;
      g0 += 8 * x0 * x0; g1 += 8 * x0 * x1; gb += 8 * x0;
    }
    expectNear(model.params[0]!.w[0]!, 5 - 0.1 * (g0 / 40), 'w0');
    expectNear(model.params[0]!.w[1]!, -0.1 * (g1 / 40), 'w1');
    expectNear(model.params[0]!.b![0]!, -0.1 * (gb / 40), 'b');
  });

  it('releases its wasm memory after every run, finished, cancelled or failed', async () => {
    const heap = wasm.wasm!.heap;
    const before = heap.bytesInUse;
    const rng = createRng(8);
    const x = randomMatrix(rng, 64, 4), y = randomMatrix(rng, 64, 1);
    const spec: NetworkSpec = { inputs: 4, layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'linear' }], loss: 'mse' };
    await fit(createModel(spec, { rng, kernels: wasm }), { train: { x, y } }, { epochs: 2, batchSize: 8, optimizer: { kind: 'adam', learningRate: 0.01 } }, {}, { rng });
    expect(heap.bytesInUse).toBe(before);
    const abort = new AbortController();
    abort.abort();
    const cancelled = await fit(createModel(spec, { rng, kernels: wasm }), { train: { x, y } }, { epochs: 2, batchSize: 8, optimizer: { kind: 'adam', learningRate: 0.01 } }, {}, { rng, signal: abort.signal });
    expect(cancelled.cancelled).toBe(true);
    expect(heap.bytesInUse).toBe(before);
    await fit(createModel(spec, { rng, kernels: wasm }), { train: { x: randomMatrix(rng, 64, 4, 1e3), y: randomMatrix(rng, 64, 1, 1e3) } }, { epochs: 2, batchSize: 8, optimizer: { kind: 'sgd', learningRate: 1e9 } }, {}, { rng }).catch(() => undefined);
    expect(heap.bytesInUse).toBe(before);
  });
});

describe('the weight gradient behind a ReLU', () => {
  const spec: NetworkSpec = { inputs: 64, layers: [{ units: 12, activation: 'relu' }, { units: 3, activation: 'softmax' }], loss: 'categorical-crossentropy' };

  /**
   * One epoch of 130 batches of 4 rows on `model` (wasm), checked against the
   * TS stepper from the same weights; returns how many batches took the
   * zero-skipping dW product.
   */
  async function zeroSkippingBatches(model: Model, x: Matrix): Promise<number> {
    const y = zeros(x.rows, 3);
    for (let r = 0; r < x.rows; r++) y.data[r * 3 + (r % 3)] = 1;
    const config: TrainConfig = { epochs: 1, batchSize: 4, optimizer: { kind: 'sgd', learningRate: 1e-3 } };
    const reference = createModel(spec, { rng: createRng(9), kernels: tsKernels });
    reference.setWeights(model.getWeights());
    const sparse = vi.spyOn(wasm.wasm!, 'gemmSparseTA');
    try {
      const a = await fit(model, { train: { x, y } }, config, {}, { rng: createRng(1) });
      const b = await fit(reference, { train: { x, y } }, config, {}, { rng: createRng(1) });
      expectNear(a.history[0]!.train.loss!, b.history[0]!.train.loss!, 'loss');
      const want = reference.getWeights();
      model.getWeights().forEach((arr, i) => arr.forEach((v, j) => expectNear(v, want[i]![j]!, `weight ${i}[${j}]`)));
      return sparse.mock.calls.length;
    } finally {
      sparse.mockRestore();
    }
  }

  it('skips δ\'s zeros while about half the hidden units are off', async () => {
    const model = createModel(spec, { rng: createRng(9), kernels: wasm });
    expect(await zeroSkippingBatches(model, randomMatrix(createRng(2), 520, 64))).toBe(130);
  });

  it('goes back to the dense product while δ has no zeros, and tries again 64 batches later', async () => {
    // Positive inputs and first-layer weights: every hidden unit is on for every row.
    const x = randomMatrix(createRng(2), 520, 64);
    x.data.forEach((v, i) => { x.data[i] = 1 + Math.abs(v); });
    const model = createModel(spec, { rng: createRng(9), kernels: wasm });
    const w = model.params[0]!.w;
    w.forEach((v, i) => { w[i] = Math.abs(v); });
    // Batch 1 finds δ too dense; 2–65 dense; 66 too dense again; 67–130 dense.
    expect(await zeroSkippingBatches(model, x)).toBe(2);
  });

  it('stays dense in layers with fewer than 64 inputs, where listing the zeros costs more than skipping them saves', async () => {
    const narrow: NetworkSpec = { ...spec, inputs: 63 };
    const model = createModel(narrow, { rng: createRng(9), kernels: wasm });
    const sparse = vi.spyOn(wasm.wasm!, 'gemmSparseTA');
    try {
      const x = randomMatrix(createRng(2), 40, 63), y = zeros(40, 3);
      await fit(model, { train: { x, y } }, { epochs: 1, batchSize: 4, optimizer: { kind: 'sgd', learningRate: 1e-3 } }, {}, { rng: createRng(1) });
      expect(sparse).not.toHaveBeenCalled();
    } finally {
      sparse.mockRestore();
    }
  });
});

describe('training rows pinned in wasm memory', () => {
  it('train as copied rows do, without copying them again, and are released on unpin', async () => {
    const c: Case = { name: 'pin', hidden: 'relu', output: 'softmax', loss: 'categorical-crossentropy', optimizer: 'adam' };
    const data = { train: dataFor(c, 200, 6, 3, 3) };
    const spec: NetworkSpec = { inputs: 6, layers: [{ units: 7, activation: 'relu' }, { units: 3, activation: 'softmax' }], loss: 'categorical-crossentropy' };
    const config: TrainConfig = { epochs: 3, batchSize: 16, optimizer: { kind: 'adam', learningRate: 0.01 } };
    const res = wasm.wasm!;
    const heap = res.heap;
    const train = async (): Promise<{ losses: number[]; peak: number }> => {
      const model = createModel(spec, { rng: createRng(2), kernels: wasm });
      let peak = 0;
      const result = await fit(model, data, config, { onBatchEnd: () => { peak = Math.max(peak, heap.bytesInUse); } }, { rng: createRng(3) });
      return { losses: result.history.map((h) => h.train.loss!), peak };
    };
    const before = heap.bytesInUse;
    const copied = await train();
    expect(pinTrainingRows(res, data)).toBe(true);
    const rowBytes = (data.train.x.data.length + data.train.y.data.length) * 4;
    expect(heap.bytesInUse - before).toBeGreaterThanOrEqual(rowBytes);
    expect(res.pinned(data.train.x.data)).not.toBeNull();
    const pinned = await train();
    expect(pinned.losses).toEqual(copied.losses);
    // The run itself allocated no room for the rows.
    expect(pinned.peak - (heap.bytesInUse - before)).toBeLessThan(copied.peak - rowBytes + 1);
    unpinTrainingRows(res, data);
    expect(res.pinned(data.train.x.data)).toBeNull();
    expect(heap.bytesInUse).toBe(before);
  });

  it('are not pinned above the resident limit', () => {
    const data = { train: { x: zeros(10, 4), y: zeros(10, 1) } };
    expect(pinTrainingRows(wasm.wasm!, data, 199)).toBe(false);
    expect(wasm.wasm!.pinned(data.train.x.data)).toBeNull();
    expect(pinTrainingRows(wasm.wasm!, data, 200)).toBe(true);
    unpinTrainingRows(wasm.wasm!, data);
  });
});

describe('the wasm stepper on two threads', () => {
  it('trains as on one thread when every product is split', async () => {
    const multi = loadNodeKernels({ threads: 2, parallelMacs: 1 });
    try {
      const res = multi.kernels.wasm!;
      for (let i = 0; i < 300 && res.threads < 2; i++) await new Promise((r) => setTimeout(r, 10));
      expect(res.threads).toBe(2);
      const c: Case = { name: 'mt', hidden: 'relu', output: 'softmax', loss: 'categorical-crossentropy', optimizer: 'adam' };
      const one = await train(wasm, c);
      const two = await train(multi.kernels, c);
      two.result.history.forEach((log, i) => expectNear(log.train.loss!, one.result.history[i]!.train.loss!, `epoch ${i + 1}`));
    } finally {
      multi.kernels.dispose?.();
    }
  });
});
