/**
 * Training inside the engine: a background `fit` run that obeys pause and stop
 * between batches and reports throttled progress, and a single-batch stepper.
 */
import { matrixOf } from '../math/matrix';
import type { Rng } from '../math/rng';
import type { Model } from '../nn/model-types';
import { createOptimizer, type Optimizer } from '../optim/optimizers';
import { scheduledRate } from '../optim/schedules';
import type { EpochLog, TrainConfig } from '../train/config';
import type { TrainData } from '../train/data-types';
import { TrainError, divergenceMessage } from '../train/errors';
import { fit } from '../train/fit';
import { PauseGate } from '../train/pause';
import { fastYield } from '../train/yield';
import { applyPenalties, clipByGlobalNorm } from '../train/penalties';
import { paramSlots } from '../train/stepper';
import { errorInfo } from './engine-errors';
import type { EngineEvent, FinishReason } from './protocol';

/** At most this many `train-progress` events per second. */
export const PROGRESS_EVENTS_PER_SECOND = 20;
/** How often `fit` lets queued pause/stop messages in (well under the 100 ms promise). */
const YIELD_EVERY_MS = 20;
/** Weight of the newest batch loss in the smoothed loss. */
const SMOOTHING = 0.3;

export interface TrainingRunArgs {
  model: Model;
  data: TrainData;
  config: TrainConfig;
  rng: Rng;
  send(event: EngineEvent): void;
  /** Called with each epoch's log before it is sent. */
  onEpoch(log: EpochLog): void;
  /** Called once the run has ended, just before `train-finished` is sent. */
  onFinish(reason: FinishReason): void;
  clock?: () => number;
}

/** A training run in progress. */
export interface TrainingRun {
  readonly paused: boolean;
  pause(): void;
  resume(): void;
  stop(): void;
  /** While paused: trains exactly one more batch and stays paused; resolves with that batch (null if the run ended first). */
  step(): Promise<(StepResult & { epoch: number }) | null>;
  /** The base learning rate from the next batch on. */
  setLearningRate(rate: number): void;
  /** Resolves (never rejects) after `train-finished` has been sent. */
  readonly done: Promise<FinishReason>;
}

/** Starts `fit` in the background; the run ends with exactly one `train-finished` event. */
export function startTraining(args: TrainingRunArgs): TrainingRun {
  const clock = args.clock ?? ((): number => globalThis.performance.now());
  const gate = new PauseGate();
  const abort = new AbortController();
  const interval = 1000 / PROGRESS_EVENTS_PER_SECOND;
  const totalSamples = args.config.epochs * args.data.train.x.rows;
  const started = clock();
  let lastProgress = -Infinity, smoothed = NaN, epochs = 0;
  const learningRate = { current: args.config.optimizer.learningRate };
  /** Steps waiting for their batch to finish, oldest first. */
  const stepping: Array<(info: (StepResult & { epoch: number }) | null) => void> = [];

  const done = (async (): Promise<FinishReason> => {
    let reason: FinishReason;
    let error;
    try {
      // Let the engine send its reply to train-start before the first event.
      await fastYield()();
      const result = await fit(args.model, args.data, args.config, {
        batchIntervalMs: interval,
        onBatchEnd(info) {
          smoothed = Number.isNaN(smoothed) ? info.loss : SMOOTHING * info.loss + (1 - SMOOTHING) * smoothed;
          const now = clock();
          if (info.stepped) {
            const batchRows = Math.min(args.config.batchSize, args.data.train.x.rows - (info.batch - 1) * args.config.batchSize);
            stepping.shift()?.({ epoch: info.epoch, batch: info.batch, batches: info.batches, rows: batchRows, loss: info.loss });
          }
          if (!info.stepped && now - lastProgress < interval) return;
          lastProgress = now;
          const seconds = (now - started) / 1000;
          const rate = seconds > 0 ? info.samplesSeen / seconds : 0;
          args.send({
            type: 'train-progress', epoch: info.epoch, batch: info.batch, batches: info.batches, loss: smoothed,
            samplesPerSec: rate, etaSeconds: rate > 0 ? (totalSamples - info.samplesSeen) / rate : null,
          });
        },
        onEpochEnd(log) {
          epochs = log.epoch;
          args.onEpoch(log);
          args.send({ type: 'train-epoch', log });
        },
      }, { rng: args.rng, clock, signal: abort.signal, pause: gate, yieldEveryMs: YIELD_EVERY_MS, learningRate });
      reason = result.cancelled ? 'stopped' : result.stoppedEarly ? 'early-stop' : 'completed';
    } catch (e) {
      reason = e instanceof TrainError && e.code === 'diverged' ? 'diverged' : 'failed';
      error = errorInfo(e);
    }
    // A step asked for as the run ended gets no batch.
    for (const resolve of stepping.splice(0)) resolve(null);
    args.onFinish(reason);
    args.send(error ? { type: 'train-finished', reason, epochs, error } : { type: 'train-finished', reason, epochs });
    return reason;
  })();

  return {
    get paused() { return gate.isPaused; },
    pause: () => gate.pause(),
    resume: () => gate.resume(),
    stop: () => abort.abort(),
    step: () => new Promise((resolve) => {
      stepping.push(resolve);
      gate.step();
    }),
    setLearningRate(rate) { learningRate.current = rate; },
    done,
  };
}

/** What one `train-step` did. */
export interface StepResult {
  /** 1-based batch index within the pass over the training rows. */
  batch: number;
  batches: number;
  rows: number;
  /** Loss of the batch before the update (with penalties). */
  loss: number;
}

/**
 * Trains exactly one batch per `step()`: rows taken in order (no shuffle), the
 * same forward/backward, penalties, clipping and optimizer step as `fit`. The
 * optimizer (its momentum/Adam moments) lives as long as the stepper, so
 * repeated steps behave like one run; the learning rate is that of epoch 1.
 */
export function createStepper(model: Model, data: TrainData, config: TrainConfig): { step(): StepResult } {
  const { x, y } = data.train;
  const batchSize = Math.max(1, Math.min(config.batchSize, x.rows));
  const batches = Math.ceil(x.rows / batchSize);
  const slots = paramSlots(model);
  const optimizer: Optimizer = createOptimizer(config.optimizer);
  const lr = scheduledRate(config.schedule, config.optimizer.learningRate, 0, config.epochs);
  let next = 0;
  return {
    step() {
      const b = next;
      next = (next + 1) % batches;
      const r0 = b * batchSize, n = Math.min(batchSize, x.rows - r0);
      const xb = matrixOf(n, x.cols, x.data.slice(r0 * x.cols, (r0 + n) * x.cols));
      const yb = matrixOf(n, y.cols, y.data.slice(r0 * y.cols, (r0 + n) * y.cols));
      const before = slots.map((s) => s.value.slice());
      const loss = model.lossAndGradients(xb, yb) + applyPenalties(slots, config.l1 ?? 0, config.l2 ?? 0);
      if (!Number.isFinite(loss)) throw new TrainError('diverged', divergenceMessage('loss', 1, b + 1, lr));
      if (config.clipNorm !== undefined) clipByGlobalNorm(slots, config.clipNorm);
      if (!Number.isFinite(optimizer.step(slots, lr))) {
        slots.forEach((s, i) => s.value.set(before[i]!));
        throw new TrainError('diverged', divergenceMessage('weights', 1, b + 1, lr));
      }
      return { batch: b + 1, batches, rows: n, loss };
    },
  };
}
