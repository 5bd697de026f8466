/**
 * The native model file, version 1: the on-disk JSON schema as zod schemas.
 *
 * The runtime types (`NetworkSpec`, `TrainConfig`, `EpochLog`) are written by
 * hand in `nn/` and `train/`; the schemas here mirror them, and
 * `SchemaTypeChecks` fails `tsc` the moment the two drift apart. The file types
 * (`ModelFileV1`, `WeightTensorFile`) are inferred from their schemas.
 *
 * Every schema's error is an "expected ..." phrase (e.g. `a positive integer`);
 * `errors.ts` turns an issue into "Invalid model file at <path>: expected
 * <phrase>, got <value>." Objects are strict, so a misspelt optional field
 * (`useBais`) is reported instead of silently falling back to a default.
 */
import { z } from 'zod';
import { ACTIVATIONS, LOSSES, type NetworkSpec } from '../nn/spec';
import { OPTIMIZERS } from '../optim/config';
import { METRICS, type EpochLog, type TrainConfig } from '../train/config';
import { preprocessingFileSchema } from '../data/prep/file-schema';

/** Value of the `format` field that marks a Backprop Studio model file. */
export const MODEL_FILE_FORMAT = 'backprop-studio/model';

/** The file version this code writes and validates; older files are migrated up to it. */
export const CURRENT_MODEL_FILE_VERSION = 1;

// ---------------------------------------------------------------- building blocks

const expected = (phrase: string): { error: string } => ({ error: phrase });
const quoted = (values: readonly string[]): string => values.map((v) => `"${v}"`).join(', ');

const finiteNumber = (phrase = 'a finite number') => z.number(expected(phrase));
const positiveNumber = (phrase = 'a positive number') => z.number(expected(phrase)).positive(expected(phrase));
const nonNegativeNumber = (phrase = 'a number ≥ 0') => z.number(expected(phrase)).nonnegative(expected(phrase));
const positiveInteger = (phrase = 'a positive integer') =>
  z.number(expected(phrase)).int(expected(phrase)).min(1, expected(phrase));
const nonNegativeInteger = (phrase = 'an integer ≥ 0') =>
  z.number(expected(phrase)).int(expected(phrase)).min(0, expected(phrase));
const boolean = () => z.boolean(expected('true or false'));
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, expected(`one of ${quoted(values)}`));
const object = <S extends z.core.$ZodLooseShape>(shape: S, phrase: string) => z.strictObject(shape, expected(phrase));

// ---------------------------------------------------------------- network spec

const INITIALIZER_KINDS = [
  'glorot-uniform', 'glorot-normal', 'he-uniform', 'he-normal', 'uniform', 'zeros', 'constant', 'given',
] as const;
const initializerObject = 'an initializer object such as { "kind": "zeros" }';

/** `InitializerSpec`: how a kernel or bias is filled when a model is created. */
export const initializerSpecSchema = z.discriminatedUnion(
  'kind',
  [
    object({ kind: z.literal('glorot-uniform') }, initializerObject),
    object({ kind: z.literal('glorot-normal') }, initializerObject),
    object({ kind: z.literal('he-uniform') }, initializerObject),
    object({ kind: z.literal('he-normal') }, initializerObject),
    object({ kind: z.literal('uniform'), limit: nonNegativeNumber() }, initializerObject),
    object({ kind: z.literal('zeros') }, initializerObject),
    object({ kind: z.literal('constant'), value: finiteNumber() }, initializerObject),
    object({ kind: z.literal('given'), values: z.array(finiteNumber(), expected('a list of numbers')) }, initializerObject),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? `one of ${quoted(INITIALIZER_KINDS)}` : initializerObject) },
);

