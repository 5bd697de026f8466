import { matrixOf, type Matrix } from '../math/matrix';
import type { Rng } from '../math/rng';
import type { Model } from '../nn/model-types';
import { createOptimizer, type ParamSlot } from '../optim/optimizers';
import { scheduledRate } from '../optim/schedules';
import type { EpochLog, MetricValues, TrainConfig } from './config';
import type { TrainData } from './data-types';
import { checkFitInputs } from './fit-checks';
import { TrainError, divergenceMessage } from './errors';
import { evaluate } from './evaluate';
import { MetricAccumulator } from './metrics';
import type { PauseGate } from './pause';
import { applyPenalties, clipByGlobalNorm } from './penalties';
import { fastYield } from './yield';

/** What a batch callback learns. */
export interface BatchInfo {
  epoch: number;
  /** 1-based batch index within the epoch. */
  batch: number;
  batches: number;
  /** Mean loss of this batch (with penalties). */
  loss: number;
  /** Samples processed since `fit` started. */
  samplesSeen: number;
  /** The batch ran as one step of a paused run (reported even when callbacks are throttled). */
  stepped: boolean;
}

export interface FitCallbacks {
  onBatchEnd?(info: BatchInfo): void;
  onEpochEnd?(log: EpochLog): void;
  /** Call `onBatchEnd` at most once per this many clock milliseconds (default 0: every batch). */
  batchIntervalMs?: number;
}

export interface FitOptions {
  /** Shuffles the rows each epoch. */
  rng: Rng;
  /** Milliseconds, monotonic (default `performance.now`). */
  clock?: () => number;
  /** Aborting stops before the next batch; `fit` then resolves with `cancelled: true`. */
  signal?: AbortSignal;
  /** Pauses between batches (and steps one batch at a time while paused). */
  pause?: PauseGate;
  /**
   * The base learning rate, read before every batch, so a run can change it
   * while paused (the schedule still applies on top); default the config's.
   */
  learningRate?: { current: number };
  /** Yield to the event loop at least this often so pause/stop messages arrive (default 50 ms). */
  yieldEveryMs?: number;
  /** How to yield (default `fastYield()`: setImmediate or a MessageChannel round trip). */
  yieldToEventLoop?: () => Promise<void>;
}

export interface FitResult {
  history: EpochLog[];
  /** Epochs completed. */
  epochs: number;
  stoppedEarly: boolean;
  cancelled: boolean;
  /** The epoch whose weights the model holds when early stopping restored the best. */
  bestEpoch?: number;
}

const defaultClock = (): number => globalThis.performance.now();

/**
 * Trains `model` in place with mini-batch gradient descent: for each epoch,
 * (shuffled) batches of `batchSize` rows; per batch, forward, backward,
 * penalties, clipping, the optimizer step. Same seed and config ⇒ identical
 * history and weights. Throws `TrainError` (`invalid-config`, `invalid-data`,
 * `diverged`); on divergence the weights from before the bad batch are kept.
 */
