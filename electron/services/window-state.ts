/**
 * The main window's size, position and maximized state, remembered across
 * launches in `window-state.json` in the app's data folder.
 *
 * Loading never throws: an absent or corrupt file gives the default size,
 * centred on the primary display. A saved window is kept visible: it goes to
 * the display it overlaps most (the primary one if it overlaps none, e.g.
 * after a monitor was unplugged), shrinks to fit that display's work area
 * (never below the minimum size), and moves inside it. A window spanning two
 * monitors thus lands wholly on the one holding most of it.
 *
 * Wiring in main (Electron's `Display` already has `workArea`):
 * ```ts
 * const keeper = createWindowStateKeeper({ file: join(app.getPath('userData'), WINDOW_STATE_FILE_NAME) });
 * const displays = screen.getAllDisplays().map((d) => ({ workArea: d.workArea, primary: d.id === screen.getPrimaryDisplay().id }));
 * const state = await keeper.load(displays, DEFAULT_WINDOW_SIZE);
 * const win = new BrowserWindow({ ...state.bounds, minWidth, minHeight, show: false });
 * if (state.maximized) win.maximize();
 * const report = () => keeper.update({ bounds: win.getNormalBounds(), maximized: win.isMaximized() });
 * for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event, report);
 * win.on('close', () => { report(); void keeper.flush().catch(showError); });
 * ```
 */
import * as nodeFs from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { AtomicWriteError, writeFileAtomic, type AtomicWriteFs } from './atomic-write';

/** Name of the file inside the data folder. */
export const WINDOW_STATE_FILE_NAME = 'window-state.json';

/** A rectangle in screen coordinates (DIP), as Electron gives and takes bounds. */
export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One connected display: the part of it a window may use (without task bar or dock). */
export interface DisplayArea {
  workArea: Rectangle;
  /** The primary display; when none is marked, the first one is used. */
  primary?: boolean;
}

/** The window's normal (restored) bounds and whether it is maximized over them. */
export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

