/**
 * Turns an opened source into a stream of text pieces, each tagged with how
 * many source bytes it accounts for: the first ~64 KB are gathered to guess
 * the encoding (or the user's choice is used), then every chunk is decoded as
 * it arrives, carrying partial characters across chunk boundaries.
 */
import { tooLargeStreamIssue } from './csv-messages';
import {
  checkTextSample, countingDecoder, createDecoder, sniffEncoding, SNIFF_BYTES, type DecoderFallback,
} from './decode';
import { DataError, type DataIssue } from './issues';
import type { ChunkStream } from './source';

type CountingDecoder = ReturnType<typeof countingDecoder>;

/** A piece of decoded text; `last` marks the final (possibly empty) piece. */
export interface TextPiece {
  text: string;
  bytes: number;
  last: boolean;
}

export interface TextStream {
  /** Known once the first piece has been produced. */
  readonly encoding: string;
  readonly encodingConfidence: number;
  readonly pieces: AsyncIterable<TextPiece>;
  /** A warning when some bytes could not be decoded (call after reading). */
  decodingIssue(): DataIssue | null;
}

export interface DecodeArgs {
  name: string;
  /** The user's encoding, overriding detection. */
  encoding?: string;
  /** Bytes allowed when the source's size is not known in advance. */
  maxBytes: number;
  fallback?: DecoderFallback;
}

/** Name given to the encoding of a source that was text already. */
export const ALREADY_TEXT = 'text';

/** Decodes `stream` lazily; errors (not-text, unknown-encoding, too-large) surface while iterating. */
export function decodeStream(stream: ChunkStream, args: DecodeArgs): TextStream {
  const state = {
    encoding: ALREADY_TEXT,
    encodingConfidence: 1,
    issue: (): DataIssue | null => null,
  };
  const pieces = stream.kind === 'text' ? textPieces(stream.chunks, args.name) : bytePieces(stream.chunks, args, state);
  return {
    get encoding() { return state.encoding; },
    get encodingConfidence() { return state.encodingConfidence; },
    pieces,
    decodingIssue: () => state.issue(),
  };
}

async function* textPieces(chunks: AsyncIterable<string>, name: string): AsyncGenerator<TextPiece> {
  let first = true;
  for await (const chunk of chunks) {
    let text = chunk;
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      checkTextSample(text.slice(0, SNIFF_BYTES), name);
      first = false;
    }
    yield { text, bytes: chunk.length, last: false };
  }
  yield { text: '', bytes: 0, last: true };
}

async function* bytePieces(
  chunks: AsyncIterable<Uint8Array>,
  args: DecodeArgs,
  state: { encoding: string; encodingConfidence: number; issue: () => DataIssue | null },
): AsyncGenerator<TextPiece> {
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let total = 0;
  let decoder: CountingDecoder | null = null;

  /** Guesses the encoding from the gathered head and decodes it. */
  const start = (): { text: string; decoder: CountingDecoder } => {
    const sample = concat(head, headBytes);
    head.length = 0;
    const guess = args.encoding
      ? { encoding: args.encoding, confidence: 1 }
      : sniffEncoding(sample.subarray(0, SNIFF_BYTES), args.name);
    const created = countingDecoder(createDecoder(guess.encoding, args.name, args.fallback));
    state.encoding = created.encoding;
    state.encodingConfidence = guess.confidence;
    state.issue = () => created.replaced(args.name);
    let text = created.decode(sample, false);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    checkTextSample(text.slice(0, SNIFF_BYTES), args.name);
    return { text, decoder: created };
  };

  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > args.maxBytes) throw new DataError(tooLargeStreamIssue(args.name, args.maxBytes));
    if (decoder) {
      yield { text: decoder.decode(chunk, false), bytes: chunk.length, last: false };
      continue;
    }
    head.push(chunk);
    headBytes += chunk.length;
    if (headBytes >= SNIFF_BYTES) {
      const started = start();
      decoder = started.decoder;
      yield { text: started.text, bytes: headBytes, last: false };
    }
  }
  if (!decoder) {
    const started = start();
    decoder = started.decoder;
    yield { text: started.text, bytes: headBytes, last: false };
  }
  yield { text: decoder.decode(new Uint8Array(0), true), bytes: 0, last: true };
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