/** `LayerSpec`, plus: `unitActivations` has one entry per unit and no `softmax`. */
export const layerSpecSchema = object(
  {
    units: positiveInteger(),
    activation: oneOf(ACTIVATIONS),
    unitActivations: z.array(oneOf(ACTIVATIONS), expected('a list of activation names')).exactOptional(),
    useBias: boolean().exactOptional(),
    kernelInitializer: initializerSpecSchema.exactOptional(),
    biasInitializer: initializerSpecSchema.exactOptional(),
  },
  'a layer object such as { "units": 4, "activation": "relu" }',
).superRefine((layer, ctx) => {
  const per = layer.unitActivations;
  if (per === undefined) return;
  if (per.length !== layer.units) {
    const phrase = `${layer.units} activation${layer.units === 1 ? '' : 's'} (one per unit)`;
    ctx.addIssue({ code: 'custom', path: ['unitActivations'], message: phrase });
  }
  per.forEach((name, unit) => {
    if (name !== 'softmax') return;
    ctx.addIssue({
      code: 'custom',
      path: ['unitActivations', unit],
      message: 'a per-unit activation other than "softmax" (softmax couples the units, so it is only allowed as the layer\'s "activation")',
    });
  });
});

/** `NetworkSpec`, plus: `given` initializers hold exactly as many values as the tensor they fill. */
export const networkSpecSchema = object(
  {
    inputs: positiveInteger(),
    layers: z.array(layerSpecSchema, expected('a list of layers')).min(1, expected('at least one layer')),
    loss: oneOf(LOSSES),
    huberDelta: positiveNumber().exactOptional(),
  },
  'a network spec object with "inputs", "layers" and "loss"',
).superRefine((spec, ctx) => {
  let inputs = spec.inputs;
  spec.layers.forEach((layer, i) => {
    const shapes = [
      ['kernelInitializer', layer.kernelInitializer, [inputs, layer.units]],
      ['biasInitializer', layer.biasInitializer, [layer.units]],
    ] as const;
    for (const [field, init, shape] of shapes) {
      const size = shape.reduce((a, b) => a * b, 1);
      if (init?.kind !== 'given' || init.values.length === size) continue;
      const tensor = field === 'kernelInitializer' ? 'kernel' : 'bias';
      ctx.addIssue({
        code: 'custom',
        path: ['layers', i, field, 'values'],
        message: `${size} value${size === 1 ? '' : 's'} (the ${tensor} has shape [${shape.join(', ')}])`,
      });
    }
    inputs = layer.units;
  });
});

// ---------------------------------------------------------------- training config and history

const optimizerConfigSchema = object(
  {
    kind: oneOf(OPTIMIZERS),
    learningRate: positiveNumber(),
    momentum: nonNegativeNumber().exactOptional(),
    rho: nonNegativeNumber().exactOptional(),
    beta1: nonNegativeNumber().exactOptional(),
    beta2: nonNegativeNumber().exactOptional(),
    epsilon: positiveNumber().exactOptional(),
    weightDecay: nonNegativeNumber().exactOptional(),
  },
  'an optimizer object such as { "kind": "sgd", "learningRate": 0.1 }',
);

const SCHEDULE_KINDS = ['constant', 'step', 'exponential', 'cosine'] as const;
const scheduleObject = 'a schedule object such as { "kind": "constant" }';

const scheduleConfigSchema = z.discriminatedUnion(
  'kind',
  [
    object({ kind: z.literal('constant') }, scheduleObject),
    object({ kind: z.literal('step'), stepSize: positiveInteger(), gamma: positiveNumber() }, scheduleObject),
    object({ kind: z.literal('exponential'), gamma: positiveNumber() }, scheduleObject),
    object({ kind: z.literal('cosine'), minLearningRate: nonNegativeNumber().exactOptional() }, scheduleObject),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? `one of ${quoted(SCHEDULE_KINDS)}` : scheduleObject) },
);

