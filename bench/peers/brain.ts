/**
 * brain.js peer (the closest equivalent it can express; v1.6.1 as installed):
 * `tsx bench/peers/brain.ts --task-file <json> [--rows N] [--epochs E]`.
 *
 * What differs from the task (also printed as notes):
 * - NeuralNetwork applies its one `activation` to every layer, the output
 *   layer included (1.6.1 has no separate output sigmoid), and there is no
 *   softmax. Task A uses 'relu' (ReLU hidden layers as the task, ReLU
 *   outputs). On Task B ReLU outputs all die within the first few hundred
 *   samples (every output 0 → chance accuracy, whatever the learning rate), so
 *   Task B uses 'sigmoid' on every layer, brain.js's default. Its 'leaky-relu'
 *   forward is broken in 1.6.1 (`sum < 0 ? 0 : α·sum`), so it is no way out.
 * - The loss is squared error on the one-hot targets (δ_out = target − out),
 *   not cross-entropy.
 * - Training is per-sample SGD with momentum (batch size 1): brain.js has no
 *   mini-batches. Its validation demands 0 < momentum < 1 and
 *   0 < learningRate < 1, so "plain SGD" is not expressible; we keep its
 *   default momentum 0.1 and pick a learning rate that trains stably at batch 1.
 *   (brain.js also has `praxis: 'adam'`, per-sample; not used, see BRAIN_OPTIONS.)
 * - Weights start uniform in [−0.2, 0.2] from Math.random (not seedable);
 *   biases too. Rows are not reshuffled between epochs (brain.js loops the
 *   array in order; the rows are i.i.d. anyway).
 * - brain.js takes number[] rows and copies them to Float32Arrays inside
 *   `train`; that copy is inside the timed call, as it is part of its training.
 * Accuracy = argmax of the outputs on the held-out rows.
 */
import { createRequire } from 'node:module';
import { readTaskFiles } from '../dataset-file';
import { measured, parsePeerArgs, runPeer, timed, type PeerOutput } from '../protocol';
import { accuracyOf, type TaskId } from '../tasks';

type Brain = typeof import('brain.js');
const brain = createRequire(import.meta.url)('brain.js') as Brain;

interface BrainOptions {
  activation: 'relu' | 'sigmoid';
  /** For per-sample updates (tried 0.0005–0.3; these train stably). */
  learningRate: number;
  /** brain.js's default; it rejects 0. */
  momentum: number;
}

const BRAIN_OPTIONS: Record<TaskId, BrainOptions> = {
  A: { activation: 'relu', learningRate: 0.01, momentum: 0.1 },
  B: { activation: 'sigmoid', learningRate: 0.1, momentum: 0.1 },
};

async function main(): Promise<PeerOutput> {
  const args = parsePeerArgs(process.argv.slice(2));
  const { task, data } = readTaskFiles(args.taskFile);
  const rows = Math.min(args.rows ?? task.trainRows, data.train.rows);
  const epochs = args.epochs ?? task.epochs;
  const f = task.features;
  const c = task.classes;

  const samples: { input: number[]; output: number[] }[] = [];
  for (let r = 0; r < rows; r++) {
    const output = new Array<number>(c).fill(0);
    output[data.train.labels[r]!] = 1;
    samples.push({ input: Array.from(data.train.x.subarray(r * f, (r + 1) * f)), output });
  }

  const opts = BRAIN_OPTIONS[task.id];
  const net = new brain.NeuralNetwork({ hiddenLayers: task.hidden, activation: opts.activation });
  const { ms, cpuSeconds } = await timed(() => {
    net.train(samples, {
      iterations: epochs,
      errorThresh: 1e-12, // never stop early
      learningRate: opts.learningRate,
      momentum: opts.momentum,
      log: false,
    });
  });

  const scores = new Float32Array(data.test.rows * c);
  for (let r = 0; r < data.test.rows; r++) {
    const out = net.run<number[], ArrayLike<number>>(Array.from(data.test.x.subarray(r * f, (r + 1) * f)));
    for (let k = 0; k < c; k++) scores[r * c + k] = out[k]!;
  }
  const accuracy = accuracyOf(scores, data.test.labels, c);
  const notes = [
    `brain.js NeuralNetwork: ${opts.activation} on every layer incl. the output (no softmax), squared error, ` +
      `per-sample SGD lr ${opts.learningRate} momentum ${opts.momentum}, no reshuffle between epochs`,
  ];
  return measured(rows, epochs, ms, accuracy, notes, cpuSeconds);
}

runPeer(main);
