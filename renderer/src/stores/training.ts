/**
 * The Train view's state: the settings of the next run, the run's progress
 * as the engine pushes it (never polled), the epoch history and the batch
 * losses for the charts, the previous run for comparison, and Start, Pause,
 * Resume, Stop, Step and a learning-rate change while paused.
 *
 * Charts read plain arrays that only grow; `revision` is bumped at most ten
 * times a second, so a chart appends and redraws (`update('none')`) on that
 * beat however fast the engine trains.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { EngineEvent, EngineState, FinishReason } from '../../../core/engine/protocol';
import type { EpochLog, MetricName, TrainConfig } from '../../../core/train/config';
import { useSessionStore } from './session';

/** Chart redraws per second at most. */
export const CHART_UPDATES_PER_SECOND = 10;
/** Batch-loss points kept; beyond it every other point is dropped (the curve keeps its shape). */
export const MAX_BATCH_POINTS = 4000;

export type RunStatus = 'idle' | 'running' | 'paused' | 'finished';

/** The last `train-progress` event's figures (the loss is smoothed). */
export type RunProgress = Omit<Extract<EngineEvent, { type: 'train-progress' }>, 'type'>;

export interface RunEnd {
  reason: FinishReason;
  epochs: number;
  /** The engine's message (divergence: with its cause and remedy). */
  message: string | null;
}

/** Batch losses as parallel arrays: x = epochs elapsed (fractional), y = smoothed loss. */
export interface BatchSeries {
  x: number[];
  y: number[];
}

/** Sensible first settings: Adam, a batch of 32, 100 epochs, the task's metric, early stopping on. */
export function defaultTrainConfig(task: 'classification' | 'regression' | null): TrainConfig {
  const metrics: MetricName[] = task === 'regression' ? ['r2', 'rmse'] : ['accuracy'];
  return {
    epochs: 100,
    batchSize: 32,
    optimizer: { kind: 'adam', learningRate: 0.01 },
    metrics,
    earlyStopping: { patience: 20, restoreBest: true },
  };
}

/** The timer functions the store uses (replaceable in tests). */
export interface TrainingTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
}

const browserTimers: TrainingTimers = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
};

