import { afterEach, describe, expect, it } from 'vitest';
import type { EngineMessage, EngineResult, EngineSnapshot } from '../../../../core/engine/protocol';
import { createTransportSubscribers, type ClientRequest, type EngineTransport } from '../../../../core/engine/transport';
import { startWorkerEngine, type WorkerThreadTransport } from '../../../../core/engine/transport-worker-threads.node.ts';
import {
  createEngineSupervisor, type EngineCrashInfo, type EngineSupervisor, type SupervisorTimers,
} from '../../../../electron/services/engine-supervisor';
import { IRIS_PREP, IRIS_RECORDS, IRIS_SOURCE, IRIS_SPEC, IRIS_TRAIN, valueOf } from '../../engine/engine-harness';

/** Timers that never fire on their own: `tick()` runs the interval's callback. */
function manualTimers(): SupervisorTimers & { tick(): void; cleared: boolean } {
  let callback: () => void = () => undefined;
  const t = {
    cleared: false,
    setInterval(cb: () => void) { callback = cb; return 1; },
    clearInterval() { t.cleared = true; },
    tick() { callback(); },
  };
  return t;
}

/** A supervisor over real worker threads, every transport it started, its crashes and messages. */
interface Rig {
  supervisor: EngineSupervisor;
  started: WorkerThreadTransport[];
  messages: EngineMessage[];
  timers: ReturnType<typeof manualTimers>;
  crashed: Promise<EngineCrashInfo>;
  call(request: ClientRequest): Promise<unknown>;
}

const open: EngineSupervisor[] = [];
afterEach(async () => { await Promise.all(open.splice(0).map((s) => s.close())); });

function rig(): Rig {
  const started: WorkerThreadTransport[] = [];
  const messages: EngineMessage[] = [];
  const timers = manualTimers();
  let onCrash: (info: EngineCrashInfo) => void = () => undefined;
  const crashed = new Promise<EngineCrashInfo>((resolve) => { onCrash = resolve; });
  const supervisor = createEngineSupervisor({
    start: () => { const t = startWorkerEngine(); started.push(t); return t; },
    timers,
    onCrash: (info) => onCrash(info),
    onMessage: (m) => messages.push(m),
  });
  open.push(supervisor);
  return {
    supervisor, started, messages, timers, crashed,
    call: async (request) => valueOf(await supervisor.request(request)),
  };
}

/** An in-memory engine whose replies come from `answer` (null: no reply); `crash()` exits with code 9. */
interface FakeEngine extends EngineTransport {
  readonly posted: string[];
  crash(): void;
}

const GOOD: EngineSnapshot = { protocolVersion: 1, dataset: IRIS_SOURCE, prep: null, spec: null, training: null, weights: null, history: [] };

function fakeEngine(answer: (type: string) => EngineResult | null): FakeEngine {
  const subscribers = createTransportSubscribers();
  const posted: string[] = [];
  return {
    posted,
    post(message) {
      const { id, type } = message as { id: number; type: string };
      posted.push(type);
      const result = answer(type);
      if (result) queueMicrotask(() => subscribers.emitMessage({ id, type: 'reply', result }));
    },
    onMessage: subscribers.onMessage,
    onExit: subscribers.onExit,
    crash: () => { subscribers.emitExit({ code: 9, crashed: true }); },
    close: async () => { subscribers.emitExit({ code: 0, crashed: false }); },
  };
}

