import { z } from 'zod';
import type { IpcArgs, IpcChannel } from './contract';
import type { ArgsChecker } from './guard';

/**
 * The argument schema of every channel. The mapped type makes a channel
 * without a schema, or a schema that disagrees with the contract, a type
 * error.
 */
const ARG_SCHEMAS: { [C in IpcChannel]: z.ZodType<IpcArgs<C>> } = {
  'app:info': z.tuple([]),
};

/** The argument checker of `channel`, built on its zod schema. */
export function argsChecker<C extends IpcChannel>(channel: C): ArgsChecker<C> {
  const schema: z.ZodType<IpcArgs<C>> = ARG_SCHEMAS[channel];
  return (raw) => {
    const parsed = schema.safeParse(raw);
    return parsed.success ? { ok: true, args: parsed.data } : { ok: false, problem: z.prettifyError(parsed.error) };
  };
}
