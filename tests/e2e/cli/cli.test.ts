/**
 * End-to-end: the `backprop-studio` command run as a child process on the
 * shipped iris example (train → evaluate → predict → export → inspect), plus
 * the exact one-line message and exit code of each error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../../helpers/close';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const IRIS = join(ROOT, 'examples/iris.csv');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/backprop-studio.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Metrics {
  loss: number;
  accuracy?: number;
}

let dir = '';
let model = '';
let trained: { task: string; epochs: number; seconds: number; metrics: Record<'train' | 'validation' | 'test', Metrics> };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bps-cli-'));
  model = join(dir, 'm.json');
  const r = cli('train', IRIS, '--target', 'species', '--epochs', '60', '--json', '--out', model);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  trained = JSON.parse(r.stdout) as typeof trained;
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('backprop-studio on examples/iris.csv', () => {
  it('train --json prints exactly one JSON object with task, epochs, seconds and per-split metrics, and writes the model file', () => {
    expect(Object.keys(trained).sort()).toEqual(['epochs', 'metrics', 'seconds', 'task']);
    expect(trained.task).toBe('classification');
    expect(trained.epochs).toBeGreaterThan(0);
    expect(trained.epochs).toBeLessThanOrEqual(60);
    expect(trained.seconds).toBeGreaterThan(0);
    for (const split of ['train', 'validation', 'test'] as const) {
      expect(Object.keys(trained.metrics[split]).sort()).toEqual(['accuracy', 'loss']);
    }
    expect(trained.metrics.test.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(JSON.parse(readFileSync(model, 'utf8'))).toMatchObject({ format: 'backprop-studio/model', version: 1 });
  });

  it('evaluate --json on the whole file gives an accuracy close to the training splits', () => {
    const r = cli('evaluate', model, IRIS, '--json');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { rows: number; metrics: Metrics };
    expect(result.rows).toBe(150);
    // The whole file is 70 % train, 15 % validation and 15 % test rows: its accuracy is their row-weighted mean.
    const { train, validation, test } = trained.metrics;
    expectClose(result.metrics.accuracy!, 0.7 * train.accuracy! + 0.15 * validation.accuracy! + 0.15 * test.accuracy!, 0.02);
  });

  it('predict writes a CSV with a header and one line per row', () => {
    const out = join(dir, 'predictions.csv');
    const r = cli('predict', model, IRIS, '--out', out);
    expect(r.status).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,species,predicted(species),p(setosa),p(versicolor),p(virginica)');
    expect(lines).toHaveLength(151);
  });

  it('export --format onnx writes a model onnxruntime loads, with the "probabilities" output', async () => {
    const out = join(dir, 'm.onnx');
    expect(cli('export', model, '--format', 'onnx', '--out', out).status).toBe(0);
    const session = await ort.InferenceSession.create(out);
    expect(session.outputNames).toContain('probabilities');
  });

  it('export --format tfjs writes model.json and weights.bin into the --out directory', () => {
    const out = join(dir, 'tfjs');
    expect(cli('export', model, '--format', 'tfjs', '--out', out).status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'))).toHaveProperty('weightsManifest');
    // 4·64 + 64 + 64·32 + 32 + 32·3 + 3 float32 values.
    expect(statSync(join(out, 'weights.bin')).size).toBe(2499 * 4);
  });

  it('export --format python writes a Python file', () => {
    const out = join(dir, 'model.py');
    expect(cli('export', model, '--format', 'python', '--out', out).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^def predict/m);
  });

  it('export --format js writes a module whose predict() classifies an iris record', async () => {
    const out = join(dir, 'model.mjs');
    expect(cli('export', model, '--format', 'js', '--out', out).status).toBe(0);
    const mod = await import(pathToFileURL(out).href) as { predict(record: Record<string, string>): { label: string } };
    const record = { sepal_length_cm: '5.1', sepal_width_cm: '3.5', petal_length_cm: '1.4', petal_width_cm: '0.2' };
    expect(mod.predict(record).label).toBe('setosa');
  });

  it('inspect prints the task, the layer sizes and the parameter count', () => {
    const r = cli('inspect', model);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('task: classification');
    for (const line of ['4 → 64  relu', '64 → 32  relu', '32 → 3  softmax', 'parameters: 2499']) expect(r.stdout).toContain(line);
  });
});

describe('backprop-studio on a regression target (examples/penguins.csv, body_mass_g)', () => {
  it('train reports loss, MAE and RMSE in grams, and R², and evaluate agrees on the whole file', () => {
    const out = join(dir, 'mass.json');
    const r = cli('train', join(ROOT, 'examples/penguins.csv'), '--target', 'body_mass_g', '--epochs', '40', '--json', '--out', out);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { task: string; metrics: Record<string, Record<string, number>> };
    expect(result.task).toBe('regression');
    expect(Object.keys(result.metrics['test']!).sort()).toEqual(['loss', 'mae', 'r2', 'rmse']);
    expect(result.metrics['test']!['r2']).toBeGreaterThan(0.7);
    // Body masses span about 2700–6300 g: an RMSE in grams is far above 1, unlike one on the standardized target.
    expect(result.metrics['test']!['rmse']).toBeGreaterThan(100);
    expect(result.metrics['test']!['rmse']).toBeLessThan(600);
    const e = JSON.parse(cli('evaluate', out, join(ROOT, 'examples/penguins.csv'), '--json').stdout) as { rows: number; metrics: Record<string, number> };
    expect(e.rows).toBe(342);
    expect(e.metrics['rmse']).toBeGreaterThan(100);
    expect(e.metrics['rmse']).toBeLessThan(600);
  });

  it('train without --json and not on a terminal prints plain progress lines and the metrics', () => {
    const out = join(dir, 'plain.json');
    const r = cli('train', IRIS, '--target', 'species', '--epochs', '10', '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('\r');
    expect(r.stdout).toMatch(/^epoch 1\/10 loss \d+\.\d{4} val_loss \d+\.\d{4}$/m);
    expect(r.stdout).toMatch(/^test +loss \d+\.\d{4} {2}accuracy \d+\.\d{4}$/m);
    expect(r.stdout).toContain(`wrote ${out}`);
    expect(existsSync(out)).toBe(true);
  });
});

describe('backprop-studio errors: one line on stderr, exit code 1', () => {
  beforeAll(() => {
    writeFileSync(join(dir, 'empty.csv'), '');
    writeFileSync(join(dir, 'unclosed.csv'), 'a,b\n1,2\n"x,4\n');
  });

  const cases: [string, () => string[], string | (() => string)][] = [
    ['a missing data file', () => ['train', join(dir, 'nope.csv'), '--target', 'species', '--out', join(dir, 'x.json')], () => `file not found: ${join(dir, 'nope.csv')}`],
    ['an unknown --target column', () => ['train', IRIS, '--target', 'kind', '--out', join(dir, 'x.json')],
      '--target "kind" is not a column of "iris.csv" (its columns: "sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm", "species")'],
    ['--lr abc', () => ['train', IRIS, '--target', 'species', '--lr', 'abc', '--out', 'x.json'], '--lr expects a positive number, got "abc"'],
    ['--epochs 0', () => ['train', IRIS, '--target', 'species', '--epochs', '0', '--out', 'x.json'], '--epochs expects a positive integer, got "0"'],
    ['--val 0.6 --test 0.5', () => ['train', IRIS, '--target', 'species', '--val', '0.6', '--test', '0.5', '--out', 'x.json'],
      '--val plus --test must be below 1 to leave training rows, got 0.6 + 0.5'],
    ['--out in a directory that does not exist', () => ['train', IRIS, '--target', 'species', '--out', '/nonexistent-dir/m.json'],
      'cannot write /nonexistent-dir/m.json: the directory /nonexistent-dir does not exist'],
    ['no --target', () => ['train', IRIS, '--out', 'x.json'], '"train" needs --target <value>; run backprop-studio train --help'],
    ['an unknown command', () => ['fit'], 'unknown command "fit"; run backprop-studio --help'],
    ['an unknown option', () => ['train', IRIS, '--target', 'species', '--rate', '1'], 'unknown option --rate for "train"; run backprop-studio train --help'],
    ['an empty CSV', () => ['train', join(dir, 'empty.csv'), '--target', 'a', '--out', join(dir, 'x.json')], 'empty.csv is empty: it has no rows to import.'],
    ['an unclosed quote in the CSV', () => ['train', join(dir, 'unclosed.csv'), '--target', 'a', '--out', join(dir, 'x.json')],
      'unclosed.csv: the quoted field starting on line 3 is never closed, so the rest of the file would be read as one cell; check for a stray " on that line.'],
    ['a missing model file', () => ['inspect', join(dir, 'nope.json')], () => `file not found: ${join(dir, 'nope.json')}`],
    ['a CSV given as the model file', () => ['evaluate', IRIS, IRIS],
      `${IRIS}: The model file is not valid JSON: Unexpected token 's', "sepal_leng"... is not valid JSON.`],
    ['an unknown export format', () => ['export', model, '--format', 'xml', '--out', join(dir, 'm.xml')], '--format expects one of onnx, tfjs, python, js, got "xml"'],
    ['prediction rows without the model\'s inputs', () => ['predict', model, join(ROOT, 'examples/penguins.csv')],
      'Row 1 of "penguins.csv" has no column "sepal_length_cm", which the model needs as an input.'],
  ];

  it.each(cases)('%s', (_title, args, message) => {
    const r = cli(...args());
    expect(r.stderr).toBe(`backprop-studio: ${typeof message === 'string' ? message : message()}\n`);
    expect(r.status).toBe(1);
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });
});

describe('backprop-studio --help', () => {
  it.each([[[]], [['--help']], [['train', '--help']], [['evaluate', '--help']], [['predict', '--help']], [['export', '--help']], [['inspect', '--help']]])(
    'backprop-studio %j prints usage and exits 0',
    (args: string[]) => {
      const r = cli(...args);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^Usage: backprop-studio/);
      expect(r.stderr).toBe('');
    },
  );
});
