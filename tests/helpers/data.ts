import { zeros, type Matrix } from '../../core/math/matrix';
import type { Rng } from '../../core/math/rng';

/** A [rows × cols] matrix of standard-normal draws scaled by `scale`. */
export function randomMatrix(rng: Rng, rows: number, cols: number, scale = 1): Matrix {
  const m = zeros(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = scale * rng.normal();
  return m;
}

/** One-hot rows with a random class each. */
export function randomOneHot(rng: Rng, rows: number, classes: number): Matrix {
  const m = zeros(rows, classes);
  for (let r = 0; r < rows; r++) m.data[r * classes + rng.int(classes)] = 1;
  return m;
}

/** Random 0/1 targets. */
export function randomBinary(rng: Rng, rows: number, cols: number): Matrix {
  const m = zeros(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.next() < 0.5 ? 0 : 1;
  return m;
}
