/**
 * The Node half of `{ kind: 'path' }` dataset sources: `EngineFiles` that
 * stream a file from disk (never held whole) with iconv-lite as decoder
 * fallback. In the desktop app, `permits` is the list of files the user
 * chose in a dialog or dropped on the window, so a compromised page cannot
 * make the engine read anything else.
 */
import { stat } from 'node:fs/promises';
import { fileSource, iconvDecoderFallback } from '../data/source.node.ts';
import { fail } from './engine-errors';
import type { EngineFiles } from './engine';

export interface NodeEngineFilesOptions {
  /** Whether the engine may open `path`; default: every path (CLI, tests). */
  permits?(path: string): boolean;
}

/** The sentence for a path the user did not choose. */
export function notPermittedMessage(path: string): string {
  return `Backprop Studio opens only files you chose: "${path}" was not picked in a dialog or dropped on the window.`;
}

/** The sentence for a file that cannot be opened, by Node error code. */
export function openErrorMessage(path: string, error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  switch (code) {
    case 'ENOENT': return `Cannot open ${path}: the file does not exist (it may have been moved, renamed or deleted).`;
    case 'EACCES':
    case 'EPERM': return `Cannot open ${path}: permission denied.`;
    case 'EISDIR': return `Cannot open ${path}: it is a folder, not a file.`;
    default: return `Cannot open ${path}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** `EngineFiles` over the local file system. */
export function nodeEngineFiles(options: NodeEngineFilesOptions = {}): EngineFiles {
  return {
    async open(path) {
      if (options.permits && !options.permits(path)) fail('file-not-permitted', notPermittedMessage(path));
      try {
        const info = await stat(path);
        if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
        return await fileSource(path);
      } catch (error) {
        fail('file-unreadable', openErrorMessage(path, error));
      }
    },
    decoderFallback: iconvDecoderFallback,
  };
}
