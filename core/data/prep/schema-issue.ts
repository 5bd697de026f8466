/**
 * One sentence for the first problem zod found, in the model file's style:
 * `Invalid <what> at inputs[0].scale: expected a positive number, got 0.`
 */
import type { z } from 'zod';
import { describeValue, formatPath } from '../../model-io/errors';

/** Describes a schema issue; `root` is the JSON that was validated, read to show the offending value. */
export function describeSchemaIssue(what: string, issue: z.core.$ZodIssue, root: unknown): string {
  const where = issue.path.length === 0 ? 'the top level' : formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return `Invalid ${what} at ${where}: unexpected field${issue.keys.length === 1 ? '' : 's'} ${keys}.`;
  }
  const { value, missing } = lookUp(root, issue.path);
  const found = missing ? 'but the field is missing' : `got ${describeValue(value)}`;
  return `Invalid ${what} at ${where}: expected ${issue.message}, ${found}.`;
}

function lookUp(root: unknown, path: readonly PropertyKey[]): { value: unknown; missing: boolean } {
  let current: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    if (typeof current !== 'object' || current === null || typeof key === 'symbol') return { value: undefined, missing: false };
    if (i === path.length - 1 && !Object.prototype.hasOwnProperty.call(current, key)) return { value: undefined, missing: true };
    current = (current as Record<string | number, unknown>)[key];
  }
  return { value: current, missing: false };
}
