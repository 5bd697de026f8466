/**
 * Node adapter for CSV import: a source over a file on disk, read in chunks
 * through a file handle so a large file is never held whole, and iconv-lite
 * decoders for encodings `TextDecoder` lacks (UTF-32, DOS code pages...).
 * Only `*.node.ts` files in core may use Node. Everything Node-specific sits
 * in this one file: tsx resolves an extensionless `./x.node` as a native addon,
 * so adapters do not import one another (from tsx, import `source.node.ts`).
 */
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import iconv from 'iconv-lite';
import type { DecoderFallback, StreamDecoder } from './decode';
import { importCsv, type ImportHooks, type ImportOptions, type ImportResult } from './import';
import { DEFAULT_CHUNK_SIZE, type CsvSource } from './source';

/**
 * A `stream` source over the file at `path`, named by its base name in
 * messages. The size is read now; the file is opened on each read and closed
 * when reading ends, fails or is cancelled.
 */
export async function fileSource(path: string, chunkSize: number = DEFAULT_CHUNK_SIZE): Promise<CsvSource> {
  const { size } = await stat(path);
  return { kind: 'stream', name: basename(path), size, open: () => readFileChunks(path, chunkSize) };
}

async function* readFileChunks(path: string, chunkSize: number): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r');
  // One read stays in flight while the consumer parses the previous chunk, so the disk and the parser overlap.
  let position = 0;
  const readNext = async (): Promise<Uint8Array> => {
    // A fresh buffer per chunk: the consumer may still hold the previous one.
    const buffer = new Uint8Array(chunkSize);
    const { bytesRead } = await handle.read(buffer, 0, chunkSize, position);
    position += bytesRead;
    return buffer.subarray(0, bytesRead);
  };
  let next: Promise<Uint8Array> | null = null;
  try {
    next = readNext();
    for (;;) {
      const chunk = await next;
      next = null;
      if (chunk.length === 0) return;
      next = readNext();
      yield chunk;
    }
  } finally {
    // Let a read still in flight finish (and its error be dropped) before the handle closes.
    if (next) await next.catch(() => undefined);
    await handle.close();
  }
}

/** A `DecoderFallback` backed by iconv-lite (which needs Node's Buffer); null for a label it does not know either. */
export const iconvDecoderFallback: DecoderFallback = (label: string): StreamDecoder | null => {
  if (!iconv.encodingExists(label)) return null;
  const decoder = iconv.getDecoder(label);
  return {
    encoding: label.toLowerCase(),
    decode(chunk, final) {
      const text = chunk.length > 0 ? decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length)) : '';
      return final ? text + (decoder.end() ?? '') : text;
    },
  };
};

/** Imports the CSV file at `path` (see `importCsv`), streamed, with iconv-lite as decoder fallback. */
export async function importCsvFile(path: string, options: ImportOptions = {}, hooks: ImportHooks = {}): Promise<ImportResult> {
  const source = await fileSource(path, options.chunkSize);
  return importCsv(source, options, { decoderFallback: iconvDecoderFallback, ...hooks });
}
