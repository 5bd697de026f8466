/**
 * Checking a `PrepConfig` that arrives as JSON (from the UI, over IPC, or
 * from a saved project) before anything is fitted.
 */
import { z } from 'zod';
import { COLUMN_ROLES } from '../table';
import { BINARY_ENCODINGS, COLUMN_KIND_OVERRIDES, IMPUTATIONS, NUMERIC_SCALINGS, TASKS, prepError, type PrepConfig } from './config';
import { describeSchemaIssue } from './schema-issue';
import { checkSplitFractions } from './split';

const expected = (phrase: string): { error: string } => ({ error: phrase });
const quoted = (values: readonly string[]): string => values.map((v) => `"${v}"`).join(', ');
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, expected(`one of ${quoted(values)}`));
const fraction = () => z.number(expected('a number between 0 and 1'));
const boolean = () => z.boolean(expected('true or false'));

/** `PrepConfig` as a zod schema (strict: a misspelt option is reported, not ignored). */
export const prepConfigSchema = z.strictObject(
  {
    roles: z.record(z.string(), oneOf(COLUMN_ROLES), expected('an object of column roles such as { "age": "input" }')),
    task: oneOf(TASKS),
    scaling: z.record(z.string(), oneOf(NUMERIC_SCALINGS), expected('an object of scalings such as { "age": "minmax" }')).exactOptional(),
    defaultScaling: oneOf(NUMERIC_SCALINGS).exactOptional(),
    imputation: oneOf(IMPUTATIONS).exactOptional(),
    missingIndicator: boolean().exactOptional(),
    split: z.strictObject(
      {
        train: fraction(),
        validation: fraction(),
        test: fraction(),
        seed: z.number(expected('an integer seed')).int(expected('an integer seed')),
      },
      expected('a split object such as { "train": 0.7, "validation": 0.15, "test": 0.15, "seed": 1 }'),
    ),
    stratify: boolean().exactOptional(),
    binaryEncoding: oneOf(BINARY_ENCODINGS).exactOptional(),
    kinds: z.record(z.string(), oneOf(COLUMN_KIND_OVERRIDES), expected('an object of column types such as { "zip": "categorical" }')).exactOptional(),
    missingTokens: z.array(z.string(expected('a string')), expected('a list of missing-value tokens')).exactOptional(),
  },
  expected('a preprocessing settings object with "roles", "task" and "split"'),
);

type Assert<T extends true> = T;
type Equals<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
/** Compile-time proof that the schema and `PrepConfig` have the same fields and a parsed config is a `PrepConfig`. */
export type PrepConfigSchemaChecks = [
  Assert<Equals<keyof z.infer<typeof prepConfigSchema>, keyof PrepConfig>>,
  Assert<z.infer<typeof prepConfigSchema> extends PrepConfig ? true : false>,
];

/**
 * Validates settings received as JSON, including the split fractions.
 *
 * @throws DataError `invalid-prep-config`, e.g.
 *   `Invalid preprocessing settings at roles.age: expected one of "input", "target", "ignore", got "feature".`,
 *   or `invalid-split` (see `checkSplitFractions`).
 */
export function parsePrepConfig(json: unknown): PrepConfig {
  const parsed = prepConfigSchema.safeParse(json);
  if (!parsed.success) prepError('invalid-prep-config', describeSchemaIssue('preprocessing settings', parsed.error.issues[0]!, json));
  checkSplitFractions(parsed.data.split);
  return parsed.data;
}
