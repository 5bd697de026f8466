/**
 * TensorFlow.js peer: `tsx bench/peers/tfjs.ts --backend cpu|wasm --task-file <json>`.
 * One backend per process (tfjs keeps global engine state).
 *
 * Same model as ours: dense ReLU hidden layers (He uniform), softmax output
 * (Glorot uniform), zero biases, categorical cross-entropy, the task's
 * optimizer (Adam ε = 1e-7 by default in tfjs, as ours), model.fit with
 * shuffle (Math.random, not seedable) and the task's batch size. `yieldEvery: 'never'` so fit does not
 * hand control back to the event loop between batches.
 */
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { readTaskFiles } from '../dataset-file';
import { measured, parsePeerArgs, runPeer, timed, type PeerOutput } from '../protocol';
import { accuracyOf, oneHot } from '../tasks';

async function setUpBackend(backend: string): Promise<string[]> {
  const notes: string[] = [];
  if (backend === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // In Node the .wasm files are read from the file system: give the dist folder as a path.
    const pkg = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json');
    wasm.setWasmPaths(join(dirname(pkg), 'dist') + '/');
    // Single thread: the threaded build needs workers; we compare one core.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    // The backend picks the binary from these flags (checked: with SIMD on, it
    // loads tfjs-backend-wasm-simd.wasm and never opens the plain one).
    notes.push(simd ? 'SIMD build (tfjs-backend-wasm-simd.wasm), 1 thread' : 'NO SIMD: plain tfjs-backend-wasm.wasm, 1 thread');
  } else if (backend !== 'cpu') {
    throw new Error(`unknown tfjs backend "${backend}" (cpu | wasm)`);
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') failed`);
  await tf.ready();
  if (tf.getBackend() !== backend) throw new Error(`tfjs is on backend ${tf.getBackend()}, not ${backend}`);
  return notes;
}

async function main(): Promise<PeerOutput> {
  const args = parsePeerArgs(process.argv.slice(2));
  const backend = args.backend ?? 'cpu';
  const { task, data } = readTaskFiles(args.taskFile);
  const notes = await setUpBackend(backend);
  const rows = Math.min(args.rows ?? task.trainRows, data.train.rows);
  const epochs = args.epochs ?? task.epochs;

  const model = tf.sequential();
  task.hidden.forEach((units, i) => {
    model.add(tf.layers.dense({
      units, activation: 'relu', kernelInitializer: tf.initializers.heUniform({ seed: task.modelSeed + i }),
      ...(i === 0 ? { inputShape: [task.features] } : {}),
    }));
  });
  model.add(tf.layers.dense({
    units: task.classes, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: task.modelSeed + 99 }),
  }));
  const lr = task.optimizer.learningRate;
  const optimizer = task.optimizer.kind === 'adam' ? tf.train.adam(lr) : tf.train.sgd(lr);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });

  const x = tf.tensor2d(data.train.x.subarray(0, rows * task.features), [rows, task.features]);
  const y = tf.tensor2d(oneHot(data.train.labels.subarray(0, rows), task.classes), [rows, task.classes]);

  const { ms, cpuSeconds } = await timed(() =>
    model.fit(x, y, { batchSize: task.batchSize, epochs, shuffle: true, verbose: 0, yieldEvery: 'never' }));

  const xTest = tf.tensor2d(data.test.x, [data.test.rows, task.features]);
  const out = model.predict(xTest);
  if (Array.isArray(out)) throw new Error('expected a single output tensor');
  const accuracy = accuracyOf(await out.data(), data.test.labels, task.classes);
  notes.unshift(`tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}`);
  return measured(rows, epochs, ms, accuracy, notes, cpuSeconds);
}

runPeer(main);
