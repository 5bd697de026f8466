import { z } from 'zod';
import { EXPORT_FORMATS } from '../../core/engine/protocol';
import type { IpcArgs, IpcChannel } from './contract';
import type { ArgsChecker } from './guard';

/** The Learn view's state: a plain JSON object (bounded, so a runaway page cannot fill the disk through autosave). */
const learnState = z.record(z.string(), z.json()).refine((value) => JSON.stringify(value).length <= 1_000_000, {
  message: 'the Learn view state must be at most 1 MB of JSON',
});
const uiState = z.strictObject({ learn: learnState });
const path = z.string().max(32_767);
const none = z.tuple([]);

/**
 * The argument schema of every channel. The mapped type makes a channel
 * without a schema, or a schema that disagrees with the contract, a type
 * error.
 */
const ARG_SCHEMAS: { [C in IpcChannel]: z.ZodType<IpcArgs<C>> } = {
  'app:info': none,
  'engine:connect': none,
  'dataset:open': none,
  // Empty when the dropped item is not a file on disk; the handler says so in words.
  'file:dropped': z.tuple([path]),
  'dataset:locate': none,
  'dataset:relink': z.tuple([path.min(1)]),
  'project:new': none,
  'project:open': none,
  'project:open-recent': z.tuple([path.min(1)]),
  'project:save': z.tuple([uiState]),
  'project:save-as': z.tuple([uiState]),
  'project:changed': z.tuple([uiState]),
  'project:recovery': none,
  'project:recover': z.tuple([z.boolean()]),
  'model:export': z.tuple([z.enum(EXPORT_FORMATS)]),
  'predictions:export': none,
  'recent:list': none,
  'recent:clear': none,
  'settings:get': none,
  'settings:set': z.tuple([
    z.strictObject({ theme: z.enum(['system', 'light', 'dark']).optional(), language: z.enum(['en', 'zh-CN']).optional() }),
  ]),
  'menu:training': z.tuple([
    z.strictObject({ canStart: z.boolean(), canPause: z.boolean(), canResume: z.boolean(), canStop: z.boolean(), canStep: z.boolean() }),
  ]),
};

/** The argument checker of `channel`, built on its zod schema. */
export function argsChecker<C extends IpcChannel>(channel: C): ArgsChecker<C> {
  const schema: z.ZodType<IpcArgs<C>> = ARG_SCHEMAS[channel];
  return (raw) => {
    const parsed = schema.safeParse(raw);
    return parsed.success ? { ok: true, args: parsed.data } : { ok: false, problem: z.prettifyError(parsed.error) };
  };
}

/** Every channel that has a schema (all of them), for tests. */
export const CHANNELS_WITH_SCHEMAS = Object.keys(ARG_SCHEMAS) as IpcChannel[];
