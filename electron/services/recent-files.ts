/**
 * The recently opened projects and datasets, most recent first, kept in
 * `recent-files.json` in the app's data folder. Adding a file moves it to the
 * front; the same file is listed once (compared case-insensitively on
 * Windows, whose file names are); the list holds at most 10 files.
 *
 * Each change updates the list at once (so the menu can be rebuilt from
 * `subscribe`) and then saves it atomically; the returned promise rejects
 * with an `AtomicWriteError` when the save fails, and the list in memory is
 * still the new one. A corrupt file gives an empty list and a warning for
 * main to log; it is replaced on the next change.
 *
 * ```ts
 * const { recentFiles, warning } = await openRecentFiles({ file: join(userData, RECENT_FILES_FILE_NAME), platform: process.platform });
 * if (warning) log.warn(warning);
 * recentFiles.subscribe(rebuildMenu);
 * void recentFiles.prune(async (path) => existsSync(path)); // after the window is shown
 * ```
 */
import * as nodeFs from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { AtomicWriteError, writeFileAtomic, type AtomicWriteFs } from './atomic-write';
import { errnoOf, reasonOf } from './fs-errors';

/** Name of the file inside the data folder. */
export const RECENT_FILES_FILE_NAME = 'recent-files.json';

/** The list never holds more files than this. */
export const MAX_RECENT_FILES = 10;

const recentFilesFileSchema = z.object({
  version: z.literal(1),
  files: z.array(z.string().min(1)),
});
/** `recent-files.json`, version 1. */
export type RecentFilesFile = z.infer<typeof recentFilesFileSchema>;

/** What the list uses of `node:fs/promises`, besides what the atomic writer needs. */
export interface RecentFilesFs extends AtomicWriteFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
}

export interface RecentFilesArgs {
  /** Full path of `recent-files.json`; its folder is created on the first save. */
  file: string;
  /** `process.platform`: on `win32` paths differing only in case are the same file. */
  platform: NodeJS.Platform | string;
  fs?: RecentFilesFs;
}

export interface RecentFiles {
  /** The files, most recent first. */
  list(): readonly string[];
  /** Puts `path` first (moving it if listed) and drops the oldest beyond 10. */
  add(path: string): Promise<void>;
  /** Removes `path` (e.g. it failed to open); nothing happens when it is not listed. */
  remove(path: string): Promise<void>;
  /** Empties the list. */
  clear(): Promise<void>;
  /** Removes the files for which `exists` resolves false; resolves with the removed paths. */
  prune(exists: (path: string) => Promise<boolean>): Promise<string[]>;
  /** Calls `listener` with the new list after each change; returns the unsubscribe function. */
  subscribe(listener: (files: readonly string[]) => void): () => void;
}

/** The list read from `args.file`, and a warning to log when the file was unreadable or corrupt. */
export interface OpenedRecentFiles {
  recentFiles: RecentFiles;
  warning: string | null;
}

/** Reads the list from `args.file` (absent: empty list); never throws. */
export async function openRecentFiles(args: RecentFilesArgs): Promise<OpenedRecentFiles> {
  const fs = args.fs ?? nodeFs;
  let text: string | null = null;
  let warning: string | null = null;
  try {
    text = await fs.readFile(args.file, 'utf8');
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT') warning = `Cannot read the recent files list ${args.file}: ${reasonOf(error)}; starting with an empty list.`;
  }
  const parsed = text === null ? { files: [], warning: null } : parseRecentFiles(text, args.file);
  const key = keyFor(args.platform);
  return { recentFiles: createRecentFiles(normalise(parsed.files, key), args.file, key, fs), warning: warning ?? parsed.warning };
}

/** The files listed in `text`, or none and a warning naming `file` when it is not a valid list. */
export function parseRecentFiles(text: string, file: string): { files: string[]; warning: string | null } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { files: [], warning: `The recent files list ${file} is not valid JSON; starting with an empty list.` };
  }
  const parsed = recentFilesFileSchema.safeParse(json);
  if (!parsed.success) {
    return {
      files: [],
      warning: `The recent files list ${file} is not a version 1 list of file paths; starting with an empty list.`,
    };
  }
  return { files: parsed.data.files, warning: null };
}

/** The text saved for `files`. */
export function serializeRecentFiles(files: readonly string[]): string {
  const file: RecentFilesFile = { version: 1, files: [...files] };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function createRecentFiles(initial: string[], file: string, key: (path: string) => string, fs: RecentFilesFs): RecentFiles {
  let files: readonly string[] = initial;
  const listeners = new Set<(files: readonly string[]) => void>();
  let pending: Promise<void> = Promise.resolve();

  /** Sets the list, tells the listeners, and saves after any save in progress (two writes never race). */
  function change(next: readonly string[]): Promise<void> {
    files = next;
    for (const listener of [...listeners]) listener(files);
    const text = serializeRecentFiles(files);
    const save = pending.then(async () => {
      await fs.mkdir(dirname(file), { recursive: true }).catch(() => undefined); // a real failure shows in the write
      await writeFileAtomic(file, text, fs);
    });
    pending = save.catch(() => undefined);
    return save.catch((error: unknown) => Promise.reject(asSaveError(error)));
  }

  const without = (path: string): string[] => files.filter((listed) => key(listed) !== key(path));

  return {
    list: () => files,
    add: (path) => change([path, ...without(path)].slice(0, MAX_RECENT_FILES)),
    remove(path) {
      const next = without(path);
      return next.length === files.length ? pending : change(next);
    },
    clear: () => (files.length === 0 ? pending : change([])),
    async prune(exists) {
      // Only a confirmed absence removes a file: a check that fails (e.g. a network drive timing out) keeps it.
      const checked = await Promise.all(files.map(async (path) => ({ path, keep: await exists(path).catch(() => true) })));
      const gone = new Set(checked.filter((entry) => !entry.keep).map((entry) => key(entry.path)));
      if (gone.size === 0) return [];
      // The list may have changed while the checks ran: remove only the missing files from the current one.
      const removed = files.filter((path) => gone.has(key(path)));
      await change(files.filter((path) => !gone.has(key(path))));
      return removed;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function keyFor(platform: string): (path: string) => string {
  return platform === 'win32' ? (path) => path.toLowerCase() : (path) => path;
}

/** Drops repeated files and keeps the first 10, as a hand-edited file may hold more. */
function normalise(files: readonly string[], key: (path: string) => string): string[] {
  const seen = new Set<string>();
  return files.filter((path) => !seen.has(key(path)) && seen.add(key(path))).slice(0, MAX_RECENT_FILES);
}

function asSaveError(error: unknown): AtomicWriteError {
  if (error instanceof AtomicWriteError) return error;
  return new AtomicWriteError(`Cannot save the recent files list: ${reasonOf(error)}.`, errnoOf(error), { cause: error });
}
