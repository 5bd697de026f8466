import type { Rng } from '../math/rng';
import type { Model } from '../nn/model-types';
import { scheduledRate } from '../optim/schedules';
import type { EpochLog, MetricValues, TrainConfig } from './config';
import type { TrainData } from './data-types';
import { checkFitInputs } from './fit-checks';
import { evaluate } from './evaluate';
import { MetricAccumulator } from './metrics';
import type { PauseGate } from './pause';
import { createTsStepper, type BatchStepper } from './stepper';
import { createWasmStepper } from './wasm-stepper';
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
 *
 * On WebAssembly kernels the steps run in wasm memory (`wasm-stepper.ts`)
 * for every network it covers, otherwise on the model's arrays
 * (`createTsStepper`). The model's weights are current whenever `fit` awaits
 * or calls back, and whatever it finds there after an await (a weight edited
 * while paused) is what training continues from.
 */
export async function fit(model: Model, data: TrainData, config: TrainConfig, callbacks: FitCallbacks = {}, options: FitOptions): Promise<FitResult> {
  checkFitInputs(model, data, config);
  const rows = data.train.x.rows;
  const batchSize = Math.min(config.batchSize, rows);
  const wasm = model.kernels.wasm;
  const stepper = (wasm && createWasmStepper(model, wasm, data, config, batchSize)) || createTsStepper(model, data, config, batchSize);
  try {
    return await runEpochs(model, data, config, callbacks, options, stepper, batchSize);
  } finally {
    // The model holds the last good weights however the run ends (after a divergence, those from before the bad batch).
    stepper.syncOut();
    stepper.dispose();
  }
}

async function runEpochs(
  model: Model, data: TrainData, config: TrainConfig, callbacks: FitCallbacks, options: FitOptions,
  stepper: BatchStepper, batchSize: number,
): Promise<FitResult> {
  const clock = options.clock ?? defaultClock;
  const yieldNow = options.yieldToEventLoop ?? fastYield();
  const yieldEvery = options.yieldEveryMs ?? 50;
  const rows = data.train.x.rows, outputs = data.train.y.cols;
  const batches = Math.ceil(rows / batchSize);
  const metrics = (config.metrics ?? []).filter((m) => m !== 'loss');
  const order = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;

  const es = config.earlyStopping;
  const monitor = es?.monitor ?? (data.validation ? 'val_loss' : 'loss');
  let best = Infinity, bestEpoch = 0, bestWeights: Float32Array[] | null = null, waited = 0;

  const history: EpochLog[] = [];
  const cancelled = (): FitResult => ({ history, epochs: history.length, stoppedEarly: false, cancelled: true });
  const abortWait = new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve(), { once: true }));
  let lastYield = clock(), lastBatchCallback = -Infinity, samplesSeen = 0;

  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const started = clock();
    if (config.shuffle !== false) options.rng.shuffle(order);
    stepper.beginEpoch(order);
    const acc = metrics.length ? new MetricAccumulator(outputs) : null;
    let lossSum = 0;

    for (let b = 0; b < batches; b++) {
      // Between batches: now and then let pause/stop messages in, then wait while paused (a step lets one batch through).
      if (clock() - lastYield >= yieldEvery) {
        stepper.syncOut();
        await yieldNow();
        stepper.syncIn();
        lastYield = clock();
      }
      if (options.signal?.aborted) return cancelled();
      let stepped = false;
      if (options.pause) {
        const gate = options.pause;
        stepped = gate.isPaused;
        while (!gate.tryPass()) {
          stepper.syncOut();
          await Promise.race([gate.whenResumed(), abortWait]);
          stepper.syncIn();
          if (options.signal?.aborted) return cancelled();
          stepped = gate.isPaused;
        }
      }
      const lr = scheduledRate(config.schedule, options.learningRate?.current ?? config.optimizer.learningRate, epoch - 1, config.epochs);

      const r0 = b * batchSize;
      const n = Math.min(batchSize, rows - r0);
      const loss = stepper.step(r0, n, lr, epoch, b + 1);
      if (acc) {
        const { pred, target } = stepper.lastBatch();
        acc.add(pred, target, n);
      }

      lossSum += loss * n;
      samplesSeen += n;
      if (callbacks.onBatchEnd) {
        const now = clock();
        if (stepped || now - lastBatchCallback >= (callbacks.batchIntervalMs ?? 0) || b === batches - 1) {
          lastBatchCallback = now;
          stepper.syncOut();
          callbacks.onBatchEnd({ epoch, batch: b + 1, batches, loss, samplesSeen, stepped });
        }
      }
    }

    stepper.syncOut();
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
        if (bestWeights) {
          model.setWeights(bestWeights);
          stepper.syncIn();
        }
        return { history, epochs: history.length, stoppedEarly: true, cancelled: false, bestEpoch: bestWeights ? bestEpoch : undefined };
      }
    }
    stepper.syncIn();
  }
  return { history, epochs: history.length, stoppedEarly: false, cancelled: false };
}
