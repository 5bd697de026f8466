import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AtomicWriteError } from '../../../../electron/services/atomic-write';
import {
  DEFAULT_WINDOW_SIZE, createWindowStateKeeper, loadWindowState, serializeWindowState,
  type DisplayArea, type WindowState, type WindowStateFs,
} from '../../../../electron/services/window-state';

const defaults = { width: 1280, height: 800, minWidth: 800, minHeight: 560 };
/** A 1920×1080 primary display with a 40 px task bar at the bottom. */
const laptop: DisplayArea = { workArea: { x: 0, y: 0, width: 1920, height: 1040 }, primary: true };
/** A second monitor to the left of the primary one: negative x. */
const leftMonitor: DisplayArea = { workArea: { x: -2560, y: -200, width: 2560, height: 1400 } };
const small: DisplayArea = { workArea: { x: 0, y: 25, width: 1024, height: 743 }, primary: true };

const saved = (x: number, y: number, width: number, height: number, maximized = false): string =>
  serializeWindowState({ bounds: { x, y, width, height }, maximized });

describe('loadWindowState', () => {
  it('keeps a window that is fully visible as it was', () => {
    expect(loadWindowState(saved(100, 50, 1000, 700), [laptop], defaults)).toEqual({
      bounds: { x: 100, y: 50, width: 1000, height: 700 }, maximized: false,
    });
  });

  it.each([
    ['absent', null],
    ['not JSON', '{"version": 1, "bounds": '],
    ['an array', '[]'],
    ['of another version', JSON.stringify({ version: 2, bounds: { x: 0, y: 0, width: 900, height: 600 }, maximized: false })],
    ['missing the bounds', JSON.stringify({ version: 1, maximized: false })],
    ['with a zero width', saved(0, 0, 0, 600)],
    ['with a fractional x', JSON.stringify({ version: 1, bounds: { x: 0.5, y: 0, width: 900, height: 600 }, maximized: false })],
    ['with a string height', JSON.stringify({ version: 1, bounds: { x: 0, y: 0, width: 900, height: '600' }, maximized: false })],
    ['with maximized not a boolean', JSON.stringify({ version: 1, bounds: { x: 0, y: 0, width: 900, height: 600 }, maximized: 'yes' })],
  ])('gives the default size centred on the primary display when the file is %s', (_case, text) => {
    expect(loadWindowState(text, [leftMonitor, laptop], defaults)).toEqual({
      bounds: { x: 320, y: 120, width: 1280, height: 800 }, maximized: false,
    });
  });

  it('shrinks the default size to a small primary display', () => {
    expect(loadWindowState(null, [small], defaults)).toEqual({
      bounds: { x: 0, y: 25, width: 1024, height: 743 }, maximized: false,
    });
  });

  it('moves a window partly off the right and bottom edges back inside', () => {
    expect(loadWindowState(saved(1500, 900, 1000, 700), [laptop], defaults).bounds).toEqual({ x: 920, y: 340, width: 1000, height: 700 });
  });

  it('moves a window above the top of the work area (title bar unreachable) down', () => {
    expect(loadWindowState(saved(200, -300, 1000, 700), [laptop], defaults).bounds).toEqual({ x: 200, y: 0, width: 1000, height: 700 });
  });

  it('keeps a window on a monitor left of the primary one, at negative coordinates', () => {
    expect(loadWindowState(saved(-2000, -100, 1200, 900), [laptop, leftMonitor], defaults).bounds)
      .toEqual({ x: -2000, y: -100, width: 1200, height: 900 });
  });

  it('moves a window from a monitor that is no longer connected onto the primary display, keeping its size', () => {
    expect(loadWindowState(saved(-2000, -100, 1200, 900), [laptop], defaults)).toEqual({
      bounds: { x: 0, y: 0, width: 1200, height: 900 }, maximized: false,
    });
  });

  it('puts a window spanning two monitors wholly on the one holding most of it', () => {
    expect(loadWindowState(saved(-400, 100, 1200, 800), [laptop, leftMonitor], defaults).bounds)
      .toEqual({ x: 0, y: 100, width: 1200, height: 800 });
    expect(loadWindowState(saved(-900, 100, 1200, 800), [laptop, leftMonitor], defaults).bounds)
      .toEqual({ x: -1200, y: 100, width: 1200, height: 800 });
  });

  it('shrinks a window larger than its display to the work area', () => {
    expect(loadWindowState(saved(-50, -50, 3000, 2000), [laptop], defaults).bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
  });

  it('shrinks a window from a large unplugged monitor to fit the primary display', () => {
    expect(loadWindowState(saved(3000, 0, 2400, 1300), [small], defaults).bounds).toEqual({ x: 0, y: 25, width: 1024, height: 743 });
  });

  it('grows a saved window below the minimum size to the minimum', () => {
    expect(loadWindowState(saved(10, 10, 300, 200), [laptop], defaults).bounds).toEqual({ x: 10, y: 10, width: 800, height: 560 });
  });

  it('keeps the minimum size even on a display smaller than it, aligned top-left', () => {
    const tiny: DisplayArea = { workArea: { x: 0, y: 0, width: 640, height: 480 }, primary: true };
    expect(loadWindowState(saved(100, 100, 900, 700), [tiny], defaults).bounds).toEqual({ x: 0, y: 0, width: 800, height: 560 });
  });

  it('keeps maximized, with the restored bounds fitted to the display', () => {
    expect(loadWindowState(saved(-2000, 0, 1400, 900, true), [laptop], defaults)).toEqual({
      bounds: { x: 0, y: 0, width: 1400, height: 900 }, maximized: true,
    });
  });

  it('uses the first display when none is marked primary', () => {
    const unmarked = [{ workArea: laptop.workArea }, { workArea: leftMonitor.workArea }];
    expect(loadWindowState(saved(5000, 5000, 1000, 700), unmarked, defaults).bounds).toEqual({ x: 920, y: 340, width: 1000, height: 700 });
  });

  it('returns the saved or default state unchanged when no display is known', () => {
    expect(loadWindowState(saved(-2000, 0, 1000, 700), [], defaults).bounds).toEqual({ x: -2000, y: 0, width: 1000, height: 700 });
    expect(loadWindowState(null, [], defaults).bounds).toEqual({ x: 0, y: 0, width: 1280, height: 800 });
  });

  it('has defaults that fit a 1366×768 laptop above the minimum', () => {
    const state = loadWindowState(null, [{ workArea: { x: 0, y: 0, width: 1366, height: 728 }, primary: true }], DEFAULT_WINDOW_SIZE);
    expect(state.bounds).toEqual({ x: 43, y: 0, width: 1280, height: 728 });
  });
});

describe('serializeWindowState', () => {
  it('writes version 1 with whole pixels, and reads back what it wrote', () => {
    const text = serializeWindowState({ bounds: { x: 10.4, y: -20.6, width: 1000.5, height: 700 }, maximized: true });
    expect(JSON.parse(text)).toEqual({ version: 1, bounds: { x: 10, y: -21, width: 1001, height: 700 }, maximized: true });
    expect(loadWindowState(text, [leftMonitor, laptop], defaults)).toEqual({
      bounds: { x: 10, y: 0, width: 1001, height: 700 }, maximized: true,
    });
  });
});

describe('createWindowStateKeeper', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'window-state-'));
    vi.useFakeTimers();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const file = (): string => join(dir, 'data', 'window-state.json');
  const state = (x: number, maximized = false): WindowState => ({ bounds: { x, y: 0, width: 900, height: 600 }, maximized });

  function countingFs(renameError?: string): WindowStateFs & { saves: number } {
    const counted = {
      saves: 0,
      open: fs.open, unlink: fs.unlink, mkdir: fs.mkdir, readFile: fs.readFile,
      rename: async (from: string, to: string) => {
        if (renameError !== undefined) throw Object.assign(new Error(`${renameError}: simulated`), { code: renameError });
        await fs.rename(from, to);
        counted.saves++;
      },
    };
    return counted;
  }

  it('saves once, debounceMs after the last of a burst of updates', async () => {
    const fsImpl = countingFs();
    const keeper = createWindowStateKeeper({ file: file(), fs: fsImpl, debounceMs: 500 });
    for (let x = 0; x < 5; x++) {
      keeper.update(state(x));
      await vi.advanceTimersByTimeAsync(400);
    }
    expect(fsImpl.saves).toBe(0);
    await vi.advanceTimersByTimeAsync(100);
    await keeper.flush();
    expect(fsImpl.saves).toBe(1);
    expect(JSON.parse(await fs.readFile(file(), 'utf8'))).toEqual({
      version: 1, bounds: { x: 4, y: 0, width: 900, height: 600 }, maximized: false,
    });
  });

  it('saves immediately on flush and does not save again when the timer would have fired', async () => {
    const fsImpl = countingFs();
    const keeper = createWindowStateKeeper({ file: file(), fs: fsImpl });
    keeper.update(state(7, true));
    await keeper.flush();
    expect(fsImpl.saves).toBe(1);
    expect(JSON.parse(await fs.readFile(file(), 'utf8')).maximized).toBe(true);
    await vi.advanceTimersByTimeAsync(5_000);
    await keeper.flush();
    expect(fsImpl.saves).toBe(1);
  });

  it('does not rewrite an unchanged state, and writes nothing before the first update', async () => {
    const fsImpl = countingFs();
    const keeper = createWindowStateKeeper({ file: file(), fs: fsImpl });
    await keeper.flush();
    expect(fsImpl.saves).toBe(0);
    keeper.update(state(1));
    await keeper.flush();
    keeper.update(state(1));
    await keeper.flush();
    expect(fsImpl.saves).toBe(1);
  });

  it('loads what it saved, fitted to the displays, and skips saving it back unchanged', async () => {
    const fsImpl = countingFs();
    const first = createWindowStateKeeper({ file: file(), fs: fsImpl });
    first.update(state(-2000));
    await first.flush();
    const second = createWindowStateKeeper({ file: file(), fs: fsImpl });
    await expect(second.load([leftMonitor, laptop], defaults)).resolves.toEqual(state(-2000));
    second.update(state(-2000));
    await second.flush();
    expect(fsImpl.saves).toBe(1);
  });

  it('loads the defaults when the file is missing or corrupt', async () => {
    const keeper = createWindowStateKeeper({ file: file(), fs: countingFs() });
    await expect(keeper.load([laptop], defaults)).resolves.toEqual({ bounds: { x: 320, y: 120, width: 1280, height: 800 }, maximized: false });
    await fs.mkdir(join(dir, 'data'));
    await fs.writeFile(file(), '{ not json');
    await expect(keeper.load([laptop], defaults)).resolves.toEqual({ bounds: { x: 320, y: 120, width: 1280, height: 800 }, maximized: false });
  });

  it('reports a failed debounced save to onError, and flush rejects with the message to show', async () => {
    const errors: AtomicWriteError[] = [];
    const keeper = createWindowStateKeeper({ file: file(), fs: countingFs('ENOSPC'), onError: (error) => errors.push(error) });
    keeper.update(state(1));
    await vi.advanceTimersByTimeAsync(500);
    await vi.waitFor(() => expect(errors.map((error) => error.message)).toEqual(['Cannot save "window-state.json": the disk is full.']));
    keeper.update(state(2));
    await expect(keeper.flush()).rejects.toThrow('Cannot save "window-state.json": the disk is full.');
    await expect(fs.readdir(join(dir, 'data'))).resolves.toEqual([]);
  });
});