/** `TrainConfig`: how the network was trained. */
export const trainConfigSchema = object(
  {
    epochs: positiveInteger(),
    batchSize: positiveInteger(),
    optimizer: optimizerConfigSchema,
    schedule: scheduleConfigSchema.exactOptional(),
    l1: nonNegativeNumber().exactOptional(),
    l2: nonNegativeNumber().exactOptional(),
    clipNorm: positiveNumber().exactOptional(),
    shuffle: boolean().exactOptional(),
    metrics: z.array(oneOf(METRICS), expected('a list of metric names')).exactOptional(),
    earlyStopping: object(
      {
        monitor: oneOf(['loss', 'val_loss']).exactOptional(),
        patience: nonNegativeInteger(),
        minDelta: nonNegativeNumber().exactOptional(),
        restoreBest: boolean().exactOptional(),
      },
      'an early-stopping object such as { "patience": 10 }',
    ).exactOptional(),
  },
  'a training configuration object (or null)',
);

const metricValuesSchema = object(
  {
    loss: finiteNumber().exactOptional(),
    accuracy: finiteNumber().exactOptional(),
    mae: finiteNumber().exactOptional(),
    rmse: finiteNumber().exactOptional(),
    r2: finiteNumber().exactOptional(),
  },
  `an object of metric values keyed by ${quoted(METRICS)}`,
);

/** `EpochLog`: one entry of the training history. */
export const epochLogSchema = object(
  {
    epoch: positiveInteger(),
    learningRate: nonNegativeNumber(),
    train: metricValuesSchema,
    validation: metricValuesSchema.exactOptional(),
    durationMs: nonNegativeNumber(),
  },
  'an epoch log object such as { "epoch": 1, "learningRate": 0.1, "train": { "loss": 0.5 }, "durationMs": 3 }',
);

// ---------------------------------------------------------------- the file

/** One weight tensor on disk: `data` is base64 of its values as little-endian float32, row-major. */
export const weightTensorFileSchema = object(
  {
    name: z.string(expected('a tensor name such as "dense_0/kernel"')),
    shape: z.array(nonNegativeInteger('a dimension (an integer ≥ 0)'), expected('a shape such as [3, 2]')),
    dtype: z.literal('float32', expected('"float32"')),
    data: z.string(expected('a base64 string of little-endian float32 values')),
  },
  'a weight tensor object with "name", "shape", "dtype" and "data"',
);

/** The whole model file, version 1. `preprocessing` is the fitted dataset pipeline (`data/prep/file-schema.ts`), or null. */
export const modelFileV1Schema = object(
  {
    format: z.literal(MODEL_FILE_FORMAT, expected(`"${MODEL_FILE_FORMAT}"`)),
    version: z.literal(CURRENT_MODEL_FILE_VERSION, expected(String(CURRENT_MODEL_FILE_VERSION))),
    createdAt: z.iso.datetime({ offset: true, error: 'an ISO 8601 date-time such as "2025-01-31T12:00:00.000Z"' }),
    engineVersion: z.string(expected('a version string')).min(1, expected('a non-empty version string')),
    spec: networkSpecSchema,
    weights: z.array(weightTensorFileSchema, expected('a list of weight tensors')),
    training: trainConfigSchema.nullable(),
    history: z.array(epochLogSchema, expected('a list of epoch logs')),
    preprocessing: preprocessingFileSchema.nullable(),
  },
  'a model file object',
);

/** One weight tensor as stored in a model file. */
export type WeightTensorFile = z.infer<typeof weightTensorFileSchema>;
/** A parsed and validated version-1 model file. */
export type ModelFileV1 = z.infer<typeof modelFileV1Schema>;

// ---------------------------------------------------------------- drift checks

/** True when X and Y are the same type (not merely mutually assignable). */
type Equals<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

/**
 * Compile-time proof that each schema describes exactly its hand-written type.
 * If `tsc` reports an error here, a type in `nn/` or `train/` changed: update the
 * schema above, and if old files no longer fit, bump the version and add a migration.
 */
export type SchemaTypeChecks = [
  Assert<Equals<z.infer<typeof networkSpecSchema>, NetworkSpec>>,
  Assert<Equals<z.input<typeof networkSpecSchema>, NetworkSpec>>,
  Assert<Equals<z.infer<typeof trainConfigSchema>, TrainConfig>>,
  Assert<Equals<z.infer<typeof epochLogSchema>, EpochLog>>,
];
