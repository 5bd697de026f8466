import { describe, expect, it } from 'vitest';
import { fromRows, zeros } from '../../../core/math/matrix';
import { createRng } from '../../../core/math/rng';
import { createModel } from '../../../core/nn/model';
import type { NetworkSpec } from '../../../core/nn/spec';
import type { TrainConfig } from '../../../core/train/config';
import { TrainError, divergenceMessage } from '../../../core/train/errors';
import { fit } from '../../../core/train/fit';
import { PauseGate } from '../../../core/train/pause';
import { randomMatrix } from '../../helpers/data';

const xor = { x: fromRows([[0, 0], [0, 1], [1, 0], [1, 1]]), y: fromRows([[0], [1], [1], [0]]) };
const xorSpec: NetworkSpec = { inputs: 2, layers: [{ units: 4, activation: 'sigmoid' }, { units: 1, activation: 'sigmoid' }], loss: 'mse' };

/** A clock that advances 1 ms per reading, so timings (and history) are reproducible. */
function fakeClock(): () => number {
  let t = 0;
  return () => t++;
}

describe('fit', () => {
  it('learns XOR with a 2-layer sigmoid network to loss < 0.01', async () => {
    const rng = createRng(42);
    const model = createModel(xorSpec, { rng });
    const result = await fit(model, { train: xor }, { epochs: 2000, batchSize: 4, optimizer: { kind: 'adam', learningRate: 0.05 }, metrics: ['accuracy'] }, {}, { rng });
    const final = result.history[result.history.length - 1]!;
    expect(model.loss(xor.x, xor.y)).toBeLessThan(0.01);
    expect(final.train.accuracy).toBe(1);
    expect(Array.from(model.predict(xor.x).data, (p) => (p > 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
  });

  it('gives bit-identical history and weights for the same seed and config', async () => {
    const run = async () => {
      const data = createRng(3);
      const x = randomMatrix(data, 200, 5);
      const y = zeros(200, 2);
      for (let r = 0; r < 200; r++) y.data[r * 2 + (x.data[r * 5]! + x.data[r * 5 + 1]! > 0 ? 1 : 0)] = 1;
      const rng = createRng(9);
      const model = createModel({ inputs: 5, layers: [{ units: 8, activation: 'tanh' }, { units: 2, activation: 'softmax' }], loss: 'categorical-crossentropy' }, { rng });
      const config: TrainConfig = { epochs: 5, batchSize: 16, optimizer: { kind: 'adam', learningRate: 0.01 }, metrics: ['accuracy'] };
      const result = await fit(model, { train: { x, y } }, config, {}, { rng, clock: fakeClock() });
      const bytes = model.getWeights().map((w) => Array.from(new Uint8Array(w.buffer, w.byteOffset, w.byteLength)));
      return { history: JSON.stringify(result.history), bytes };
    };
    const a = await run();
    const b = await run();
    expect(a.history).toBe(b.history);
    expect(a.bytes).toEqual(b.bytes);
  });

  it('stops an absurd learning rate with the divergence error and keeps the last good weights', async () => {
    const rng = createRng(5);
    const x = randomMatrix(rng, 64, 3, 1000);
    const y = randomMatrix(rng, 64, 1, 1000);
    const model = createModel({ inputs: 3, layers: [{ units: 4, activation: 'linear' }, { units: 1, activation: 'linear' }], loss: 'mse' }, { rng });
    let lastGood: Float32Array[] = model.getWeights();
    const run = fit(model, { train: { x, y } }, { epochs: 50, batchSize: 8, optimizer: { kind: 'sgd', learningRate: 1e6 } }, {
      onBatchEnd: () => { lastGood = model.getWeights(); },
    }, { rng });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainError);
    const e = error as TrainError;
    expect(e.code).toBe('diverged');
    expect(e.message).toBe(
      `Training diverged at epoch ${e.details!.epoch}, batch ${e.details!.batch}: the weights became NaN or infinite. ` +
      'The learning rate (1000000) is probably too high — try 100000 — or the inputs are not scaled (standardize them). ' +
      'The weights from before this batch were kept.');
    expect(model.getWeights()).toEqual(lastGood);
    expect(model.getWeights().every((w) => w.every(Number.isFinite))).toBe(true);
  });

  it('early stopping with patience restores the best epoch', async () => {
    const rng = createRng(8);
    const x = randomMatrix(rng, 40, 4);
    const y = randomMatrix(rng, 40, 1);
    const vx = randomMatrix(rng, 40, 4);
    const vy = randomMatrix(rng, 40, 1);
    const model = createModel({ inputs: 4, layers: [{ units: 32, activation: 'relu' }, { units: 1, activation: 'linear' }], loss: 'mse' }, { rng });
    let bestSeen: Float32Array[] = [];
    let bestLoss = Infinity;
    const result = await fit(model, { train: { x, y }, validation: { x: vx, y: vy } }, {
      epochs: 500, batchSize: 8, optimizer: { kind: 'adam', learningRate: 0.01 }, earlyStopping: { patience: 5 },
    }, {
      onEpochEnd: (log) => { if (log.validation!.loss! < bestLoss) { bestLoss = log.validation!.loss!; bestSeen = model.getWeights(); } },
    }, { rng });
    // Random targets cannot be predicted: validation loss must turn up and stop the run early.
    expect(result.stoppedEarly).toBe(true);
    expect(result.epochs).toBe(result.bestEpoch! + 5);
    expect(model.getWeights()).toEqual(bestSeen);
  });

  it('stops at once when aborted and resolves as cancelled', async () => {
    const rng = createRng(1);
    const model = createModel(xorSpec, { rng });
    const controller = new AbortController();
    let batches = 0;
    const result = await fit(model, { train: xor }, { epochs: 100, batchSize: 1, optimizer: { kind: 'sgd', learningRate: 0.1 } }, {
      onBatchEnd: (info) => { batches = info.samplesSeen; if (info.samplesSeen === 10) controller.abort(); },
    }, { rng, signal: controller.signal });
    expect(result.cancelled).toBe(true);
    expect(batches).toBe(10);
  });

  it('pauses between batches and resumes where it stopped', async () => {
    const rng = createRng(1);
    const model = createModel(xorSpec, { rng });
    const gate = new PauseGate();
    let seen = 0;
    const done = fit(model, { train: xor }, { epochs: 3, batchSize: 1, optimizer: { kind: 'sgd', learningRate: 0.1 } }, {
      onBatchEnd: (info) => { seen = info.samplesSeen; if (seen === 5) gate.pause(); },
    }, { rng, pause: gate });
    await new Promise((r) => setTimeout(r, 30));
    expect(seen).toBe(5);
    gate.resume();
    const result = await done;
    expect(seen).toBe(12);
    expect(result.epochs).toBe(3);
  });

  it.each([
    [{ epochs: 1.5 }, 'epochs must be a whole number ≥ 0, got 1.5'],
    [{ batchSize: 0 }, 'batch size must be a whole number ≥ 1, got 0'],
    [{ optimizer: { kind: 'sgd', learningRate: -1 } }, 'learning rate must be a finite number > 0, got -1'],
    [{ l2: -0.1 }, 'L2 penalty must be a finite number ≥ 0, got -0.1'],
    [{ earlyStopping: { patience: 0 } }, 'early-stopping patience must be a whole number ≥ 1, got 0'],
  ] as [Partial<TrainConfig>, string][])('rejects %j with "%s"', async (change, message) => {
    const rng = createRng(1);
    const model = createModel(xorSpec, { rng });
    const config: TrainConfig = { epochs: 1, batchSize: 4, optimizer: { kind: 'sgd', learningRate: 0.1 }, ...change };
    await expect(fit(model, { train: xor }, config, {}, { rng })).rejects.toThrow(new TrainError('invalid-config', message));
  });

  it('rejects data whose columns do not fit the network, naming both sizes', async () => {
    const rng = createRng(1);
    const model = createModel(xorSpec, { rng });
    const x = zeros(4, 3);
    await expect(fit(model, { train: { x, y: xor.y } }, { epochs: 1, batchSize: 4, optimizer: { kind: 'sgd', learningRate: 0.1 } }, {}, { rng }))
      .rejects.toThrow('the training data has 3 input columns, but the network takes 2');
  });
});

describe('divergence messages', () => {
  it.each([
    ['loss', 'the loss'], ['gradient', 'the gradient'], ['weights', 'the weights'],
  ] as const)('name what became non-finite (%s)', (what, subject) => {
    expect(divergenceMessage(what, 3, 17, 0.5)).toBe(
      `Training diverged at epoch 3, batch 17: ${subject} became NaN or infinite. The learning rate (0.5) is probably too high — try 0.05 — ` +
      'or the inputs are not scaled (standardize them). The weights from before this batch were kept.');
  });
});
