/**
 * Autosave of unsaved work: every `intervalMs` (30 s), and once more on quit
 * (`flush`), the current project text is written atomically to
 * `<dir>/autosave.bpstudio` in the app's data folder, but only when it changed.
 * After a crash, the next start asks `recoverable()` before calling `start()`,
 * offers the file to the user, and then opens or `discard()`s it.
 *
 * `getSnapshot()` returns the project file's text, or null when there is
 * nothing unsaved (e.g. right after a save); the autosave file is then removed,
 * so a crash never offers work older than the saved project.
 */
import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { AtomicWriteError, writeFileAtomic, type AtomicWriteFs } from './atomic-write';
import { errnoOf, reasonOf } from './fs-errors';

/** Name of the autosave file inside the data folder. */
export const AUTOSAVE_FILE_NAME = 'autosave.bpstudio';

/** What autosave uses of `node:fs/promises`, besides what the atomic writer needs. */
export interface AutosaveFs extends AtomicWriteFs {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  stat(path: string): Promise<{ mtime: Date }>;
}

/** The timer functions autosave uses; default: the global ones (so `vi.useFakeTimers` works too). */
export interface AutosaveTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface AutosaveArgs {
  /** The app's data folder; created if missing. */
  dir: string;
  /** Time between two checks for changes (default 30 000 ms). */
  intervalMs?: number;
  /** The project's current text, or null when there is nothing unsaved. */
  getSnapshot(): string | null;
  /** Receives a failed timed save (flush rejects instead); the message is ready to show. */
  onError(error: AtomicWriteError): void;
  timers?: AutosaveTimers;
  fs?: AutosaveFs;
}

/** A file left by an earlier session, and when it was written (ISO 8601). */
export interface RecoverableAutosave {
  path: string;
  savedAt: string;
}

export interface Autosave {
  /** Starts the timer. Call `recoverable()` first: the first change overwrites an old autosave. */
  start(): void;
  /** Stops the timer; a save in progress still completes. */
  stop(): void;
  /** Saves now if the snapshot changed (on quit); waits for a save in progress. Rejects with an `AtomicWriteError`. */
  flush(): Promise<void>;
  /** The autosave file left by an earlier session, or null when there is none. */
  recoverable(): Promise<RecoverableAutosave | null>;
  /** Removes the autosave file (the user declined to recover it, or it was opened). */
  discard(): Promise<void>;
}

const defaultTimers: AutosaveTimers = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/** Creates an autosaver; nothing happens until `start()` or `flush()`. */
export function createAutosave(args: AutosaveArgs): Autosave {
  const fs = args.fs ?? nodeFs;
  const timers = args.timers ?? defaultTimers;
  const intervalMs = args.intervalMs ?? 30_000;
  const path = join(args.dir, AUTOSAVE_FILE_NAME);
  let handle: unknown;
  let running = false;
  /** The text on disk, or null when this session has no autosave file. */
  let written: string | null = null;
  let pending: Promise<void> = Promise.resolve();

  async function saveIfChanged(): Promise<void> {
    const snapshot = args.getSnapshot();
    if (snapshot === written) return;
    if (snapshot === null) {
      await removeFile(fs, path);
    } else {
      await fs.mkdir(args.dir, { recursive: true }).catch(() => undefined); // a real failure shows in the write below
      await writeFileAtomic(path, snapshot, fs);
    }
    written = snapshot;
  }

  /** Saves after any save in progress, so two writes never race. */
  function enqueue(): Promise<void> {
    const next = pending.then(saveIfChanged);
    pending = next.catch(() => undefined);
    return next;
  }

  return {
    start() {
      if (running) return;
      running = true;
      handle = timers.setInterval(() => {
        enqueue().catch((error: unknown) => args.onError(asSaveError(error)));
      }, intervalMs);
    },
    stop() {
      if (!running) return;
      running = false;
      timers.clearInterval(handle);
    },
    flush: () => enqueue().catch((error: unknown) => Promise.reject(asSaveError(error))),
    async recoverable() {
      try {
        const { mtime } = await fs.stat(path);
        return { path, savedAt: mtime.toISOString() };
      } catch (error) {
        if (errnoOf(error) === 'ENOENT') return null;
        throw error;
      }
    },
    async discard() {
      await pending;
      await removeFile(fs, path);
      written = null;
    },
  };
}

async function removeFile(fs: AutosaveFs, path: string): Promise<void> {
  try {
    await fs.unlink(path);
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT') throw error;
  }
}

function asSaveError(error: unknown): AtomicWriteError {
  if (error instanceof AtomicWriteError) return error;
  return new AtomicWriteError(`Cannot autosave: ${reasonOf(error)}.`, errnoOf(error), { cause: error });
}
