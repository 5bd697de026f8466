/**
 * Saving a file so that a crash, a full disk or a missing permission never
 * leaves it half-written: the data goes to a temporary file in the same
 * folder, is flushed to the disk (fsync), and only then renamed over the
 * target, which is atomic on one file system. On any failure the temporary
 * file is removed, the previous file is left as it was, and the error says
 * why in the user's words.
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** What the writer uses of an open file (Node's `FileHandle` has all of it). */
export interface AtomicWriteHandle {
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** What the writer uses of `node:fs/promises`; tests pass a stand-in that fails on one step. */
export interface AtomicWriteFs {
  open(path: string, flags: string): Promise<AtomicWriteHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

/** A failed save: `message` is ready to show; `errno` is the system code (e.g. `ENOSPC`), if any. */
export class AtomicWriteError extends Error {
  override readonly name = 'AtomicWriteError';
  constructor(
    message: string,
    readonly errno: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Directory fsync is how POSIX makes a rename durable; Windows cannot open a
 * folder for syncing and some file systems refuse it. These codes mean "not
 * supported here", which is not a failed save.
 */
const DIR_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EINVAL', 'EPERM', 'EACCES', 'ENOTSUP', 'EBADF']);

/**
 * Writes `data` to `path` atomically (temporary file `.<name>.<random>.tmp`,
 * fsync, rename, fsync of the folder where supported).
 *
 * @throws AtomicWriteError, e.g. `Cannot save "iris.bpstudio": the disk is full.`;
 *   the previous file at `path`, if any, is untouched.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, fsImpl: AtomicWriteFs = nodeFs): Promise<void> {
  const dir = dirname(path);
  const name = basename(path);
  const temp = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: AtomicWriteHandle | undefined;
  let created = false;
  try {
    handle = await fsImpl.open(temp, 'wx');
    created = true;
    await handle.writeFile(data);
    await handle.sync();
    const closing = handle;
    handle = undefined;
    await closing.close();
    await fsImpl.rename(temp, path);
    created = false;
  } catch (error) {
    // The save has already failed; a failing close or unlink here must not
    // hide the reason the user needs to read, so only the first error is reported.
    if (handle !== undefined) await handle.close().catch(() => undefined);
    if (created) await fsImpl.unlink(temp).catch(() => undefined);
    throw new AtomicWriteError(saveErrorMessage(name, dir, error), errnoOf(error), { cause: error });
  }
  await syncDirectory(dir, name, fsImpl);
}

/**
 * Makes the rename durable; a platform without folder fsync is not an error.
 * Any other failure is reported: the new file is in place but may not survive a power cut.
 */
async function syncDirectory(dir: string, name: string, fsImpl: AtomicWriteFs): Promise<void> {
  let handle: AtomicWriteHandle | undefined;
  try {
    handle = await fsImpl.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = errnoOf(error);
    if (code === undefined || !DIR_SYNC_UNSUPPORTED.has(code)) {
      throw new AtomicWriteError(saveErrorMessage(name, dir, error), code, { cause: error });
    }
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * The user-facing sentence for a failed save of `name` in `dir`, from the
 * system error code: permission, full disk, read-only disk, missing folder,
 * or else the system's own message.
 */
export function saveErrorMessage(name: string, dir: string, error: unknown): string {
  const prefix = `Cannot save "${name}"`;
  switch (errnoOf(error)) {
    case 'EACCES':
    case 'EPERM':
      return `${prefix}: permission denied in ${dir}.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `${prefix}: the disk is full.`;
    case 'EROFS':
      return `${prefix}: the disk is read-only.`;
    case 'ENOENT':
      return `${prefix}: the folder ${dir} does not exist.`;
    default: {
      const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
      return `${prefix}: ${reason}.`;
    }
  }
}

function errnoOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
