/**
 * The file a launch asks to open: `Backprop Studio iris.bpstudio` from a
 * shell, a double-click on a `.bpstudio` file (Windows, Linux), or a second
 * launch while the app runs (its argv and working folder arrive through the
 * `second-instance` event). macOS sends `open-file` events instead.
 */
import { extname, isAbsolute, resolve } from 'node:path';

/** A file to open, by what it is. */
export type LaunchFile = { kind: 'project' | 'dataset'; path: string };

const PROJECT_EXTENSIONS = new Set(['.bpstudio']);
const DATASET_EXTENSIONS = new Set(['.csv', '.tsv', '.tab', '.txt']);

/** What a path is by its extension, or null for a file the app does not open. */
export function launchFileKind(path: string): LaunchFile['kind'] | null {
  const ext = extname(path).toLowerCase();
  if (PROJECT_EXTENSIONS.has(ext)) return 'project';
  if (DATASET_EXTENSIONS.has(ext)) return 'dataset';
  return null;
}

/**
 * The first project or dataset named in `argv`. The executable (and, when
 * not packaged, the app folder Electron was started with) comes first;
 * switches (`--flag`, `-x`) are skipped; a relative path is taken from `cwd`.
 */
export function launchFile(argv: readonly string[], options: { isPackaged: boolean; cwd: string }): LaunchFile | null {
  const args = argv.slice(options.isPackaged ? 1 : 2);
  for (const arg of args) {
    if (arg.startsWith('-') || arg.length === 0) continue;
    const kind = launchFileKind(arg);
    if (kind) return { kind, path: isAbsolute(arg) ? arg : resolve(options.cwd, arg) };
  }
  return null;
}
