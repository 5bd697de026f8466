/**
 * Which encoding a CSV's bytes are in, and streaming decoders for it.
 * Order of evidence: a byte-order mark; zero bytes (UTF-16 without a BOM, or
 * not text at all); valid UTF-8; otherwise chardet's guess (GB18030/GBK,
 * Shift_JIS, windows-1252...). Decoding uses the runtime's `TextDecoder`;
 * labels it lacks (UTF-32, DOS code pages) can come from a fallback such as
 * the iconv-lite adapter in `source.node.ts`.
 */
import { analyse } from 'chardet';
import { notTextControlIssue, notTextNulIssue, replacedCharactersIssue, unknownEncodingIssue } from './csv-messages';
import { DataError, type DataIssue } from './issues';

/** How many leading bytes the encoding is guessed from. */
export const SNIFF_BYTES = 64 * 1024;

/** Turns byte chunks into text; `final: true` flushes any partial character. */
export interface StreamDecoder {
  /** The WHATWG label actually used, e.g. `utf-8`, `gb18030`. */
  readonly encoding: string;
  decode(chunk: Uint8Array, final: boolean): string;
}

/** Makes a decoder for a label the runtime's TextDecoder does not know, or returns null. */
export type DecoderFallback = (label: string) => StreamDecoder | null;

export interface EncodingGuess {
  encoding: string;
  /** 1 for a BOM, valid UTF-8 or a user's choice; chardet's score (0..1) for a guess, 0 when it has none. */
  confidence: number;
}

const REPLACEMENT = '\uFFFD';

/** chardet names that TextDecoder knows under another (WHATWG) label. */
const CHARDET_LABELS: Readonly<Record<string, string>> = {
  'ISO-8859-1': 'windows-1252',
  'ISO-8859-9': 'windows-1254',
};

/** Guesses the encoding of a file from its first bytes; throws `not-text` for binary data. */
export function sniffEncoding(sample: Uint8Array, name: string): EncodingGuess {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', confidence: 1 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', confidence: 1 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', confidence: 1 };

  const firstZero = sample.indexOf(0);
  if (firstZero >= 0) {
    const utf16 = guessUtf16WithoutBom(sample);
    if (utf16) return { encoding: utf16, confidence: 0.8 };
    throw new DataError(notTextNulIssue(name, firstZero));
  }
  if (isUtf8(sample)) return { encoding: 'utf-8', confidence: 1 };

  const guesses = analyse(sample)
    .map((match) => ({ encoding: CHARDET_LABELS[match.name] ?? match.name.toLowerCase(), confidence: match.confidence / 100 }))
    .filter((g) => g.encoding !== 'utf-8' && g.encoding !== 'ascii' && runtimeKnows(g.encoding));
  const [best] = guesses;
  if (!best) return { encoding: 'windows-1252', confidence: 0 };
  // chardet finds Shift_JIS and EUC by their kana; names and places in kanji only can lose to a weak single-byte guess.
  if (!MULTIBYTE.has(best.encoding) && best.confidence < 0.5) {
    const cjk = guesses.find((g) => MULTIBYTE.has(g.encoding) && decodesStrictly(sample, g.encoding));
    if (cjk) return cjk;
  }
  return best;
}

/** East Asian multi-byte encodings: bytes that decode strictly as one of these are very unlikely to be Latin text. */
const MULTIBYTE = new Set(['shift_jis', 'euc-jp', 'euc-kr', 'gb18030', 'big5']);

function decodesStrictly(sample: Uint8Array, label: string): boolean {
  try {
    new TextDecoder(label, { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch (_invalid) {
    return false;
  }
}

/** ASCII text in UTF-16 has a zero in every other byte: odd positions for LE, even for BE. */
function guessUtf16WithoutBom(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 2) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) zeroEven += 1;
    if (sample[i + 1] === 0) zeroOdd += 1;
  }
  if (zeroOdd > 0.4 * pairs && zeroEven < 0.02 * pairs) return 'utf-16le';
  if (zeroEven > 0.4 * pairs && zeroOdd < 0.02 * pairs) return 'utf-16be';
  return null;
}

/** Valid UTF-8, allowing a character cut off at the end of the sample. */
function isUtf8(sample: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch (_notUtf8) {
    return false;
  }
}

function runtimeKnows(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch (_unknown) {
    return false;
  }
}

/**
 * A streaming decoder for `label` (BOMs of the matching encoding are dropped);
 * throws `unknown-encoding` when neither the runtime nor `fallback` knows it.
 */
export function createDecoder(label: string, name: string, fallback?: DecoderFallback): StreamDecoder {
  const wanted = label.trim();
  if (runtimeKnows(wanted)) {
    const decoder = new TextDecoder(wanted);
    return { encoding: decoder.encoding, decode: (chunk, final) => decoder.decode(chunk, { stream: !final }) };
  }
  const other = fallback?.(wanted);
  if (other) return other;
  throw new DataError(unknownEncodingIssue(name, label));
}

/**
 * Wraps a decoder to count bytes that could not be decoded (shown as U+FFFD),
 * not counting U+FFFD characters that a UTF-8 file really contains.
 */
export function countingDecoder(inner: StreamDecoder): StreamDecoder & { replaced(name: string): DataIssue | null } {
  let replaced = 0;
  const utf8 = inner.encoding === 'utf-8';
  return {
    encoding: inner.encoding,
    decode(chunk, final) {
      const text = inner.decode(chunk, final);
      if (text.indexOf(REPLACEMENT) >= 0) {
        replaced += countOf(text, REPLACEMENT) - (utf8 ? countLiteralReplacements(chunk) : 0);
      }
      return text;
    },
    replaced: (name) => (replaced > 0 ? replacedCharactersIssue(name, inner.encoding, replaced) : null),
  };
}

function countOf(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) count += 1;
  return count;
}

/** U+FFFD written in UTF-8 is EF BF BD. */
function countLiteralReplacements(bytes: Uint8Array): number {
  let count = 0;
  for (let at = bytes.indexOf(0xef); at >= 0; at = bytes.indexOf(0xef, at + 1)) {
    if (bytes[at + 1] === 0xbf && bytes[at + 2] === 0xbd) count += 1;
  }
  return count;
}

/** Share of control characters (other than tab, newlines, form feed) above which a file is not text. */
const CONTROL_LIMIT = 0.05;

/** Throws `not-text` when decoded text is mostly control characters or holds a NUL. */
export function checkTextSample(text: string, name: string): void {
  let control = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0) throw new DataError(notTextNulIssue(name, i));
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0x7f) control += 1;
  }
  if (text.length > 0 && control / text.length > CONTROL_LIMIT) {
    throw new DataError(notTextControlIssue(name, Math.round((100 * control) / text.length), text.length));
  }
}
