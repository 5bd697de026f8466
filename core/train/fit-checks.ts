import type { Model } from '../nn/model-types';
import { OPTIMIZERS } from '../optim/config';
import type { TrainConfig } from './config';
import { TrainError } from './errors';
import type { TrainData } from './data-types';

const bad = (message: string): TrainError => new TrainError('invalid-config', message);

/** Throws a `TrainError` naming the first setting or data shape `fit` cannot use. */
export function checkFitInputs(model: Model, data: TrainData, config: TrainConfig): void {
  if (!Number.isInteger(config.epochs) || config.epochs < 0) throw bad(`epochs must be a whole number ≥ 0, got ${config.epochs}`);
  if (!Number.isInteger(config.batchSize) || config.batchSize < 1) throw bad(`batch size must be a whole number ≥ 1, got ${config.batchSize}`);
  if (!(OPTIMIZERS as readonly string[]).includes(config.optimizer.kind)) {
    throw bad(`optimizer must be one of ${OPTIMIZERS.join(', ')}; got "${String(config.optimizer.kind)}"`);
  }
  const lr = config.optimizer.learningRate;
  if (!(lr > 0) || !Number.isFinite(lr)) throw bad(`learning rate must be a finite number > 0, got ${lr}`);
  for (const [name, v] of [['L1', config.l1], ['L2', config.l2]] as const) {
    if (v !== undefined && !(v >= 0 && Number.isFinite(v))) throw bad(`${name} penalty must be a finite number ≥ 0, got ${v}`);
  }
  if (config.clipNorm !== undefined && !(config.clipNorm > 0)) throw bad(`gradient clipping norm must be > 0, got ${config.clipNorm}`);
  if (config.earlyStopping && !(Number.isInteger(config.earlyStopping.patience) && config.earlyStopping.patience >= 1)) {
    throw bad(`early-stopping patience must be a whole number ≥ 1, got ${config.earlyStopping.patience}`);
  }
  const sets = data.validation ? [['training', data.train], ['validation', data.validation]] as const : [['training', data.train]] as const;
  for (const [name, d] of sets) {
    if (d.x.rows !== d.y.rows) throw new TrainError('invalid-data', `the ${name} data has ${d.x.rows} input rows but ${d.y.rows} target rows`);
    if (d.x.cols !== model.spec.inputs) throw new TrainError('invalid-data', `the ${name} data has ${d.x.cols} input columns, but the network takes ${model.spec.inputs}`);
    const outputs = model.spec.layers[model.spec.layers.length - 1]!.units;
    if (d.y.cols !== outputs) throw new TrainError('invalid-data', `the ${name} data has ${d.y.cols} target columns, but the network has ${outputs} outputs`);
  }
  if (data.train.x.rows === 0) throw new TrainError('invalid-data', 'the training data has no rows');
}
