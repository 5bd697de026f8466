/**
 * The fitted preprocessing as saved in the model file (`preprocessing` field),
 * version 1, as zod schemas. Like `model-io/format.ts`, every error is an
 * "expected ..." phrase and objects are strict.
 *
 * x is laid out encoder by encoder, in `inputs` order (the table's column
 * order): a numeric input gives one column (plus `<name> (missing)` when it
 * has an indicator), a one-hot input one column per training category.
 */
import { z } from 'zod';
import { BINARY_ENCODINGS, IMPUTATIONS, NUMERIC_SCALINGS, TASKS } from './config';

/** The preprocessing version this code writes and reads. */
export const PREPROCESSING_FILE_VERSION = 1;

const expected = (phrase: string): { error: string } => ({ error: phrase });
const quoted = (values: readonly string[]): string => values.map((v) => `"${v}"`).join(', ');
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, expected(`one of ${quoted(values)}`));
const object = <S extends z.core.$ZodLooseShape>(shape: S, phrase: string) => z.strictObject(shape, expected(phrase));
const finiteNumber = () => z.number(expected('a finite number'));
const positiveNumber = () => z.number(expected('a positive number')).positive(expected('a positive number'));
const columnName = () => z.string(expected('a column name'));
const strings = (phrase: string) => z.array(z.string(expected('a string')), expected(phrase));

/** A numeric input: x' = (fill-if-missing(x) − center) / scale. */
export const numericInputSchema = object(
  {
    kind: z.literal('numeric'),
    column: columnName(),
    scaling: oneOf(NUMERIC_SCALINGS),
    /** standardize: the training mean; minmax: the training min; none: 0. */
    center: finiteNumber(),
    /** standardize: the training std; minmax: max − min; none: 1 (1 when the column is constant). */
    scale: positiveNumber(),
    imputation: oneOf(IMPUTATIONS),
    /** The training mean or median that replaces a missing value (before scaling). */
    fill: finiteNumber(),
    indicator: z.boolean(expected('true or false')),
  },
  'a numeric input object with "column", "scaling", "center", "scale", "imputation", "fill" and "indicator"',
);

/** A categorical input: one 0/1 column per training category; an unseen or missing category gives all zeros. */
export const oneHotInputSchema = object(
  { kind: z.literal('one-hot'), column: columnName(), categories: strings('a list of categories') },
  'a one-hot input object with "column" and "categories"',
);

const inputEncoderSchema = z.discriminatedUnion('kind', [numericInputSchema, oneHotInputSchema], {
  error: (issue) => (issue.code === 'invalid_union' ? 'one of "numeric", "one-hot"' : 'an input encoder object'),
});

/** A classification target: label ↔ class index (the position in `labels`). */
export const classTargetSchema = object(
  {
    kind: z.literal('classes'),
    column: columnName(),
    labels: strings('a list of class labels').min(2, expected('at least two class labels')),
    /** `single` (two classes only): y = 1 for `labels[1]`; `one-hot`: one column per label. */
    encoding: oneOf(BINARY_ENCODINGS),
  },
  'a class target object with "column", "labels" and "encoding"',
);

/** Regression targets, standardized for training: y' = (y − mean) / std. */
export const regressionTargetSchema = object(
  {
    kind: z.literal('regression'),
    columns: z
      .array(
        object({ column: columnName(), mean: finiteNumber(), std: positiveNumber() }, 'an object with "column", "mean" and "std"'),
        expected('a list of target columns'),
      )
      .min(1, expected('at least one target column')),
  },
  'a regression target object with "columns"',
);

const targetEncoderSchema = z.discriminatedUnion('kind', [classTargetSchema, regressionTargetSchema], {
  error: (issue) => (issue.code === 'invalid_union' ? 'one of "classes", "regression"' : 'a target encoder object'),
});

/** The whole preprocessing state, version 1. */
export const preprocessingFileSchema = object(
  {
    version: z.literal(PREPROCESSING_FILE_VERSION, expected(String(PREPROCESSING_FILE_VERSION))),
    task: oneOf(TASKS),
    /** File the pipeline was fitted on, for messages. */
    source: z.string(expected('a file name')),
    inputs: z.array(inputEncoderSchema, expected('a list of input encoders')).min(1, expected('at least one input encoder')),
    target: targetEncoderSchema,
    /** One name per x column: `age`, `age (missing)`, `color=red`. */
    featureNames: strings('a list of feature names'),
    /** One name per y column: `species=setosa`, `price`. */
    outputNames: strings('a list of output names'),
    /** Cells read as missing in raw prediction rows. */
    missingTokens: strings('a list of missing-value tokens'),
  },
  'a preprocessing object with "version", "task", "source", "inputs", "target", "featureNames", "outputNames" and "missingTokens"',
).superRefine((file, ctx) => {
  const width = file.inputs.reduce((n, e) => n + (e.kind === 'numeric' ? (e.indicator ? 2 : 1) : e.categories.length), 0);
  if (file.featureNames.length !== width) {
    ctx.addIssue({ code: 'custom', path: ['featureNames'], message: `${width} feature names (one per x column)` });
  }
  const t = file.target;
  const outputs = t.kind === 'regression' ? t.columns.length : t.encoding === 'single' ? 1 : t.labels.length;
  if (file.outputNames.length !== outputs) {
    ctx.addIssue({ code: 'custom', path: ['outputNames'], message: `${outputs} output names (one per y column)` });
  }
  if (t.kind === 'classes' && t.encoding === 'single' && t.labels.length !== 2) {
    ctx.addIssue({ code: 'custom', path: ['target', 'encoding'], message: '"one-hot" (a single 0/1 column needs exactly two labels)' });
  }
  if (file.task !== (t.kind === 'classes' ? 'classification' : 'regression')) {
    ctx.addIssue({ code: 'custom', path: ['task'], message: `"${t.kind === 'classes' ? 'classification' : 'regression'}" (the target's kind)` });
  }
});

/** The fitted preprocessing, as stored in the model file. */
export type PreprocessingFile = z.infer<typeof preprocessingFileSchema>;
export type NumericInputFile = z.infer<typeof numericInputSchema>;
export type OneHotInputFile = z.infer<typeof oneHotInputSchema>;
export type InputEncoderFile = z.infer<typeof inputEncoderSchema>;
export type ClassTargetFile = z.infer<typeof classTargetSchema>;
export type RegressionTargetFile = z.infer<typeof regressionTargetSchema>;
export type TargetEncoderFile = z.infer<typeof targetEncoderSchema>;
