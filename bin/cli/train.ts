/**
 * `backprop-studio train`: drives the engine in a worker thread through the
 * protocol (load-dataset → configure-data → create-model → train-start →
 * train-finished → evaluate ×3 → export-model), as the app does.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { PrepConfig, Task } from '../../core/data/prep/config';
import type { ColumnRole } from '../../core/data/table';
import type { ColumnSummary, EngineEvent, EvaluationValue } from '../../core/engine/protocol';
import { createEngineClient, type ClientRequest, type EngineClient } from '../../core/engine/transport';
import { startWorkerEngine } from '../../core/engine/transport-worker-threads.node.ts';
import type { NetworkSpec } from '../../core/nn/spec';
import type { TrainConfig } from '../../core/train/config';
import { parseModelFile } from '../../core/model-io/model-file';
import { CliError, cliFail } from './args';
import { createProgress } from './progress';
import type { TrainArgs } from './train-options';
import { inTargetUnits } from './units';

/** What `train --json` prints. */
export interface TrainSummary {
  task: Task;
  epochs: number;
  seconds: number;
  metrics: Record<'train' | 'validation' | 'test', EvaluationValue['metrics'] | null>;
}

/** Integer targets with at most this many distinct values are classes (as the app's Data view decides). */
const MAX_INTEGER_CLASSES = 20;

/** Trains, writes the model file and returns the summary. */
export async function train(a: TrainArgs, out: NodeJS.WriteStream): Promise<TrainSummary> {
  if (!existsSync(a.data)) cliFail(`file not found: ${a.data}`);
  // Checked before training, so a typo in --out does not waste a run.
  const outDir = dirname(resolve(a.out));
  if (!existsSync(outDir)) cliFail(`cannot write ${a.out}: the directory ${outDir} does not exist`);
  const transport = startWorkerEngine();
  try {
    const client = createEngineClient(transport);
    const call = (request: ClientRequest): Promise<unknown> => callEngine(client, request);
    const started = performance.now();
    const loaded = await call({ type: 'load-dataset', source: { kind: 'path', path: resolve(a.data) } }) as { name: string; columns: ColumnSummary[] };
    const target = loaded.columns.find((c) => c.name === a.target)
      ?? cliFail(`--target "${a.target}" is not a column of "${loaded.name}" (its columns: ${loaded.columns.map((c) => `"${c.name}"`).join(', ')})`);
    const task = a.task ?? inferTask(target);
    const configured = await call({ type: 'configure-data', config: prepConfig(a, loaded.columns, task) }) as { inputs: number; outputs: number };
    await call({ type: 'create-model', spec: networkSpec(a, task, configured), seed: a.seed });

    const progress = a.json ? null : createProgress(out, a.epochs);
    const finished = new Promise<Extract<EngineEvent, { type: 'train-finished' }>>((done, crash) => {
      transport.onExit((exit) => crash(new CliError(`the engine stopped during training (exit code ${exit.code}${exit.error ? `: ${exit.error}` : ''})`)));
      client.onEvent((e) => {
        if (e.type === 'train-progress') progress?.batch(e.epoch, e.loss, e.etaSeconds);
        else if (e.type === 'train-epoch') progress?.epoch(e.log);
        else if (e.type === 'train-finished') done(e);
      });
    });
    await call({ type: 'train-start', config: trainConfig(a, task), seed: a.seed });
    const end = await finished;
    progress?.done(end.reason, end.epochs);
    if (end.reason === 'diverged' || end.reason === 'failed') {
      cliFail(`training ${end.reason} after ${end.epochs} epochs${end.error ? `: ${end.error.message}` : ''}`);
    }
    const metrics: TrainSummary['metrics'] = { train: null, validation: null, test: null };
    for (const split of ['train', 'validation', 'test'] as const) {
      const reply = await client.request({ type: 'evaluate', split });
      if (reply.result.ok) metrics[split] = (reply.result.value as EvaluationValue).metrics;
      else if (reply.result.error.code !== 'empty-split') cliFail(reply.result.error.message);
    }
    const { text } = await call({ type: 'export-model' }) as { text: string };
    const file = parseModelFile(text);
    if (!file.ok) cliFail(`the engine exported an invalid model file: ${file.error.message}`);
    for (const split of ['train', 'validation', 'test'] as const) {
      const m = metrics[split];
      if (m) metrics[split] = inTargetUnits(m, file.value);
    }
    await writeFile(a.out, text).catch((e: unknown) => cliFail(`cannot write ${a.out}: ${e instanceof Error ? e.message : String(e)}`));
    return { task, epochs: end.epochs, seconds: round((performance.now() - started) / 1000), metrics };
  } finally {
    await transport.close();
  }
}

/** A request's value; an error reply becomes a `CliError` with the engine's message (DataError messages included). */
async function callEngine(client: EngineClient, request: ClientRequest): Promise<unknown> {
  const reply = await client.request(request);
  if (!reply.result.ok) cliFail(reply.result.error.message);
  return reply.result.value;
}

/** Classification for categorical, boolean and text targets and for integers with few values; regression otherwise. */
function inferTask(c: ColumnSummary): Task {
  if (c.kind === 'numeric') return 'regression';
  if (c.kind === 'integer') return !c.stats.distinctCapped && c.stats.distinct <= MAX_INTEGER_CLASSES ? 'classification' : 'regression';
  if (c.kind === 'constant') return c.stats.numeric ? 'regression' : 'classification';
  return 'classification';
}

/** The target, and every other column that can feed a network (not free text, not constant, not empty) as an input. */
function prepConfig(a: TrainArgs, columns: readonly ColumnSummary[], task: Task): PrepConfig {
  const roles: Record<string, ColumnRole> = {};
  for (const c of columns) {
    const usable = c.kind !== 'text' && c.kind !== 'constant' && c.stats.count > 0;
    roles[c.name] = c.name === a.target ? 'target' : usable ? 'input' : 'ignore';
  }
  return {
    roles, task, defaultScaling: 'standardize',
    split: { train: 1 - a.validation - a.test, validation: a.validation, test: a.test, seed: a.seed },
  };
}

function networkSpec(a: TrainArgs, task: Task, shape: { inputs: number; outputs: number }): NetworkSpec {
  const output = task === 'regression' ? 'linear' : shape.outputs === 1 ? 'sigmoid' : 'softmax';
  const auto = task === 'regression' ? 'mse' : shape.outputs === 1 ? 'binary-crossentropy' : 'categorical-crossentropy';
  return {
    inputs: shape.inputs,
    layers: [...a.layers.map((units) => ({ units, activation: a.activation })), { units: shape.outputs, activation: output }],
    loss: a.loss === 'auto' ? auto : a.loss,
  };
}

function trainConfig(a: TrainArgs, task: Task): TrainConfig {
  const config: TrainConfig = {
    epochs: a.epochs,
    batchSize: a.batchSize,
    optimizer: { kind: a.optimizer, learningRate: a.learningRate },
    metrics: task === 'classification' ? ['accuracy'] : ['rmse', 'r2'],
  };
  if (a.patience > 0 && a.validation > 0) config.earlyStopping = { monitor: 'val_loss', patience: a.patience, restoreBest: true };
  return config;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