export async function fit(model: Model, data: TrainData, config: TrainConfig, callbacks: FitCallbacks = {}, options: FitOptions): Promise<FitResult> {
  checkFitInputs(model, data, config);
  const clock = options.clock ?? defaultClock;
  const yieldNow = options.yieldToEventLoop ?? fastYield();
  const yieldEvery = options.yieldEveryMs ?? 50;
  const { x, y } = data.train;
  const rows = x.rows, inputs = x.cols, outputs = y.cols;
  const batchSize = Math.min(config.batchSize, rows);
  const batches = Math.ceil(rows / batchSize);
  const metrics = (config.metrics ?? []).filter((m) => m !== 'loss');

  const slots: ParamSlot[] = model.params.flatMap((p, i) => {
    const g = model.grads[i]!;
    const s: ParamSlot[] = [{ value: p.w, grad: g.w, isKernel: true }];
    if (p.b && g.b) s.push({ value: p.b, grad: g.b, isKernel: false });
    return s;
  });
  const lastGood = slots.map((s) => new Float32Array(s.value.length));
  const optimizer = createOptimizer(config.optimizer);
  const order = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;

  const fullX = new Float32Array(batchSize * inputs), fullY = new Float32Array(batchSize * outputs);
  const batchMatrices = (n: number): [Matrix, Matrix] => [
    matrixOf(n, inputs, n === batchSize ? fullX : fullX.subarray(0, n * inputs)),
    matrixOf(n, outputs, n === batchSize ? fullY : fullY.subarray(0, n * outputs)),
  ];
  const full = batchMatrices(batchSize);
  const tail = rows % batchSize ? batchMatrices(rows % batchSize) : full;

  const es = config.earlyStopping;
  const monitor = es?.monitor ?? (data.validation ? 'val_loss' : 'loss');
  let best = Infinity, bestEpoch = 0, bestWeights: Float32Array[] | null = null, waited = 0;

  const history: EpochLog[] = [];
  const abortWait = new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve(), { once: true }));
  let lastYield = clock(), lastBatchCallback = -Infinity, samplesSeen = 0;

  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const started = clock();
    if (config.shuffle !== false) options.rng.shuffle(order);
    const acc = metrics.length ? new MetricAccumulator(outputs) : null;
    let lossSum = 0;

    for (let b = 0; b < batches; b++) {
      // Between batches: now and then let pause/stop messages in, then wait while paused (a step lets one batch through).
      if (clock() - lastYield >= yieldEvery) {
        await yieldNow();
        lastYield = clock();
      }
      if (options.signal?.aborted) return { history, epochs: history.length, stoppedEarly: false, cancelled: true };
      let stepped = false;
      if (options.pause) {
        const gate = options.pause;
        stepped = gate.isPaused;
        while (!gate.tryPass()) {
          await Promise.race([gate.whenResumed(), abortWait]);
          if (options.signal?.aborted) return { history, epochs: history.length, stoppedEarly: false, cancelled: true };
          stepped = gate.isPaused;
        }
      }
      const lr = scheduledRate(config.schedule, options.learningRate?.current ?? config.optimizer.learningRate, epoch - 1, config.epochs);

      const r0 = b * batchSize;
      const n = Math.min(batchSize, rows - r0);
      const [xb, yb] = n === batchSize ? full : tail;
      gatherRows(x.data, xb.data, order, r0, n, inputs);
      gatherRows(y.data, yb.data, order, r0, n, outputs);

      let loss = model.lossAndGradients(xb, yb);
      if (acc) acc.add(model.outputView(), yb.data, n);
      loss += applyPenalties(slots, config.l1 ?? 0, config.l2 ?? 0);
      if (!Number.isFinite(loss)) throw diverged('loss', epoch, b + 1, lr);
      if (config.clipNorm !== undefined && !Number.isFinite(clipByGlobalNorm(slots, config.clipNorm))) {
        throw diverged('gradient', epoch, b + 1, lr);
      }

      // A non-finite gradient shows up as non-finite weights after the step
      // (the step's checksum), and the copy taken here puts them back.
      for (let i = 0; i < slots.length; i++) lastGood[i]!.set(slots[i]!.value);
      if (!Number.isFinite(optimizer.step(slots, lr))) {
        for (let i = 0; i < slots.length; i++) slots[i]!.value.set(lastGood[i]!);
        throw diverged('weights', epoch, b + 1, lr);
      }

      lossSum += loss * n;
      samplesSeen += n;
      if (callbacks.onBatchEnd) {
        const now = clock();
        if (stepped || now - lastBatchCallback >= (callbacks.batchIntervalMs ?? 0) || b === batches - 1) {
          lastBatchCallback = now;
          callbacks.onBatchEnd({ epoch, batch: b + 1, batches, loss, samplesSeen, stepped });
        }
      }
    }

    const train: MetricValues = { loss: lossSum / rows, ...(acc ? acc.result(metrics) : {}) };
    const lr = scheduledRate(config.schedule, options.learningRate?.current ?? config.optimizer.learningRate, epoch - 1, config.epochs);
    const log: EpochLog = { epoch, learningRate: lr, train, durationMs: 0 };
    if (data.validation) log.validation = evaluate(model, data.validation.x, data.validation.y, metrics);
    log.durationMs = clock() - started;
    history.push(log);
    callbacks.onEpochEnd?.(log);

    if (es) {
      const value = monitor === 'val_loss' && log.validation ? log.validation.loss! : log.train.loss!;
      if (value < best - (es.minDelta ?? 0)) {
        best = value; bestEpoch = epoch; waited = 0;
        if (es.restoreBest !== false) bestWeights = model.getWeights();
      } else if (++waited >= es.patience) {
        if (bestWeights) model.setWeights(bestWeights);
        return { history, epochs: history.length, stoppedEarly: true, cancelled: false, bestEpoch: bestWeights ? bestEpoch : undefined };
      }
    }
  }
  return { history, epochs: history.length, stoppedEarly: false, cancelled: false };
}

function diverged(what: 'loss' | 'gradient' | 'weights', epoch: number, batch: number, lr: number): TrainError {
  return new TrainError('diverged', divergenceMessage(what, epoch, batch, lr), { epoch, batch });
}

/** Copies rows order[r0 .. r0+n) of a [· × width] store into dst, without allocating views. */
function gatherRows(src: Float32Array, dst: Float32Array, order: Uint32Array, r0: number, n: number, width: number): void {
  for (let r = 0; r < n; r++) {
    const from = order[r0 + r]! * width, to = r * width;
    for (let j = 0; j < width; j++) dst[to + j] = src[from + j]!;
  }
}
