import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../../core/engine/protocol';
import { useNetworkStore } from '../../../../renderer/src/stores/network';
import { useSessionStore } from '../../../../renderer/src/stores/session';
import { CHART_UPDATES_PER_SECOND, useTrainingStore, type TrainingTimers } from '../../../../renderer/src/stores/training';
import { createTestHost, irisChoice } from '../test-host';

/** Timers whose clock the test moves; callbacks run when the clock passes their time. */
function manualTimers(): TrainingTimers & { advance(ms: number): void } {
  let now = 0;
  const due: Array<{ at: number; run: () => void }> = [];
  return {
    now: () => now,
    setTimeout(callback, ms) { due.push({ at: now + ms, run: callback }); },
    advance(ms) {
      now += ms;
      for (const t of due.filter((d) => d.at <= now)) { due.splice(due.indexOf(t), 1); t.run(); }
    },
  };
}

async function irisModel() {
  const session = useSessionStore();
  await session.connect(createTestHost());
  await session.loadDataset(irisChoice());
  const network = useNetworkStore();
  await network.sync();
  await network.flush();
  // The network store creates the model a moment after the last edit.
  for (let i = 0; i < 100 && session.engineState !== 'model-ready'; i++) {
    await new Promise((r) => setTimeout(r, 20));
    const hello = await session.call<{ state: typeof session.engineState }>({ type: 'hello' });
    session.setEngineState(hello.state as never);
  }
  return session;
}

const finished = (session: ReturnType<typeof useSessionStore>) => new Promise<Extract<EngineEvent, { type: 'train-finished' }>>((resolve) => {
  const off = session.onEngineEvent((e) => { if (e.type === 'train-finished') { off(); resolve(e); } });
});

beforeEach(() => { setActivePinia(createPinia()); });

describe('training store', () => {
  it('redraws the charts at most ten times a second however many events arrive', () => {
    const timers = manualTimers();
    const training = useTrainingStore();
    const session = useSessionStore();
    let emit: (e: EngineEvent) => void = () => undefined;
    session.onEngineEvent = (listener) => { emit = listener; return () => undefined; };
    training.init({ timers });
    const start = training.revision;
    for (let i = 0; i < 50; i++) {
      emit({ type: 'train-progress', epoch: 1, batch: i + 1, batches: 50, loss: 1 / (i + 1), samplesPerSec: 1000, etaSeconds: 1 });
      timers.advance(4); // 50 events in 200 ms
    }
    timers.advance(200);
    const bumps = training.revision - start;
    expect(bumps).toBeGreaterThanOrEqual(2);
    expect(bumps).toBeLessThanOrEqual(Math.ceil((400 / 1000) * CHART_UPDATES_PER_SECOND));
    // Every point is kept, in order, for the chart to append.
    expect(training.batches.x).toHaveLength(50);
    expect(training.batches.y[49]).toBeCloseTo(1 / 50, 10);
  });

  it('runs to the end with a growing history, keeps the previous run, and reports how it ended', async () => {
    const session = await irisModel();
    const training = useTrainingStore();
    training.init();
    training.config = { ...training.config, epochs: 5, earlyStopping: undefined };
    let done = finished(session);
    await training.start();
    expect(training.status).toBe('running');
    await done;
    expect(training.status).toBe('finished');
    expect(training.end).toEqual({ reason: 'completed', epochs: 5, message: null });
    expect(training.history.map((l) => l.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(training.history[0]!.train.accuracy).toBeTypeOf('number');
    const first = training.history;
    done = finished(session);
    await training.start();
    await done;
    expect(training.previous).toBe(first);
    expect(training.history).not.toBe(first);
  });

  it('pauses, steps exactly one batch while paused, resumes and stops', async () => {
    const session = await irisModel();
    const training = useTrainingStore();
    training.init();
    training.config = { ...training.config, epochs: 100_000, batchSize: 1, earlyStopping: undefined };
    await training.start();
    await training.pause();
    expect([training.status, session.engineState]).toEqual(['paused', 'paused']);
    const a = await training.step();
    const b = await training.step();
    expect(b.batch === a.batch + 1 || b.batch === 1).toBe(true);
    expect(training.status).toBe('paused');
    await training.setLearningRate(0.0005);
    const s = await session.call<{ training: { optimizer: { learningRate: number } } }>({ type: 'get-session' });
    expect(s.training.optimizer.learningRate).toBe(0.0005);
    await training.resume();
    expect(training.status).toBe('running');
    const done = finished(session);
    await training.stop();
    expect((await done).reason).toBe('stopped');
    expect(training.end?.reason).toBe('stopped');
  });

  it('steps batch by batch without a run (the seed article\'s single iteration)', async () => {
    await irisModel();
    const training = useTrainingStore();
    training.init();
    training.config = { ...training.config, batchSize: 105 };
    const first = await training.step();
    const second = await training.step();
    expect([first.batch, first.batches, second.batch]).toEqual([1, 1, 1]);
    expect(training.steps).toBe(2);
    expect(training.batches.y).toHaveLength(2);
  });

  it('shows a divergence with the engine\'s explanation, and the remedy lowers the rate tenfold', async () => {
    const session = await irisModel();
    const training = useTrainingStore();
    training.init();
    training.config = { ...training.config, epochs: 50, optimizer: { kind: 'sgd', learningRate: 1e30 }, earlyStopping: undefined };
    const done = finished(session);
    await training.start();
    await done;
    expect(training.end?.reason).toBe('diverged');
    expect(training.end?.message).toMatch(/learning rate/i);
    let reinitialized = 0;
    const next = finished(session);
    await training.lowerRateAndRestart(async () => { reinitialized++; });
    expect(training.config.optimizer.learningRate).toBe(1e30 / 10);
    expect(reinitialized).toBe(1);
    await training.stop();
    await next;
  });
});
