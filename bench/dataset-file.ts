/**
 * The task handed to every peer process: a JSON file (the TaskConfig plus the
 * path of the data) and a little-endian binary data file:
 *
 *   int32[5]  header: magic 0x42505344 ("BPSD"), trainRows, testRows, features, classes
 *   float32   train x [trainRows × features], row-major
 *   int32     train labels [trainRows]
 *   float32   test x [testRows × features]
 *   int32     test labels [testRows]
 *
 * `bench/peers/bench_data.py` reads the same layout with numpy.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabelledRows, TaskConfig, TaskData } from './tasks';

const MAGIC = 0x42505344;
const HEADER_INTS = 5;

export interface TaskFile extends TaskConfig {
  /** Absolute path of the binary data file. */
  dataPath: string;
}

/** Writes `<dir>/task-<id>.json` and `.bin`; returns the JSON path. */
export function writeTaskFiles(dir: string, task: TaskConfig, data: TaskData): string {
  const { train, test } = data;
  const ints = HEADER_INTS + train.rows + test.rows;
  const floats = train.x.length + test.x.length;
  const buf = new ArrayBuffer(4 * (ints + floats));
  const header = new Int32Array(buf, 0, HEADER_INTS);
  header.set([MAGIC, train.rows, test.rows, task.features, task.classes]);
  let off = 4 * HEADER_INTS;
  for (const part of [train, test]) {
    new Float32Array(buf, off, part.x.length).set(part.x);
    off += 4 * part.x.length;
    new Int32Array(buf, off, part.rows).set(part.labels);
    off += 4 * part.rows;
  }
  const dataPath = join(dir, `task-${task.id}.bin`);
  writeFileSync(dataPath, new Uint8Array(buf));
  const jsonPath = join(dir, `task-${task.id}.json`);
  const file: TaskFile = { ...task, dataPath };
  writeFileSync(jsonPath, JSON.stringify(file, null, 2));
  return jsonPath;
}

/** Reads a task JSON file and its data. */
export function readTaskFiles(jsonPath: string): { task: TaskFile; data: TaskData } {
  const task = JSON.parse(readFileSync(jsonPath, 'utf8')) as TaskFile;
  const bytes = readFileSync(task.dataPath);
  // Copy into a fresh, aligned ArrayBuffer (Buffer slices may be unaligned).
  const buf = new Uint8Array(bytes).buffer;
  const header = new Int32Array(buf, 0, HEADER_INTS);
  const [magic, trainRows, testRows, features, classes] = Array.from(header);
  if (magic !== MAGIC || features !== task.features || classes !== task.classes) {
    throw new Error(`${task.dataPath} is not the data of task ${task.id}`);
  }
  let off = 4 * HEADER_INTS;
  const part = (rows: number): LabelledRows => {
    const x = new Float32Array(buf, off, rows * task.features);
    off += 4 * x.length;
    const labels = new Int32Array(buf, off, rows);
    off += 4 * rows;
    return { rows, features: task.features, x, labels };
  };
  const train = part(trainRows!);
  const test = part(testRows!);
  return { task, data: { train, test } };
}

/** A fresh temporary directory and a function that removes it. */
export function makeTempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'bps-bench-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
