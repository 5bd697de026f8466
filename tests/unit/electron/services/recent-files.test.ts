import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_RECENT_FILES, RECENT_FILES_FILE_NAME, openRecentFiles, parseRecentFiles, serializeRecentFiles, type RecentFilesFs,
} from '../../../../electron/services/recent-files';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'recent-files-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const file = (): string => join(dir, 'data', RECENT_FILES_FILE_NAME);
const onDisk = async (): Promise<unknown> => JSON.parse(await fs.readFile(file(), 'utf8'));
async function write(text: string): Promise<void> {
  await fs.mkdir(join(dir, 'data'), { recursive: true });
  await fs.writeFile(file(), text);
}

/** The real file system, except that renames fail with `renameError` when given. */
function fsWith(renameError?: string): RecentFilesFs {
  return {
    open: fs.open, unlink: fs.unlink, mkdir: fs.mkdir, readFile: fs.readFile,
    rename: async (from, to) => {
      if (renameError !== undefined) throw Object.assign(new Error(`${renameError}: simulated`), { code: renameError });
      await fs.rename(from, to);
    },
  };
}

const open = (platform = 'linux', fsImpl?: RecentFilesFs) => openRecentFiles({ file: file(), platform, ...(fsImpl ? { fs: fsImpl } : {}) });

