/**
 * Where a CSV comes from, and the one streaming shape every kind is read
 * through: an async sequence of byte chunks (or, for a string already in
 * memory, text pieces) with a known total size, so progress is
 * "bytes consumed / total" whatever the origin.
 */

/** The part of a browser `Blob`/`File` (or Node's `Blob`) the reader needs. */
export interface BlobLike {
  readonly size: number;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/**
 * A CSV to import. `name` is the file name shown in messages (no directories).
 * - `text`: already-decoded text (no encoding detection; sizes count characters).
 * - `bytes`: the whole file in memory.
 * - `blob`: a browser `File`/`Blob`, read slice by slice.
 * - `stream`: any chunked byte source, e.g. a Node file (`source.node.ts`);
 *   `open()` may be called more than once and must start from the first byte.
 */
export type CsvSource =
  | { kind: 'text'; name: string; text: string }
  | { kind: 'bytes'; name: string; bytes: Uint8Array }
  | { kind: 'blob'; name: string; blob: BlobLike }
  | { kind: 'stream'; name: string; size: number | null; open(): AsyncIterable<Uint8Array> };

/** A source opened for reading: pieces in order, and the total when known. */
export type ChunkStream =
  | { kind: 'bytes'; totalBytes: number | null; chunks: AsyncIterable<Uint8Array> }
  | { kind: 'text'; totalBytes: number; chunks: AsyncIterable<string> };

/** Default piece size: small enough for prompt progress and cancellation, large enough to parse fast. */
export const DEFAULT_CHUNK_SIZE = 1 << 20;

/** The size of a source before reading it (characters for `text`), or null when unknown. */
export function sourceSize(source: CsvSource): number | null {
  switch (source.kind) {
    case 'text': return source.text.length;
    case 'bytes': return source.bytes.length;
    case 'blob': return source.blob.size;
    case 'stream': return source.size;
  }
}

/** Opens a source as a stream of pieces of at most `chunkSize` bytes (or characters). */
export function openChunkStream(source: CsvSource, chunkSize: number = DEFAULT_CHUNK_SIZE): ChunkStream {
  const size = Math.max(1, Math.floor(chunkSize));
  switch (source.kind) {
    case 'text':
      return { kind: 'text', totalBytes: source.text.length, chunks: textPieces(source.text, size) };
    case 'bytes':
      return { kind: 'bytes', totalBytes: source.bytes.length, chunks: bytePieces(source.bytes, size) };
    case 'blob':
      return { kind: 'bytes', totalBytes: source.blob.size, chunks: blobPieces(source.blob, size) };
    case 'stream':
      return { kind: 'bytes', totalBytes: source.size, chunks: rechunk(source.open(), size) };
  }
}

async function* textPieces(text: string, size: number): AsyncGenerator<string> {
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + size);
    // Never split a surrogate pair: the parser would see half a character.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    yield text.slice(at, end);
    at = end;
  }
}

async function* bytePieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, Math.min(bytes.length, at + size));
}

async function* blobPieces(blob: BlobLike, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < blob.size; at += size) {
    yield new Uint8Array(await blob.slice(at, Math.min(blob.size, at + size)).arrayBuffer());
  }
}

/** Splits pieces larger than `size` so one huge chunk cannot delay progress or cancellation. */
async function* rechunk(chunks: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    if (chunk.length <= size) {
      if (chunk.length > 0) yield chunk;
      continue;
    }
    for (let at = 0; at < chunk.length; at += size) yield chunk.subarray(at, Math.min(chunk.length, at + size));
  }
}
