import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AtomicWriteError, saveErrorMessage, writeFileAtomic, type AtomicWriteFs, type AtomicWriteHandle,
} from '../../../../electron/services/atomic-write';

type Step = 'open' | 'write' | 'fsync' | 'close' | 'rename';

function systemError(code: string, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated failure, ${syscall}`), { code, syscall });
}

/** The real file system, except that `step` on the temporary file fails with `code`. */
function failingFs(step: Step, code: string): AtomicWriteFs {
  const isTemp = (path: string): boolean => path.endsWith('.tmp');
  return {
    async open(path, flags) {
      if (step === 'open' && isTemp(path)) throw systemError(code, 'open');
      const handle = await fs.open(path, flags);
      if (!isTemp(path)) return handle;
      const wrapped: AtomicWriteHandle = {
        writeFile: async (data) => {
          if (step === 'write') {
            await handle.writeFile('partial');
            throw systemError(code, 'write');
          }
          await handle.writeFile(data);
        },
        sync: async () => {
          if (step === 'fsync') throw systemError(code, 'fsync');
          await handle.sync();
        },
        close: async () => {
          await handle.close();
          if (step === 'close') throw systemError(code, 'close');
        },
      };
      return wrapped;
    },
    rename: async (from, to) => {
      if (step === 'rename') throw systemError(code, 'rename');
      await fs.rename(from, to);
    },
    unlink: (path) => fs.unlink(path),
  };
}

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'atomic-write-'));
});
afterEach(async () => {
  await fs.chmod(dir, 0o700);
  await fs.rm(dir, { recursive: true, force: true });
});

async function expectSaveError(promise: Promise<void>, message: string, errno: string | undefined): Promise<void> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AtomicWriteError);
  expect((error as AtomicWriteError).message).toBe(message);
  expect((error as AtomicWriteError).errno).toBe(errno);
}

describe('writeFileAtomic', () => {
  it('creates a new file and leaves no temporary file', async () => {
    const target = join(dir, 'iris.bpstudio');
    await writeFileAtomic(target, '{"a":1}\n');
    expect(await fs.readFile(target, 'utf8')).toBe('{"a":1}\n');
    expect(await fs.readdir(dir)).toEqual(['iris.bpstudio']);
  });

  it('replaces an existing file, with bytes as well as text', async () => {
    const target = join(dir, 'iris.bpstudio');
    await fs.writeFile(target, 'old');
    await writeFileAtomic(target, new Uint8Array([104, 105]));
    expect(await fs.readFile(target, 'utf8')).toBe('hi');
    expect(await fs.readdir(dir)).toEqual(['iris.bpstudio']);
  });

  it.each<[Step, string, string]>([
    ['open', 'EACCES', `permission denied in <dir>.`],
    ['write', 'ENOSPC', 'the disk is full.'],
    ['fsync', 'EIO', 'EIO: simulated failure, fsync.'],
    ['close', 'EDQUOT', 'the disk is full.'],
    ['rename', 'EPERM', `permission denied in <dir>.`],
    ['rename', 'EROFS', 'the disk is read-only.'],
  ])('keeps the previous file and removes the temporary one when %s fails with %s', async (step, code, reason) => {
    const target = join(dir, 'iris.bpstudio');
    await fs.writeFile(target, 'previous');
    await expectSaveError(
      writeFileAtomic(target, 'new content', failingFs(step, code)),
      `Cannot save "iris.bpstudio": ${reason.replace('<dir>', dir)}`,
      code,
    );
    expect(await fs.readFile(target, 'utf8')).toBe('previous');
    expect(await fs.readdir(dir)).toEqual(['iris.bpstudio']);
  });

  it('says when the folder does not exist', async () => {
    const missing = join(dir, 'gone');
    await expectSaveError(
      writeFileAtomic(join(missing, 'iris.bpstudio'), 'x'),
      `Cannot save "iris.bpstudio": the folder ${missing} does not exist.`,
      'ENOENT',
    );
  });

  it('says when the folder is read-only for the user', async () => {
    const target = join(dir, 'iris.bpstudio');
    await fs.writeFile(target, 'previous');
    // Root ignores permission bits, so there the refusal is simulated.
    const asRoot = process.getuid?.() === 0;
    if (!asRoot) await fs.chmod(dir, 0o500);
    await expectSaveError(
      writeFileAtomic(target, 'new', asRoot ? failingFs('open', 'EACCES') : undefined),
      `Cannot save "iris.bpstudio": permission denied in ${dir}.`,
      'EACCES',
    );
    expect(await fs.readFile(target, 'utf8')).toBe('previous');
  });
});

describe('saveErrorMessage', () => {
  it('uses the system message for an error without a known code', () => {
    expect(saveErrorMessage('a.bpstudio', '/x', new Error('something odd.'))).toBe('Cannot save "a.bpstudio": something odd.');
  });
});

describe('writeFileAtomic under a crash', () => {
  it('leaves the previous file intact when the process is killed between write and rename', async () => {
    const target = join(dir, 'iris.bpstudio');
    await fs.writeFile(target, 'previous');
    const moduleUrl = pathToFileURL(resolve('electron/services/atomic-write.ts')).href;
    const script = join(dir, 'crash.mts');
    // The child writes and fsyncs the temporary file, then dies in place of the rename.
    await fs.writeFile(script, [
      `import * as fs from 'node:fs/promises';`,
      `import { writeFileAtomic } from ${JSON.stringify(moduleUrl)};`,
      `const crashing = { open: fs.open, unlink: fs.unlink, rename: () => { process.kill(process.pid, 'SIGKILL'); return new Promise<void>(() => {}); } };`,
      `await writeFileAtomic(${JSON.stringify(target)}, 'new content', crashing);`,
    ].join('\n'));
    const result = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', cwd: process.cwd() });
    expect(result.stderr).toBe('');
    expect(result.signal).toBe('SIGKILL');
    expect(await fs.readFile(target, 'utf8')).toBe('previous');
    const temps = (await fs.readdir(dir)).filter((name) => name.endsWith('.tmp'));
    expect(temps).toHaveLength(1);
    expect(await fs.readFile(join(dir, temps[0]!), 'utf8')).toBe('new content');
  }, 20_000);
});