describe('openRecentFiles', () => {
  it('starts empty without a warning when there is no file', async () => {
    const { recentFiles, warning } = await open();
    expect(recentFiles.list()).toEqual([]);
    expect(warning).toBeNull();
  });

  it('puts an added file first, moves a listed one to the front, and saves each change', async () => {
    const { recentFiles } = await open();
    await recentFiles.add('/data/a.csv');
    await recentFiles.add('/data/b.csv');
    await recentFiles.add('/data/a.csv');
    expect(recentFiles.list()).toEqual(['/data/a.csv', '/data/b.csv']);
    expect(await onDisk()).toEqual({ version: 1, files: ['/data/a.csv', '/data/b.csv'] });
    const reopened = await open();
    expect(reopened.recentFiles.list()).toEqual(['/data/a.csv', '/data/b.csv']);
  });

  it(`keeps at most ${MAX_RECENT_FILES} files, dropping the oldest`, async () => {
    const { recentFiles } = await open();
    for (let i = 0; i < 12; i++) await recentFiles.add(`/data/${i}.csv`);
    expect(recentFiles.list()).toEqual(Array.from({ length: 10 }, (_, i) => `/data/${11 - i}.csv`));
  });

  it.each([
    ['win32', ['C:\\Data\\Iris.csv']],
    ['linux', ['C:\\Data\\Iris.csv', 'c:\\data\\iris.csv']],
    ['darwin', ['C:\\Data\\Iris.csv', 'c:\\data\\iris.csv']],
  ])('on %s treats paths differing only in case as %j', async (platform, expected) => {
    const { recentFiles } = await open(platform);
    await recentFiles.add('c:\\data\\iris.csv');
    await recentFiles.add('C:\\Data\\Iris.csv');
    expect(recentFiles.list()).toEqual(expected);
  });

  it('removes a file (case-insensitively on Windows) and ignores one that is not listed', async () => {
    const { recentFiles } = await open('win32');
    await recentFiles.add('C:\\a.csv');
    await recentFiles.add('C:\\b.csv');
    await recentFiles.remove('c:\\A.CSV');
    await recentFiles.remove('C:\\missing.csv');
    expect(recentFiles.list()).toEqual(['C:\\b.csv']);
    expect(await onDisk()).toEqual({ version: 1, files: ['C:\\b.csv'] });
  });

  it('clears the list and saves the empty list', async () => {
    const { recentFiles } = await open();
    await recentFiles.add('/a.csv');
    await recentFiles.clear();
    expect(recentFiles.list()).toEqual([]);
    expect(await onDisk()).toEqual({ version: 1, files: [] });
  });

  it('prunes the files that no longer exist and returns them; a failed check keeps the file', async () => {
    const { recentFiles } = await open();
    for (const path of ['/gone.csv', '/kept.csv', '/offline.csv', '/also-gone.csv']) await recentFiles.add(path);
    const removed = await recentFiles.prune(async (path) => {
      if (path === '/offline.csv') throw new Error('ETIMEDOUT');
      return path === '/kept.csv';
    });
    expect(removed).toEqual(['/also-gone.csv', '/gone.csv']);
    expect(recentFiles.list()).toEqual(['/offline.csv', '/kept.csv']);
    expect(await onDisk()).toEqual({ version: 1, files: ['/offline.csv', '/kept.csv'] });
    await expect(recentFiles.prune(async () => true)).resolves.toEqual([]);
  });

  it('keeps a file added while prune was checking', async () => {
    const { recentFiles } = await open();
    await recentFiles.add('/gone.csv');
    let release: () => void = () => undefined;
    const pruning = recentFiles.prune(() => new Promise((resolve) => { release = () => resolve(false); }));
    await recentFiles.add('/new.csv');
    release();
    await expect(pruning).resolves.toEqual(['/gone.csv']);
    expect(recentFiles.list()).toEqual(['/new.csv']);
  });

  it('tells subscribers the new list after each change, until they unsubscribe', async () => {
    const { recentFiles } = await open();
    const seen: (readonly string[])[] = [];
    const unsubscribe = recentFiles.subscribe((files) => seen.push(files));
    await recentFiles.add('/a.csv');
    await recentFiles.add('/b.csv');
    await recentFiles.remove('/nope.csv');
    unsubscribe();
    await recentFiles.clear();
    expect(seen).toEqual([['/a.csv'], ['/b.csv', '/a.csv']]);
  });

  it('writes the last list when changes follow each other without waiting', async () => {
    const { recentFiles } = await open();
    await Promise.all([recentFiles.add('/a.csv'), recentFiles.add('/b.csv'), recentFiles.remove('/a.csv')]);
    expect(await onDisk()).toEqual({ version: 1, files: ['/b.csv'] });
  });

  it('rejects with the save error to show, keeping the new list in memory and the old file on disk', async () => {
    await write(serializeRecentFiles(['/old.csv']));
    const { recentFiles } = await open('linux', fsWith('ENOSPC'));
    await expect(recentFiles.add('/new.csv')).rejects.toThrow('Cannot save "recent-files.json": the disk is full.');
    expect(recentFiles.list()).toEqual(['/new.csv', '/old.csv']);
    expect(await onDisk()).toEqual({ version: 1, files: ['/old.csv'] });
  });

  it('starts empty with a warning when the file is not JSON, and replaces it on the next change', async () => {
    await write('{"version": 1, "files": [');
    const { recentFiles, warning } = await open();
    expect(recentFiles.list()).toEqual([]);
    expect(warning).toBe(`The recent files list ${file()} is not valid JSON; starting with an empty list.`);
    await recentFiles.add('/a.csv');
    expect(await onDisk()).toEqual({ version: 1, files: ['/a.csv'] });
  });

  it('warns when the file cannot be read', async () => {
    await fs.mkdir(file(), { recursive: true }); // a folder where the file should be
    const { recentFiles, warning } = await open();
    expect(recentFiles.list()).toEqual([]);
    expect(warning).toMatch(new RegExp(`^Cannot read the recent files list ${file().replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}: EISDIR.*; starting with an empty list\\.$`));
  });

  it('drops repeats and extra files from a hand-edited list', async () => {
    const files = ['/a.csv', '/a.csv', ...Array.from({ length: 12 }, (_, i) => `/${i}.csv`)];
    await write(JSON.stringify({ version: 1, files }));
    const { recentFiles, warning } = await open();
    expect(warning).toBeNull();
    expect(recentFiles.list()).toEqual(['/a.csv', ...Array.from({ length: 9 }, (_, i) => `/${i}.csv`)]);
  });
});

describe('parseRecentFiles', () => {
  it.each([
    ['an array', '["/a.csv"]'],
    ['another version', '{"version": 2, "files": ["/a.csv"]}'],
    ['a number among the files', '{"version": 1, "files": ["/a.csv", 3]}'],
    ['an empty path', '{"version": 1, "files": [""]}'],
  ])('gives no files and a warning for %s', (_case, text) => {
    expect(parseRecentFiles(text, '/data/recent-files.json')).toEqual({
      files: [],
      warning: 'The recent files list /data/recent-files.json is not a version 1 list of file paths; starting with an empty list.',
    });
  });

  it('reads what serializeRecentFiles wrote', () => {
    expect(parseRecentFiles(serializeRecentFiles(['/a.csv', 'C:\\b.csv']), 'x')).toEqual({ files: ['/a.csv', 'C:\\b.csv'], warning: null });
  });
});
