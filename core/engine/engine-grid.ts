/**
 * The decision map (`predict-grid`): the network's output over a grid of
 * two of its inputs, the others held at their training means, as
 * TensorFlow Playground draws it — plus each hidden neuron's activation on a
 * small grid (the thumbnails inside neurons) and a sample of training points
 * to draw on top. Coordinates are the network's own (scaled) input units.
 */
import { decodePredictions } from '../data/prep/decode';
import type { PreparedData } from '../data/prep/prepare';
import { zeros, type Matrix } from '../math/matrix';
import type { Model } from '../nn/model-types';
import { fail } from './engine-errors';
import type { GridValue } from './protocol';

/** Defaults and limits of the grid. */
export const GRID = { resolution: 50, maxResolution: 200, thumbnail: 12, points: 400 } as const;

export interface GridRequest {
  inputs?: [number, number];
  resolution?: number;
}

interface Axis {
  min: number;
  max: number;
}

/** The training range of input column `c`, padded by 5% (a constant column gets ±1). */
function axisOf(x: Matrix, c: number): Axis {
  let min = Infinity;
  let max = -Infinity;
  for (let r = 0; r < x.rows; r++) {
    const v = x.data[r * x.cols + c]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max > min)) return { min: (Number.isFinite(min) ? min : 0) - 1, max: (Number.isFinite(max) ? max : 0) + 1 };
  const pad = (max - min) * 0.05;
  return { min: min - pad, max: max + pad };
}

/** Rows of a res × res grid over inputs i (x, left → right) and j (y, top → bottom = max → min), others at `base`. */
function gridRows(base: Float32Array, i: number, j: number, xa: Axis, ya: Axis, res: number): Matrix {
  const cols = base.length;
  const m = zeros(res * res, cols);
  for (let gy = 0; gy < res; gy++) {
    const vy = ya.max - ((gy + 0.5) / res) * (ya.max - ya.min);
    for (let gx = 0; gx < res; gx++) {
      const row = (gy * res + gx) * cols;
      m.data.set(base, row);
      m.data[row + i] = xa.min + ((gx + 0.5) / res) * (xa.max - xa.min);
      m.data[row + j] = vy;
    }
  }
  return m;
}

export function predictGrid(model: Model, prepared: PreparedData, request: GridRequest): GridValue {
  const x = prepared.train.x;
  const names = prepared.pipeline.state.featureNames;
  if (model.spec.inputs < 2) fail('grid-inputs', `The decision map needs a network with at least two inputs; this one has ${model.spec.inputs}.`);
  const [i, j] = request.inputs ?? [0, 1];
  for (const k of [i, j]) {
    if (k >= model.spec.inputs) fail('grid-inputs', `The network has ${model.spec.inputs} inputs; there is no input ${k + 1}.`);
  }
  if (i === j) fail('grid-inputs', 'Choose two different inputs for the decision map.');
  const res = Math.min(GRID.maxResolution, Math.max(2, Math.round(request.resolution ?? GRID.resolution)));

  const base = new Float32Array(x.cols);
  for (let r = 0; r < x.rows; r++) for (let c = 0; c < x.cols; c++) base[c]! += x.data[r * x.cols + c]! / x.rows;
  const xa = axisOf(x, i);
  const ya = axisOf(x, j);

  const output = model.predict(gridRows(base, i, j, xa, ya, res));
  const decoded = decodePredictions(prepared.pipeline, output);
  const cells = res * res;
  const values = new Float32Array(cells);
  let classes: Uint8Array | null = null;
  let kind: GridValue['kind'];
  if (decoded.kind === 'classes') {
    const p = decoded.probabilities;
    if (p.cols === 2) {
      kind = 'binary';
      for (let c = 0; c < cells; c++) values[c] = p.data[c * 2 + 1]!;
    } else {
      kind = 'classes';
      classes = new Uint8Array(cells);
      for (let c = 0; c < cells; c++) {
        let best = 0;
        for (let k = 1; k < p.cols; k++) if (p.data[c * p.cols + k]! > p.data[c * p.cols + best]!) best = k;
        classes[c] = best;
        values[c] = p.data[c * p.cols + best]!;
      }
    }
  } else {
    kind = 'regression';
    const v = decoded.values;
    for (let c = 0; c < cells; c++) values[c] = v.data[c * v.cols]!;
  }

  // Hidden neurons on a small grid: one forward pass, then every hidden layer's activations.
  const t = GRID.thumbnail;
  model.predict(gridRows(base, i, j, xa, ya, t));
  const traces = model.traces();
  const neurons = traces.slice(0, -1).map((trace, layer) => {
    const units = trace.a.cols;
    const out = new Float32Array(units * t * t);
    for (let c = 0; c < t * t; c++) for (let u = 0; u < units; u++) out[u * t * t + c] = trace.a.data[c * units + u]!;
    return { layer, units, resolution: t, values: out };
  });

  // Training points on top: evenly spaced rows, with their class index or target value.
  const step = Math.max(1, x.rows / GRID.points);
  const picked: number[] = [];
  for (let r = 0; r < x.rows && picked.length < GRID.points; r += step) picked.push(Math.floor(r));
  const y = prepared.train.y;
  const targets = decodePredictions(prepared.pipeline, y);
  const target = new Float32Array(picked.length);
  picked.forEach((r, n) => {
    if (targets.kind === 'classes') target[n] = targets.labels.indexOf(targets.predicted[r]!);
    else target[n] = targets.values.data[r * targets.values.cols]!;
  });
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) { if (v < min) min = v; if (v > max) max = v; }

  return {
    inputs: [i, j],
    names: [names[i] ?? `input ${i + 1}`, names[j] ?? `input ${j + 1}`],
    resolution: res,
    x: xa,
    y: ya,
    kind,
    labels: decoded.kind === 'classes' ? [...decoded.labels] : null,
    values,
    classes,
    range: { min, max },
    neurons,
    points: {
      x: Float32Array.from(picked, (r) => x.data[r * x.cols + i]!),
      y: Float32Array.from(picked, (r) => x.data[r * x.cols + j]!),
      target,
    },
  };
}
