/**
 * What tells one dataset file from another: its size and the SHA-256 of its
 * bytes, streamed (a large CSV is never read whole). A project keeps both,
 * so a moved file is recognised wherever the user finds it, and a changed
 * file is noticed even at the same path.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

export interface FileIdentity {
  size: number;
  /** Lowercase hex. */
  sha256: string;
}

/** The size and SHA-256 of the file at `path`; rejects with Node's error (ENOENT...) when it cannot be read. */
export async function fileIdentity(path: string): Promise<FileIdentity> {
  const info = await stat(path);
  if (!info.isFile()) throw Object.assign(new Error(`${path} is not a file`), { code: 'EISDIR' });
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return { size: info.size, sha256: hash.digest('hex') };
}

/** Human-readable size: "812 bytes", "1.4 KB", "23.0 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${value.toFixed(1)} ${units[unit]}`;
}
