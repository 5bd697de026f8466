/**
 * The two fixed benchmark tasks and their deterministic data.
 *
 * Rows are standard-normal features labelled by a seeded random "teacher"
 * network (features → hidden tanh → logits, argmax). Teacher weights are
 * N(0, 1)/√fan_in with no biases, so the logits are symmetric around 0 and the
 * classes come out roughly balanced (the harness prints the actual balance).
 */
import { createRng } from '../core/math/rng';

export type TaskId = 'A' | 'B';

/** How every system trains on a task (plain JSON, also read by the Python peers). */
export interface TaskConfig {
  id: TaskId;
  title: string;
  /** Training rows N. */
  trainRows: number;
  /** Held-out rows accuracy is measured on. */
  testRows: number;
  features: number;
  classes: number;
  /** Hidden units of the teacher that labels the data. */
  teacherHidden: number;
  /** Student MLP hidden layer sizes (ReLU); the output layer is softmax. */
  hidden: number[];
  optimizer: { kind: 'adam' | 'sgd'; learningRate: number };
  batchSize: number;
  epochs: number;
  /** Seed of the data (features and teacher). */
  dataSeed: number;
  /** Seed for model init and shuffling, where a system takes one. */
  modelSeed: number;
}

export const TASKS: Record<TaskId, TaskConfig> = {
  A: {
    id: 'A',
    title: 'Task A: 20k×32 → MLP 32-64-64-3, Adam 1e-3, batch 32, 5 epochs',
    trainRows: 20_000,
    testRows: 2_000,
    features: 32,
    classes: 3,
    teacherHidden: 16,
    hidden: [64, 64],
    optimizer: { kind: 'adam', learningRate: 1e-3 },
    batchSize: 32,
    epochs: 5,
    dataSeed: 1001,
    modelSeed: 42,
  },
  B: {
    id: 'B',
    title: 'Task B: 10k×784 → MLP 784-128-10, SGD 0.05, batch 64, 3 epochs',
    trainRows: 10_000,
    testRows: 2_000,
    features: 784,
    classes: 10,
    teacherHidden: 32,
    hidden: [128],
    optimizer: { kind: 'sgd', learningRate: 0.05 },
    batchSize: 64,
    epochs: 3,
    dataSeed: 2002,
    modelSeed: 42,
  },
};

/** Features row-major [rows × features] and integer labels [rows]. */
export interface LabelledRows {
  rows: number;
  features: number;
  x: Float32Array;
  labels: Int32Array;
}

export interface TaskData {
  train: LabelledRows;
  test: LabelledRows;
}

/** Generates the task's train and held-out rows (same seed → same bytes). */
export function generateTask(task: TaskConfig): TaskData {
  const rng = createRng(task.dataSeed);
  const { features: f, teacherHidden: h, classes: c } = task;
  const w1 = new Float64Array(f * h);
  const w2 = new Float64Array(h * c);
  for (let i = 0; i < w1.length; i++) w1[i] = rng.normal() / Math.sqrt(f);
  for (let i = 0; i < w2.length; i++) w2[i] = rng.normal() / Math.sqrt(h);

  const make = (rows: number): LabelledRows => {
    const x = new Float32Array(rows * f);
    const labels = new Int32Array(rows);
    const hid = new Float64Array(h);
    for (let r = 0; r < rows; r++) {
      const off = r * f;
      for (let i = 0; i < f; i++) x[off + i] = rng.normal();
      hid.fill(0);
      for (let i = 0; i < f; i++) {
        const xi = x[off + i]!;
        for (let j = 0; j < h; j++) hid[j]! += xi * w1[i * h + j]!;
      }
      for (let j = 0; j < h; j++) hid[j] = Math.tanh(hid[j]!);
      let best = 0;
      let bestLogit = -Infinity;
      for (let k = 0; k < c; k++) {
        let z = 0;
        for (let j = 0; j < h; j++) z += hid[j]! * w2[j * c + k]!;
        if (z > bestLogit) { bestLogit = z; best = k; }
      }
      labels[r] = best;
    }
    return { rows, features: f, x, labels };
  };
  const train = make(task.trainRows);
  const test = make(task.testRows);
  return { train, test };
}

/** Fraction of rows in each class. */
export function classBalance(labels: Int32Array, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const l of labels) counts[l]! += 1;
  return counts.map((n) => n / Math.max(1, labels.length));
}

/** One-hot rows [rows × classes]. */
export function oneHot(labels: Int32Array, classes: number): Float32Array {
  const y = new Float32Array(labels.length * classes);
  labels.forEach((l, r) => { y[r * classes + l] = 1; });
  return y;
}

/** Fraction of rows whose argmax over `scores` [rows × classes] equals the label. */
export function accuracyOf(scores: ArrayLike<number>, labels: Int32Array, classes: number): number {
  let hits = 0;
  for (let r = 0; r < labels.length; r++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (scores[r * classes + k]! > scores[r * classes + best]!) best = k;
    if (best === labels[r]) hits++;
  }
  return hits / Math.max(1, labels.length);
}
