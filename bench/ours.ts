/**
 * "ours": the studio's core library on one task. Kept in its own file so it is
 * easy to follow core API changes. Default kernels (pure TypeScript), default
 * initializers (He uniform before ReLU, Glorot uniform before softmax, zero
 * biases), default fit options (it yields to the event loop every 50 ms, as
 * the studio does; `--backend wasm` swaps in the WebAssembly SIMD kernels,
 * and the training rows are pinned in wasm memory before the clock starts, as
 * the engine does when the data is configured).
 * No epoch-end metrics: only the per-batch training work is timed.
 */
import type { Kernels } from '../core/math/kernels';
import type { Matrix } from '../core/math/matrix';
import { createRng } from '../core/math/rng';
import { createModel } from '../core/nn/model';
import type { NetworkSpec } from '../core/nn/spec';
import type { TrainConfig } from '../core/train/config';
import { evaluate } from '../core/train/evaluate';
import { fit } from '../core/train/fit';
import { pinTrainingRows, unpinTrainingRows } from '../core/train/wasm-stepper';
import { measured, timed, type Measurement } from './protocol';
import { oneHot, type TaskConfig, type TaskData } from './tasks';

/** `kernels`: the compute backend (default: createModel's, the pure-TypeScript kernels). */
export async function trainOurs(task: TaskConfig, data: TaskData, rows: number, epochs: number, kernels?: Kernels): Promise<Measurement> {
  const spec: NetworkSpec = {
    inputs: task.features,
    layers: [
      ...task.hidden.map((units) => ({ units, activation: 'relu' as const })),
      { units: task.classes, activation: 'softmax' },
    ],
    loss: 'categorical-crossentropy',
  };
  const rng = createRng(task.modelSeed);
  const model = createModel(spec, kernels ? { rng, kernels } : { rng });
  const x: Matrix = { rows, cols: task.features, data: data.train.x.subarray(0, rows * task.features) };
  const y: Matrix = { rows, cols: task.classes, data: oneHot(data.train.labels.subarray(0, rows), task.classes) };
  const config: TrainConfig = {
    epochs,
    batchSize: task.batchSize,
    optimizer: { kind: task.optimizer.kind, learningRate: task.optimizer.learningRate },
    shuffle: true,
  };

  const epochMs: number[] = [];
  const train = { train: { x, y } };
  // As in the studio, where the engine pins the rows when the data is configured, before Train is pressed.
  const pinned = kernels?.wasm ? pinTrainingRows(kernels.wasm, train) : false;
  const { ms, cpuSeconds } = await timed(() => fit(model, train, config, { onEpochEnd: (log) => { epochMs.push(log.durationMs); } }, { rng }));
  if (kernels?.wasm) unpinTrainingRows(kernels.wasm, train);

  const xTest: Matrix = { rows: data.test.rows, cols: task.features, data: data.test.x };
  const yTest: Matrix = { rows: data.test.rows, cols: task.classes, data: oneHot(data.test.labels, task.classes) };
  const { accuracy } = evaluate(model, xTest, yTest, ['accuracy']);
  if (accuracy === undefined) throw new Error('evaluate returned no accuracy');
  return measured(rows, epochs, ms, accuracy, [
    `core, ${model.parameterCount} parameters${kernels ? `, ${kernels.name} kernels` : ''}${pinned ? ' (rows pinned in wasm memory beforehand, as the engine does)' : ''}; epochs took ${epochMs.map((e) => e.toFixed(0)).join(' / ')} ms`,
  ], cpuSeconds);
}
