import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AtomicWriteError } from '../../../../electron/services/atomic-write';
import { AUTOSAVE_FILE_NAME, createAutosave, type AutosaveArgs, type AutosaveFs } from '../../../../electron/services/autosave';

let root: string;
let dir: string;
beforeEach(async () => {
  root = await fs.mkdtemp(join(tmpdir(), 'autosave-'));
  dir = join(root, 'data'); // does not exist yet: autosave creates it
  vi.useFakeTimers();
});
afterEach(async () => {
  vi.useRealTimers();
  await fs.rm(root, { recursive: true, force: true });
});

/** The real file system, counting completed saves; `renameError` makes every save fail with that code. */
function countingFs(renameError?: string): AutosaveFs & { saves: number } {
  const counted = {
    saves: 0,
    open: fs.open,
    unlink: fs.unlink,
    mkdir: fs.mkdir,
    stat: fs.stat,
    rename: async (from: string, to: string) => {
      if (renameError !== undefined) throw Object.assign(new Error(`${renameError}: simulated`), { code: renameError });
      await fs.rename(from, to);
      counted.saves++;
    },
  };
  return counted;
}

function setup(overrides: Partial<AutosaveArgs> = {}) {
  let snapshot: string | null = null;
  const errors: AtomicWriteError[] = [];
  const fsImpl = countingFs();
  const autosave = createAutosave({
    dir,
    getSnapshot: () => snapshot,
    onError: (error) => errors.push(error),
    fs: fsImpl,
    ...overrides,
  });
  return { autosave, errors, fsImpl, set: (text: string | null) => { snapshot = text; } };
}

const file = (): string => join(dir, AUTOSAVE_FILE_NAME);
const read = (): Promise<string> => fs.readFile(file(), 'utf8');
const exists = (): Promise<boolean> => fs.stat(file()).then(() => true, () => false);

describe('createAutosave', () => {
  it('saves a changed snapshot every 30 s, and only when it changed', async () => {
    const { autosave, fsImpl, set } = setup();
    set('v1');
    autosave.start();
    await vi.advanceTimersByTimeAsync(29_999);
    await expect(exists()).resolves.toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await autosave.flush();
    expect(await read()).toBe('v1');
    await vi.advanceTimersByTimeAsync(60_000);
    await autosave.flush();
    expect(fsImpl.saves).toBe(1);
    set('v2');
    await vi.advanceTimersByTimeAsync(30_000);
    await autosave.flush();
    expect(await read()).toBe('v2');
    expect(fsImpl.saves).toBe(2);
    autosave.stop();
  });

  it('honours a custom interval and stops when asked', async () => {
    const { autosave, fsImpl, set } = setup({ intervalMs: 1_000 });
    set('v1');
    autosave.start();
    await vi.advanceTimersByTimeAsync(1_000);
    await autosave.flush();
    autosave.stop();
    set('v2');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fsImpl.saves).toBe(1);
    expect(await read()).toBe('v1');
  });

  it('flush saves at once (on quit), without the timer', async () => {
    const { autosave, set } = setup();
    set('unsaved work');
    await autosave.flush();
    expect(await read()).toBe('unsaved work');
  });

  it('removes its file when nothing is unsaved any more', async () => {
    const { autosave, set } = setup();
    set('v1');
    await autosave.flush();
    set(null);
    await autosave.flush();
    await expect(exists()).resolves.toBe(false);
  });

  it('offers the file of an earlier session, then discards it', async () => {
    const first = setup();
    first.set('crashed work');
    await first.autosave.flush();

    const next = setup();
    const found = await next.autosave.recoverable();
    expect(found?.path).toBe(file());
    expect(found?.savedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    await next.autosave.discard();
    await expect(next.autosave.recoverable()).resolves.toBeNull();
    await expect(exists()).resolves.toBe(false);
  });

  it('has nothing to recover when the folder does not exist', async () => {
    await expect(setup().autosave.recoverable()).resolves.toBeNull();
  });

  it('reports a failed timed save to onError and a failed flush by rejecting', async () => {
    const { autosave, errors, set } = setup({ fs: countingFs('ENOSPC') });
    set('v1');
    autosave.start();
    await vi.advanceTimersByTimeAsync(30_000);
    autosave.stop();
    const message = `Cannot save "${AUTOSAVE_FILE_NAME}": the disk is full.`;
    await expect(autosave.flush()).rejects.toThrow(message);
    expect(errors.map((e) => e.message)).toEqual([message]);
    await expect(fs.readdir(dir)).resolves.toEqual([]);
  });
});
