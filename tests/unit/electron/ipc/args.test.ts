import { describe, expect, it } from 'vitest';
import { CHANNELS_WITH_SCHEMAS, argsChecker } from '../../../../electron/ipc/args';
import { PAGE_CHANNELS, type IpcChannel } from '../../../../electron/ipc/contract';

/** One valid argument list per channel. */
const VALID: { [C in IpcChannel]: unknown[] } = {
  'app:info': [],
  'engine:connect': [],
  'dataset:open': [],
  'file:dropped': ['/home/a/iris.csv'],
  'dataset:locate': [],
  'dataset:relink': ['/home/a/iris.csv'],
  'project:new': [],
  'project:open': [],
  'project:open-recent': ['/home/a/p.bpstudio'],
  'project:save': [{ learn: { preset: 'x2', steps: [1, 0.5] } }],
  'project:save-as': [{ learn: {} }],
  'project:changed': [{ learn: {} }],
  'project:recovery': [],
  'project:recover': [true],
  'model:export': ['onnx'],
  'predictions:export': [],
  'recent:list': [],
  'recent:clear': [],
  'settings:get': [],
  'settings:set': [{ theme: 'dark' }],
  'menu:training': [{ canStart: true, canPause: false, canResume: false, canStop: false, canStep: true }],
};

const problem = (channel: IpcChannel, raw: unknown[]): string => {
  const checked = argsChecker(channel)(raw);
  if (checked.ok) throw new Error(`${channel} accepted ${JSON.stringify(raw)}`);
  return checked.problem;
};

describe('IPC argument schemas', () => {
  it('cover every channel, and the preload exposes every channel but file:dropped', () => {
    expect([...CHANNELS_WITH_SCHEMAS].sort()).toEqual(Object.keys(VALID).sort());
    expect([...PAGE_CHANNELS, 'file:dropped'].sort()).toEqual(Object.keys(VALID).sort());
  });

  it.each(Object.entries(VALID))('%s accepts valid arguments and refuses an extra one', (channel, args) => {
    const check = argsChecker(channel as IpcChannel);
    expect(check(args)).toEqual({ ok: true, args });
    expect(check([...args, 'extra']).ok).toBe(false);
  });

  it('refuses wrong types with a message naming the place', () => {
    expect(problem('project:recover', ['yes'])).toBe('✖ Invalid input: expected boolean, received string\n  → at [0]');
    expect(problem('model:export', ['pdf'])).toBe('✖ Invalid option: expected one of "native"|"onnx"|"tfjs"|"python"|"js"\n  → at [0]');
    expect(problem('settings:set', [{ theme: 'blue' }])).toBe('✖ Invalid option: expected one of "system"|"light"|"dark"\n  → at [0].theme');
    expect(problem('settings:set', [{ fontSize: 3 }])).toBe('✖ Unrecognized key: "fontSize"\n  → at [0]');
    expect(problem('dataset:relink', [''])).toBe('✖ Too small: expected string to have >=1 characters\n  → at [0]');
    expect(problem('project:save', [{ learn: { f: () => 1 } }])).toMatch(/→ at \[0\]\.learn\.f/);
    expect(problem('menu:training', [{ canStart: true }])).toMatch(/^✖ Invalid input: expected boolean, received undefined\n {2}→ at \[0\]\.canPause/);
  });

  it('refuses a Learn state over 1 MB, so a runaway page cannot fill the disk through autosave', () => {
    expect(problem('project:changed', [{ learn: { big: 'x'.repeat(1_000_001) } }])).toBe(
      '✖ the Learn view state must be at most 1 MB of JSON\n  → at [0].learn',
    );
  });
});
