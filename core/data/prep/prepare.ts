/**
 * The whole preparation in one call: split, fit on the training rows,
 * transform every split. What the engine runs before `fit`.
 */
import type { Rng } from '../../math/rng';
import type { TrainData } from '../../train/data-types';
import type { DataIssue } from '../issues';
import type { DataTable } from '../table';
import type { PrepConfig } from './config';
import { fitPipeline } from './fit-pipeline';
import { applyColumnKinds } from './kinds';
import type { Pipeline } from './pipeline';
import { splitRows, type RowSplit } from './split';
import { transform, type TransformResult } from './transform';

/** A table turned into training data, with the pipeline that did it. */
export interface PreparedData {
  pipeline: Pipeline;
  split: RowSplit;
  train: TransformResult;
  validation: TransformResult;
  test: TransformResult;
  /** What `fit` takes: train, and validation when that split has rows. */
  trainData: TrainData;
  /** Every warning: dropped rows, then categories of the validation and test rows unseen in training. */
  issues: DataIssue[];
}

/**
 * `applyColumnKinds` → `splitRows` → `fitPipeline` on the training rows → `transform` of each split.
 *
 * @param rng defaults to `createRng(config.split.seed)`.
 * @throws DataError from any of the three steps.
 */
export function prepareData(rawTable: DataTable, config: PrepConfig, rng?: Rng): PreparedData {
  const table = applyColumnKinds(rawTable, config.kinds);
  const split = splitRows(table, config, rng);
  const pipeline = fitPipeline(table, config, split.train);
  const train = transform(pipeline, table, split.train);
  const validation = transform(pipeline, table, split.validation);
  const test = transform(pipeline, table, split.test);
  const trainData: TrainData = validation.x.rows > 0 ? { train, validation } : { train };
  const issues = [...split.issues, ...validation.issues, ...test.issues];
  return { pipeline, split, train, validation, test, trainData, issues };
}