describe('createEngineSupervisor (real worker threads)', () => {
  it('after a crash, restarts the engine from the last snapshot and predicts as before', async () => {
    const r = rig();
    await r.call({ type: 'load-dataset', source: IRIS_SOURCE });
    await r.call({ type: 'configure-data', config: IRIS_PREP });
    await r.call({ type: 'create-model', spec: IRIS_SPEC });
    await r.call({ type: 'train-start', config: { ...IRIS_TRAIN, epochs: 3 } });
    // A snapshot is taken after train-finished; wait until one exists.
    while (r.supervisor.lastSnapshot === null) await new Promise((res) => setTimeout(res, 20));
    const snap: EngineSnapshot = r.supervisor.lastSnapshot;
    expect(snap.history).toHaveLength(3);
    expect(r.messages.some((m) => m.type === 'train-finished')).toBe(true);
    const before = await r.call({ type: 'predict-rows', records: IRIS_RECORDS });

    await r.started[0]?.worker.terminate();
    const info = await r.crashed;
    expect(info).toEqual({
      exit: { code: 1, crashed: true },
      restored: true,
      message: 'The engine stopped unexpectedly (exit code 1). It was restarted from your last snapshot; training since then was lost.',
    });
    expect(r.started).toHaveLength(2);
    expect(await r.call({ type: 'predict-rows', records: IRIS_RECORDS })).toEqual(before);
  }, 15_000);

  it('reports a crash before any snapshot as a plain restart, and a timed snapshot of an empty engine is not kept', async () => {
    const r = rig();
    expect(await r.call({ type: 'hello' })).toMatchObject({ state: 'idle' });
    r.timers.tick();
    expect(await r.supervisor.snapshot()).toBe(false);
    await r.started[0]?.worker.terminate();
    const info = await r.crashed;
    expect(info.restored).toBe(false);
    expect(info.message).toBe('The engine stopped unexpectedly (exit code 1). It was restarted; load your dataset again.');
    expect(await r.call({ type: 'hello' })).toMatchObject({ state: 'idle' });
  }, 15_000);

  it('a failed snapshot keeps the previous one; close() is not a crash', async () => {
    let failNext = false;
    const fake = fakeEngine(() => (failNext ? { ok: false, error: { code: 'x', message: 'no' } } : { ok: true, value: { ...GOOD } }));
    let crashes = 0;
    const supervisor = createEngineSupervisor({ start: () => fake, onCrash: () => { crashes++; }, onMessage: () => undefined });
    expect(await supervisor.snapshot()).toBe(true);
    const first = supervisor.lastSnapshot;
    expect(first).toEqual(GOOD);
    failNext = true;
    expect(await supervisor.snapshot()).toBe(false);
    expect(supervisor.lastSnapshot).toBe(first);
    await supervisor.close();
    expect(crashes).toBe(0);
  });

  it('remember() sets what a crash restores: a project opened, or nothing after New', async () => {
    const fakes: FakeEngine[] = [];
    const crashes: EngineCrashInfo[] = [];
    const supervisor = createEngineSupervisor({
      start: () => { const f = fakeEngine(() => ({ ok: true, value: { state: 'data-loaded' } })); fakes.push(f); return f; },
      onCrash: (info) => crashes.push(info),
      onMessage: () => undefined,
    });
    supervisor.remember(GOOD);
    expect(supervisor.lastSnapshot).toBe(GOOD);
    expect(supervisor.current).toBe(fakes[0]);
    fakes[0]?.crash();
    await supervisor.request({ type: 'hello' });
    expect(fakes[1]?.posted).toContain('restore');
    expect(crashes.map((c) => c.restored)).toEqual([true]);
    expect(supervisor.current).toBe(fakes[1]);
    supervisor.remember(null);
    fakes[1]?.crash();
    await supervisor.request({ type: 'hello' });
    expect(fakes[2]?.posted).not.toContain('restore');
    expect(crashes.map((c) => c.restored)).toEqual([true, false]);
    await supervisor.close();
  });

  it('when the engine crashes during the restore, the next one starts without the snapshot and one crash is reported', async () => {
    const fakes: FakeEngine[] = [];
    const crashes: EngineCrashInfo[] = [];
    const supervisor = createEngineSupervisor({
      start: () => {
        const n = fakes.length;
        const fake = fakeEngine((type) => {
          if (n === 1 && type === 'restore') { fake.crash(); return null; }
          return { ok: true, value: type === 'snapshot' ? { ...GOOD } : {} };
        });
        fakes.push(fake);
        return fake;
      },
      onCrash: (info) => crashes.push(info),
      onMessage: () => undefined,
    });
    expect(await supervisor.snapshot()).toBe(true);
    fakes[0]?.crash();
    expect(await supervisor.request({ type: 'hello' })).toMatchObject({ result: { ok: true } });
    expect(fakes).toHaveLength(3);
    expect(fakes.map((f) => f.posted)).toEqual([['snapshot'], ['restore'], ['hello']]);
    expect(crashes).toEqual([{ exit: { code: 9, crashed: true }, restored: false, message: 'The engine stopped unexpectedly (exit code 9). It was restarted; load your dataset again.' }]);
    expect(supervisor.lastSnapshot).toBeNull();
    await supervisor.close();
  });

  it('close() of a real worker is not a crash', async () => {
    let crashes = 0;
    const supervisor = createEngineSupervisor({ start: startWorkerEngine, onCrash: () => { crashes++; }, onMessage: () => undefined });
    expect(valueOf(await supervisor.request({ type: 'hello' }))).toMatchObject({ state: 'idle' });
    await supervisor.close();
    expect(crashes).toBe(0);
  }, 15_000);
});
