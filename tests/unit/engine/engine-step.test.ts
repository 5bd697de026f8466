import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../core/engine/protocol';
import type { EpochLog } from '../../../core/train/config';
import { PauseGate } from '../../../core/train/pause';
import { IRIS_TRAIN, LONG_TRAIN, createHarness, irisReady, valueOf } from './engine-harness';

describe('PauseGate', () => {
  it('lets nothing through while paused, one batch per step, everything after resume', async () => {
    const gate = new PauseGate();
    expect(gate.tryPass()).toBe(true);
    gate.step();
    expect(gate.tryPass()).toBe(true); // a step while running is nothing special
    gate.pause();
    expect(gate.tryPass()).toBe(false);
    let woke = false;
    const waiting = gate.whenResumed().then(() => { woke = true; });
    gate.step();
    await waiting;
    expect(woke).toBe(true);
    expect([gate.tryPass(), gate.tryPass()]).toEqual([true, false]);
    gate.step();
    gate.resume();
    expect([gate.tryPass(), gate.isPaused]).toEqual([true, false]);
  });
});

describe('stepping a paused run', () => {
  it('trains exactly one batch per step, reports it, and the run stays paused until stopped', async () => {
    const h = createHarness();
    await irisReady(h);
    valueOf(await h.call({ type: 'train-start', config: { ...LONG_TRAIN, batchSize: 10 } }));
    valueOf(await h.call({ type: 'train-pause' }));
    // Let the batch in flight end.
    await new Promise((r) => setTimeout(r, 50));
    const before = (valueOf(await h.call({ type: 'get-weights' })) as { layers: { w: number[] }[] }).layers[0]!.w;
    const first = valueOf(await h.call({ type: 'train-step' })) as { epoch: number; batch: number; batches: number; rows: number; loss: number };
    const second = valueOf(await h.call({ type: 'train-step' })) as typeof first;
    expect(second.batch === first.batch + 1 || (second.batch === 1 && second.epoch === first.epoch + 1)).toBe(true);
    expect(first.batches).toBe(Math.ceil(105 / 10));
    expect(Number.isFinite(first.loss)).toBe(true);
    const after = (valueOf(await h.call({ type: 'get-weights' })) as { layers: { w: number[] }[] }).layers[0]!.w;
    expect(after).not.toEqual(before);
    // Paused still: the weights do not move without a step.
    await new Promise((r) => setTimeout(r, 60));
    expect((valueOf(await h.call({ type: 'get-weights' })) as { layers: { w: number[] }[] }).layers[0]!.w).toEqual(after);
    const progress = h.events('train-progress') as Extract<EngineEvent, { type: 'train-progress' }>[];
    expect(progress.at(-1)).toMatchObject({ epoch: second.epoch, batch: second.batch });
    expect(valueOf(await h.call({ type: 'hello' }))).toMatchObject({ state: 'paused' });
    expect((await h.call({ type: 'train-step', config: IRIS_TRAIN })).result).toEqual({
      ok: false, error: { code: 'busy', message: 'A run is paused; stop it before stepping with other settings.' },
    });
    // A paused run ends within microtasks of the stop: listen first.
    const finished = h.waitFor('train-finished');
    valueOf(await h.call({ type: 'train-stop' }));
    expect((await finished).reason).toBe('stopped');
  });

  it('a new learning rate applies from the next batch of the run, and to the epoch logs', async () => {
    const h = createHarness();
    await irisReady(h);
    valueOf(await h.call({ type: 'train-start', config: { ...IRIS_TRAIN, epochs: 400, batchSize: 105 } }));
    await h.waitFor('train-epoch');
    valueOf(await h.call({ type: 'train-pause' }));
    expect(valueOf(await h.call({ type: 'train-set-learning-rate', learningRate: 0.001 }))).toEqual({ learningRate: 0.001 });
    valueOf(await h.call({ type: 'train-resume' }));
    const next = (await h.waitFor('train-epoch')).log as EpochLog;
    const finished = h.waitFor('train-finished');
    valueOf(await h.call({ type: 'train-stop' }));
    await finished;
    const logs = (h.events('train-epoch') as Extract<EngineEvent, { type: 'train-epoch' }>[]).map((e) => e.log.learningRate);
    expect(logs[0]).toBe(IRIS_TRAIN.optimizer.learningRate);
    expect(next.learningRate).toBe(0.001);
    expect(logs.at(-1)).toBe(0.001);
    const session = valueOf(await h.call({ type: 'get-session' })) as { training: { optimizer: { learningRate: number } } };
    expect(session.training.optimizer.learningRate).toBe(0.001);
    expect((await h.call({ type: 'train-set-learning-rate', learningRate: 0 })).result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
