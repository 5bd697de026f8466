import type { Matrix } from '../math/matrix';

/** Inputs and targets, row-aligned: x [rows × inputs], y [rows × outputs]. */
export interface Dataset {
  readonly x: Matrix;
  readonly y: Matrix;
}

/** What `fit` trains on, and optionally validates on at each epoch end. */
export interface TrainData {
  readonly train: Dataset;
  readonly validation?: Dataset;
}