/** Size for a first launch, and the smallest size the window accepts. */
export interface WindowStateDefaults {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

/** The studio's own defaults: room for the network designer beside the charts. */
export const DEFAULT_WINDOW_SIZE: WindowStateDefaults = { width: 1280, height: 800, minWidth: 800, minHeight: 560 };

const int = z.number().int();
/** `window-state.json`, version 1. */
const windowStateFileSchema = z.object({
  version: z.literal(1),
  bounds: z.object({ x: int, y: int, width: int.positive(), height: int.positive() }),
  maximized: z.boolean(),
});
/** `window-state.json` as written. */
export type WindowStateFile = z.infer<typeof windowStateFileSchema>;

/** The text to save for `state`. */
export function serializeWindowState(state: WindowState): string {
  const { x, y, width, height } = state.bounds;
  const file: WindowStateFile = {
    version: 1,
    bounds: { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) },
    maximized: state.maximized,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * The state to open the window with, from the saved `text` (null when there
 * is no file), fitted to the `displays` connected now. Never throws.
 */
export function loadWindowState(text: string | null, displays: readonly DisplayArea[], defaults: WindowStateDefaults): WindowState {
  const primary = displays.find((display) => display.primary === true) ?? displays[0];
  const saved = parseWindowState(text);
  if (saved === null) {
    const size = { width: defaults.width, height: defaults.height };
    if (primary === undefined) return { bounds: { x: 0, y: 0, ...size }, maximized: false };
    return { bounds: centre(fitSize(size, primary.workArea, defaults), primary.workArea), maximized: false };
  }
  if (primary === undefined) return saved;
  const target = mostOverlapping(saved.bounds, displays) ?? primary;
  const size = fitSize(saved.bounds, target.workArea, defaults);
  return { bounds: moveInside({ ...saved.bounds, ...size }, target.workArea), maximized: saved.maximized };
}

function parseWindowState(text: string | null): WindowState | null {
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = windowStateFileSchema.safeParse(json);
  return parsed.success ? { bounds: parsed.data.bounds, maximized: parsed.data.maximized } : null;
}

/** The display sharing the largest area with `bounds`, or undefined when it is on none of them. */
function mostOverlapping(bounds: Rectangle, displays: readonly DisplayArea[]): DisplayArea | undefined {
  let best: DisplayArea | undefined;
  let bestArea = 0;
  for (const display of displays) {
    const area = overlap(bounds, display.workArea);
    if (area > bestArea) {
      best = display;
      bestArea = area;
    }
  }
  return best;
}

function overlap(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** Shrinks to the work area, but never below the minimum size (which then wins over the display). */
function fitSize(size: { width: number; height: number }, area: Rectangle, defaults: WindowStateDefaults): { width: number; height: number } {
  return {
    width: Math.max(defaults.minWidth, Math.min(size.width, area.width)),
    height: Math.max(defaults.minHeight, Math.min(size.height, area.height)),
  };
}

/** Moves `bounds` inside `area`; a window larger than the area is aligned with its top-left corner. */
function moveInside(bounds: Rectangle, area: Rectangle): Rectangle {
  const clamp = (value: number, low: number, high: number): number => Math.max(low, Math.min(value, high));
  return {
    ...bounds,
    x: clamp(bounds.x, area.x, Math.max(area.x, area.x + area.width - bounds.width)),
    y: clamp(bounds.y, area.y, Math.max(area.y, area.y + area.height - bounds.height)),
  };
}

function centre(size: { width: number; height: number }, area: Rectangle): Rectangle {
  return moveInside({
    x: area.x + Math.round((area.width - size.width) / 2),
    y: area.y + Math.round((area.height - size.height) / 2),
    ...size,
  }, area);
}

/** What the keeper uses of `node:fs/promises`, besides what the atomic writer needs. */
export interface WindowStateFs extends AtomicWriteFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
}

/** The timer functions the keeper uses; default: the global ones (so `vi.useFakeTimers` works too). */
export interface WindowStateTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface WindowStateKeeperArgs {
  /** Full path of `window-state.json`; its folder is created if missing. */
  file: string;
  /** Quiet time after the last `update` before saving (default 500 ms), so a drag saves once. */
  debounceMs?: number;
  /** Receives a failed debounced save (`flush` rejects instead); the message is ready to show. */
  onError?(error: AtomicWriteError): void;
  fs?: WindowStateFs;
  timers?: WindowStateTimers;
}

export interface WindowStateKeeper {
  /** Reads the file and fits the state to `displays`; never throws. */
  load(displays: readonly DisplayArea[], defaults: WindowStateDefaults): Promise<WindowState>;
  /** Records the window's current state (on resize, move, maximize, unmaximize); saved after `debounceMs`. */
  update(state: WindowState): void;
  /** Saves the last recorded state now (on close) and cancels the pending timer. Rejects with an `AtomicWriteError`. */
  flush(): Promise<void>;
}

const defaultTimers: WindowStateTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Creates a keeper for `args.file`; nothing is written until `update` or `flush`. */
export function createWindowStateKeeper(args: WindowStateKeeperArgs): WindowStateKeeper {
  const fs = args.fs ?? nodeFs;
  const timers = args.timers ?? defaultTimers;
  const debounceMs = args.debounceMs ?? 500;
  let latest: string | null = null;
  let written: string | null = null;
  let handle: unknown;
  let scheduled = false;
  let pending: Promise<void> = Promise.resolve();

  async function saveIfChanged(): Promise<void> {
    const text = latest;
    if (text === null || text === written) return;
    await fs.mkdir(dirname(args.file), { recursive: true }).catch(() => undefined); // a real failure shows in the write
    await writeFileAtomic(args.file, text, fs);
    written = text;
  }

  /** Saves after any save in progress, so two writes never race. */
  function enqueue(): Promise<void> {
    const next = pending.then(saveIfChanged);
    pending = next.catch(() => undefined);
    return next;
  }

  function cancelTimer(): void {
    if (!scheduled) return;
    scheduled = false;
    timers.clearTimeout(handle);
  }

  return {
    async load(displays, defaults) {
      let text: string | null;
      try {
        text = await fs.readFile(args.file, 'utf8');
      } catch {
        text = null; // absent or unreadable: the defaults are the right answer either way
      }
      const state = loadWindowState(text, displays, defaults);
      written = text;
      return state;
    },
    update(state) {
      latest = serializeWindowState(state);
      cancelTimer();
      scheduled = true;
      handle = timers.setTimeout(() => {
        scheduled = false;
        enqueue().catch((error: unknown) => args.onError?.(asSaveError(error)));
      }, debounceMs);
    },
    flush() {
      cancelTimer();
      return enqueue().catch((error: unknown) => Promise.reject(asSaveError(error)));
    },
  };
}

function asSaveError(error: unknown): AtomicWriteError {
  if (error instanceof AtomicWriteError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AtomicWriteError(`Cannot save the window position: ${message.replace(/\.$/, '')}.`, undefined, { cause: error });
}
