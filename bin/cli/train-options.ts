/**
 * The options of `backprop-studio train` and their defaults. The defaults
 * are a product decision: two ReLU hidden layers (64, 32), Adam at 1e-3,
 * batches of 32, up to 200 epochs with early stopping on the validation loss
 * (patience 20, best weights restored), inputs standardized, 70/15/15 split.
 */
import { ACTIVATIONS, LOSSES, type ActivationName, type LossName } from '../../core/nn/spec';
import { OPTIMIZERS, type OptimizerName } from '../../core/optim/config';
import { TASKS, type Task } from '../../core/data/prep/config';
import { choiceOption, cliFail, integerOption, numberOption, optionText, requiredOption, type OptionSpec, type ParsedArgs } from './args';

/** Options `train` accepts. */
export const TRAIN_OPTIONS: OptionSpec = {
  target: 'value', task: 'value', layers: 'value', activation: 'value', loss: 'value', optimizer: 'value', lr: 'value',
  batch: 'value', epochs: 'value', val: 'value', test: 'value', seed: 'value', 'early-stop': 'value', out: 'value', json: 'flag',
};

export const TRAIN_USAGE = `Usage: backprop-studio train <data.csv> --target <column> --out <model.json> [options]

Trains a dense network on a CSV file and writes the model file.

Options:
  --target <column>       the column to predict (required)
  --task <task>           classification | regression (default: from the target column)
  --layers <sizes>        hidden layer sizes, comma-separated (default 64,32; "" for none)
  --activation <name>     hidden activation: ${ACTIVATIONS.filter((a) => a !== 'softmax').join(', ')} (default relu)
  --loss <name>           auto | ${LOSSES.join(', ')} (default auto)
  --optimizer <name>      ${OPTIMIZERS.join(', ')} (default adam)
  --lr <rate>             learning rate (default 0.001)
  --batch <size>          batch size (default 32)
  --epochs <n>            most epochs to train (default 200)
  --val <fraction>        validation fraction (default 0.15)
  --test <fraction>       test fraction (default 0.15)
  --seed <n>              seed of the split, initial weights and shuffling (default 1)
  --early-stop <n>        stop after n epochs without a better validation loss; 0 = off (default 20)
  --out <model.json>      where to write the model file (required)
  --json                  print one JSON object with the metrics instead of progress
  --help                  show this help`;

/** Everything `train` was asked for, validated. */
export interface TrainArgs {
  data: string;
  target: string;
  /** null: inferred from the target column. */
  task: Task | null;
  layers: number[];
  activation: ActivationName;
  loss: LossName | 'auto';
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  epochs: number;
  validation: number;
  test: number;
  seed: number;
  /** 0 = no early stopping. */
  patience: number;
  out: string;
  json: boolean;
}

const HIDDEN_ACTIVATIONS = ACTIVATIONS.filter((a): a is Exclude<ActivationName, 'softmax'> => a !== 'softmax');

/** Reads and checks `train`'s options (the data path is the one positional). */
export function trainArgs(data: string, args: ParsedArgs): TrainArgs {
  const fraction = (name: string): number =>
    numberOption(args, name, 0.15, 'a fraction in [0, 1)', (n) => n >= 0 && n < 1);
  const validation = fraction('val');
  const test = fraction('test');
  if (validation + test >= 1) cliFail(`--val plus --test must be below 1 to leave training rows, got ${validation} + ${test}`);
  const taskText = optionText(args, 'task');
  return {
    data,
    target: requiredOption(args, 'train', 'target'),
    task: taskText === undefined ? null : choiceOption(args, 'task', TASKS, 'classification'),
    layers: layerSizes(optionText(args, 'layers')),
    activation: choiceOption(args, 'activation', HIDDEN_ACTIVATIONS, 'relu'),
    loss: choiceOption(args, 'loss', ['auto', ...LOSSES], 'auto'),
    optimizer: choiceOption(args, 'optimizer', OPTIMIZERS, 'adam'),
    learningRate: numberOption(args, 'lr', 0.001, 'a positive number', (n) => n > 0),
    batchSize: integerOption(args, 'batch', 32, 1),
    epochs: integerOption(args, 'epochs', 200, 1),
    validation,
    test,
    seed: integerOption(args, 'seed', 1, 0),
    patience: integerOption(args, 'early-stop', 20, 0),
    out: requiredOption(args, 'train', 'out'),
    json: args.options.get('json') === true,
  };
}

function layerSizes(text: string | undefined): number[] {
  if (text === undefined) return [64, 32];
  if (text.trim() === '') return [];
  return text.split(',').map((part) => {
    const n = Number(part.trim());
    if (part.trim() === '' || !Number.isInteger(n) || n < 1) {
      cliFail(`--layers expects positive integers separated by commas such as 64,32, got "${text}"`);
    }
    return n;
  });
}