export const useTrainingStore = defineStore('training', () => {
  const session = useSessionStore();
  let timers = browserTimers;
  const config = ref<TrainConfig>(defaultTrainConfig(null));
  const seed = ref(1);
  const status = ref<RunStatus>('idle');
  const progress = ref<RunProgress | null>(null);
  const end = ref<RunEnd | null>(null);
  const startedAt = ref<number | null>(null);
  const elapsedMs = ref(0);
  /** The current run's epochs and batch losses; replaced (not mutated in place) between runs. */
  const history = shallowRef<EpochLog[]>([]);
  const batches = shallowRef<BatchSeries>({ x: [], y: [] });
  /** The run before, drawn faintly for comparison. */
  const previous = shallowRef<EpochLog[]>([]);
  /** Bumped when the charts should redraw. */
  const revision = ref(0);
  /** Steps taken outside a run (each `train-step` without a running run). */
  const steps = ref(0);
  let flushScheduled = false;
  let lastFlush = -Infinity;
  let unsubscribe: (() => void) | null = null;

  /** Asks the charts to redraw, at most `CHART_UPDATES_PER_SECOND` times a second. */
  function touch(): void {
    if (flushScheduled) return;
    const wait = Math.max(0, 1000 / CHART_UPDATES_PER_SECOND - (timers.now() - lastFlush));
    flushScheduled = true;
    timers.setTimeout(() => {
      flushScheduled = false;
      lastFlush = timers.now();
      revision.value++;
    }, wait);
  }

  function addBatchPoint(x: number, y: number): void {
    const series = batches.value;
    series.x.push(x);
    series.y.push(y);
    if (series.x.length > MAX_BATCH_POINTS) {
      batches.value = { x: series.x.filter((_, i) => i % 2 === 0), y: series.y.filter((_, i) => i % 2 === 0) };
    }
  }

  function onEvent(event: EngineEvent): void {
    switch (event.type) {
      case 'train-progress':
        progress.value = {
          epoch: event.epoch, batch: event.batch, batches: event.batches, loss: event.loss,
          samplesPerSec: event.samplesPerSec, etaSeconds: event.etaSeconds,
        };
        if (startedAt.value !== null) elapsedMs.value = timers.now() - startedAt.value;
        addBatchPoint(event.epoch - 1 + event.batch / event.batches, event.loss);
        touch();
        break;
      case 'train-epoch':
        history.value.push(event.log);
        touch();
        break;
      case 'train-finished':
        status.value = 'finished';
        end.value = { reason: event.reason, epochs: event.epochs, message: event.error?.message ?? null };
        if (startedAt.value !== null) elapsedMs.value = timers.now() - startedAt.value;
        session.setEngineState('model-ready');
        session.changed();
        // The last points, without waiting for the next beat.
        revision.value++;
        break;
      default:
        break;
    }
  }

  async function engineState(): Promise<void> {
    const hello = await session.call<{ state: EngineState }>({ type: 'hello' });
    session.setEngineState(hello.state);
  }

  return {
    config, seed, status, progress, end, elapsedMs, history, batches, previous, revision, steps,
    /** Epochs done over epochs planned, for the progress bar (0..1). */
    fraction: computed(() => {
      const p = progress.value;
      if (!p) return status.value === 'finished' ? 1 : 0;
      return Math.min(1, (p.epoch - 1 + p.batch / p.batches) / Math.max(1, config.value.epochs));
    }),
    /** Subscribes to the engine's training events (once). */
    init(options: { timers?: TrainingTimers } = {}) {
      if (options.timers) timers = options.timers;
      unsubscribe?.();
      unsubscribe = session.onEngineEvent(onEvent);
      if (session.prep) config.value = { ...defaultTrainConfig(session.prep.task), ...config.value, metrics: defaultTrainConfig(session.prep.task).metrics };
    },
    async start() {
      if (history.value.length > 0) previous.value = history.value;
      history.value = [];
      batches.value = { x: [], y: [] };
      progress.value = null;
      end.value = null;
      steps.value = 0;
      startedAt.value = timers.now();
      elapsedMs.value = 0;
      await session.call({ type: 'train-start', config: config.value, seed: seed.value });
      status.value = 'running';
      session.setEngineState('training');
      revision.value++;
    },
    async pause() {
      await session.call({ type: 'train-pause' });
      status.value = 'paused';
      session.setEngineState('paused');
    },
    async resume() {
      await session.call({ type: 'train-resume' });
      status.value = 'running';
      session.setEngineState('training');
    },
    async stop() {
      await session.call({ type: 'train-stop' });
    },
    /** One batch: of the paused run, or (no run) of a stepping sequence with the current settings. */
    async step() {
      const first = status.value !== 'paused' && steps.value === 0;
      const result = await session.call<{ batch: number; batches: number; loss: number; epoch?: number }>(
        first ? { type: 'train-step', config: config.value } : { type: 'train-step' },
      );
      if (status.value !== 'paused') {
        steps.value++;
        addBatchPoint(steps.value / result.batches, result.loss);
        progress.value = { epoch: 1, batch: result.batch, batches: result.batches, loss: result.loss, samplesPerSec: 0, etaSeconds: null };
        await engineState();
      }
      revision.value++;
      session.changed();
      return result;
    },
    /** Changes the learning rate: for the paused or running run from its next batch, and for later runs. */
    async setLearningRate(rate: number) {
      config.value = { ...config.value, optimizer: { ...config.value.optimizer, learningRate: rate } };
      if (status.value === 'running' || status.value === 'paused') {
        await session.call({ type: 'train-set-learning-rate', learningRate: rate });
      }
    },
    /** After a divergence: a learning rate ten times lower, fresh weights, and a new run. */
    async lowerRateAndRestart(reinitialize: () => Promise<void>) {
      config.value = { ...config.value, optimizer: { ...config.value.optimizer, learningRate: config.value.optimizer.learningRate / 10 } };
      await reinitialize();
      await this.start();
    },
    /** Forgets the runs shown (a new model). */
    reset() {
      history.value = [];
      previous.value = [];
      batches.value = { x: [], y: [] };
      progress.value = null;
      end.value = null;
      status.value = 'idle';
      steps.value = 0;
      revision.value++;
    },
  };
});
