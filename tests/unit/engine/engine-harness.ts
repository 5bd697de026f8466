/**
 * Shared fixtures for engine tests: the iris session (data, settings, spec)
 * and an in-process harness that captures what the engine sends.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEngine, type Engine, type EngineOptions } from '../../../core/engine/engine';
import type { EngineEvent, EngineMessage, EngineReply } from '../../../core/engine/protocol';
import type { PrepConfig } from '../../../core/data/prep/config';
import type { NetworkSpec } from '../../../core/nn/spec';
import type { TrainConfig } from '../../../core/train/config';

/** examples/iris.csv as text. */
export const IRIS_TEXT = readFileSync(fileURLToPath(new URL('../../../examples/iris.csv', import.meta.url)), 'utf8');

export const IRIS_SOURCE = { kind: 'text', name: 'iris.csv', text: IRIS_TEXT } as const;

export const IRIS_PREP: PrepConfig = {
  roles: { sepal_length_cm: 'input', sepal_width_cm: 'input', petal_length_cm: 'input', petal_width_cm: 'input', species: 'target' },
  task: 'classification',
  split: { train: 0.7, validation: 0.15, test: 0.15, seed: 1 },
};

export const IRIS_SPEC: NetworkSpec = {
  inputs: 4,
  layers: [{ units: 8, activation: 'relu' }, { units: 3, activation: 'softmax' }],
  loss: 'categorical-crossentropy',
};

export const IRIS_TRAIN: TrainConfig = { epochs: 30, batchSize: 16, optimizer: { kind: 'adam', learningRate: 0.05 }, metrics: ['accuracy'] };

/** Training long enough to be interrupted (about a minute or more if left alone). */
export const LONG_TRAIN: TrainConfig = { epochs: 100_000, batchSize: 1, optimizer: { kind: 'sgd', learningRate: 0.001 } };

/** Two raw iris rows (a setosa and a virginica) for predict-rows. */
export const IRIS_RECORDS = [
  { sepal_length_cm: 5.1, sepal_width_cm: 3.5, petal_length_cm: 1.4, petal_width_cm: 0.2 },
  { sepal_length_cm: '6.7', sepal_width_cm: '3.0', petal_length_cm: '5.2', petal_width_cm: '2.3' },
];

/** An engine in this thread whose messages are captured. */
export interface Harness {
  engine: Engine;
  messages: EngineMessage[];
  events(type?: EngineEvent['type']): EngineEvent[];
  /** Sends a request (id added) and returns its reply. */
  call(request: Record<string, unknown>): Promise<EngineReply>;
  /** Resolves with the next event of this type. */
  waitFor<T extends EngineEvent['type']>(type: T, timeoutMs?: number): Promise<Extract<EngineEvent, { type: T }>>;
}

export function createHarness(options: EngineOptions = {}): Harness {
  const messages: EngineMessage[] = [];
  const waiters: { type: string; resolve(e: EngineEvent): void }[] = [];
  const engine = createEngine((m) => {
    messages.push(m);
    if (m.type === 'reply') return;
    for (const w of waiters.filter((x) => x.type === m.type)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(m);
    }
  }, options);
  let nextId = 1;
  return {
    engine,
    messages,
    events: (type) => messages.filter((m): m is EngineEvent => m.type !== 'reply' && (type === undefined || m.type === type)),
    async call(request) {
      const id = nextId++;
      await engine.handle({ ...request, id });
      const found = messages.find((m): m is EngineReply => m.type === 'reply' && m.id === id);
      if (!found) throw new Error(`no reply to request ${id}`);
      return found;
    },
    waitFor(type, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${type} event within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ type, resolve: (e) => { clearTimeout(timer); resolve(e as never); } });
      });
    },
  };
}

/** The reply's value, failing the test with the error when it is not ok. */
export function valueOf(reply: EngineReply): unknown {
  if (!reply.result.ok) throw new Error(`${reply.result.error.code}: ${reply.result.error.message}`);
  return reply.result.value;
}

/** Loads, configures and builds the iris model. */
export async function irisReady(h: Harness): Promise<void> {
  valueOf(await h.call({ type: 'load-dataset', source: IRIS_SOURCE }));
  valueOf(await h.call({ type: 'configure-data', config: IRIS_PREP }));
  valueOf(await h.call({ type: 'create-model', spec: IRIS_SPEC }));
}
