/**
 * The streaming CSV reader: source → bytes → text → rows. It guesses the
 * dialect from the first lines, then hands the header and each raw row
 * (strings, no type inference) to a sink as soon as it is parsed, so the file
 * text is never held whole. Ragged rows, blank lines and every other dropped
 * line are counted; bad input ends in a `DataError` (see `csv-messages.ts`).
 */
import {
  detectDecimalComma, detectDelimiter, detectHeader, detectNewline, generatedHeader, isBlankRow, SAMPLE_ROWS, uniqueHeader,
} from './csv-dialect';
import { LineCounter } from './csv-lines';
import {
  cancelledIssue, emptyFileIssue, headerMismatchIssue, headerOnlyIssue, LINES_LISTED, raggedRowsIssue,
  raggedRowsSkippedIssue, rowTooLongIssue, tooLargeIssue, unclosedQuoteIssue, type RaggedLine,
} from './csv-messages';
import { createRowParser, parseSample, type CsvDelimiter, type CsvNewline, type RowParser } from './csv-parse';
import type { DecoderFallback } from './decode';
import { decodeStream } from './decode-stream';
import { DataError, type DataIssue } from './issues';
import { openChunkStream, sourceSize, type CsvSource } from './source';
import { DEFAULT_MISSING_TOKENS } from './table-builder-contract';

/** Files above this size are refused unless `maxBytes` says otherwise. */
export const DEFAULT_MAX_BYTES = 1024 ** 3;

/** Characters of text the dialect is guessed from (more if no line ends in them). */
const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_CHARS_MAX = 4 * 1024 * 1024;
/** Longest row accepted: beyond it a quoted field has almost surely been left open, and memory is at stake. */
const MAX_ROW_CHARS = 32 * 1024 * 1024;
/** Longest run of work between two returns to the event loop (lets an abort message in). */
const YIELD_EVERY_MS = 20;

export interface CsvReadOptions {
  /** Encoding label (e.g. `gb18030`), overriding detection. */
  encoding?: string;
  delimiter?: CsvDelimiter;
  hasHeader?: boolean;
  /** Numbers written `1,5`; detected in semicolon files when not given. */
  decimalComma?: boolean;
  /** Cells meaning "missing" (default `DEFAULT_MISSING_TOKENS`); used for header detection. */
  missingTokens?: readonly string[];
  /** `error` (default): refuse a file with ragged rows; `skip`: drop and count them. */
  onRaggedRows?: 'error' | 'skip';
  /** Largest file accepted (default 1 GB). */
  maxBytes?: number;
  /** Bytes (characters for text sources) read at a time; small values are for tests. */
  chunkSize?: number;
}

export interface ImportProgress {
  /** Source bytes parsed so far (characters for text sources). */
  bytesRead: number;
  totalBytes: number | null;
  /** Data rows read so far. */
  rows: number;
}

export interface CsvReadHooks {
  onProgress?(progress: ImportProgress): void;
  /** Aborting stops the import between chunks with a `cancelled` DataError. */
  signal?: AbortSignal;
  /** Decoders for encodings the runtime's TextDecoder lacks (see `source.node.ts`). */
  decoderFallback?: DecoderFallback;
}

/** How the file is written, known once its first lines are read. */
export interface CsvLayout {
  encoding: string;
  encodingConfidence: number;
  delimiter: CsvDelimiter;
  newline: CsvNewline;
  decimalComma: boolean;
  hasHeader: boolean;
  generatedHeader: boolean;
  /** Unique, non-empty column names. */
  header: string[];
  /** Line of the header (or of the first row when the header is generated). */
  headerLine: number;
}

/** Receives the layout once, then every good data row in order. */
export interface CsvRowSink {
  begin(layout: CsvLayout): void;
  /** `cells.length` equals `layout.header.length`; `line` is 1-based. */
  row(cells: string[], line: number): void;
  /**
   * Optional fast path: the sink reads plain rows of `text` from `start`
   * itself (see `TableBuilder.addPlainRows`) and says where it stopped.
   */
  plainRows?(text: string, start: number, newline: '\n' | '\r\n', delimiter: string): { stop: number; rows: number };
}

export type SkipReason = 'ragged-row' | 'blank-line';

export interface SkippedRows {
  reason: SkipReason;
  count: number;
  /** The first few lines skipped. */
  lines: number[];
}

export interface CsvReadSummary extends CsvLayout {
  source: string;
  rowsRead: number;
  rowsSkipped: SkippedRows[];
  /** Warnings (renamed columns, skipped rows, undecodable bytes). */
  issues: DataIssue[];
  /** Bytes read (characters for text sources). */
  bytes: number;
}

/** Reads `source` row by row into `sink`; resolves with what was found, or rejects with a `DataError`. */
export async function readCsvRows(
  source: CsvSource, options: CsvReadOptions, sink: CsvRowSink, hooks: CsvReadHooks = {},
): Promise<CsvReadSummary> {
  const name = source.name;
  const { signal, onProgress } = hooks;
  const checkCancelled = (): void => {
    if (signal?.aborted) throw new DataError(cancelledIssue(name));
  };
  checkCancelled();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = sourceSize(source);
  if (size !== null && size > maxBytes) throw new DataError(tooLargeIssue(name, size, maxBytes));

  const chunks = openChunkStream(source, options.chunkSize);
  const text = decodeStream(chunks, { name, encoding: options.encoding, maxBytes, fallback: hooks.decoderFallback });
  const rows = new RowStage(name, options, sink);

  let sample = '';
  let sampleBytes = 0;
  let pending = '';
  let carried = 0;
  let bytesRead = 0;
  let lastYield = performance.now();
  const feed = (piece: string, last: boolean): void => {
    pending += piece;
    // A row longer than a chunk is re-parsed only once the text has doubled, so a long quoted field costs linear time.
    if (last || pending.length - carried >= carried || pending.length > MAX_ROW_CHARS) {
      pending = pending.slice(rows.parse(pending, last));
      carried = pending.length;
      if (carried > MAX_ROW_CHARS) throw new DataError(rowTooLongIssue(name, rows.nextLine, MAX_ROW_CHARS));
    }
  };
  for await (const piece of text.pieces) {
    checkCancelled();
    if (!rows.ready) {
      sample += piece.text;
      sampleBytes += piece.bytes;
      const enough = sample.length >= SAMPLE_CHARS_MAX || (sample.length >= SAMPLE_CHARS && /[\r\n]/.test(sample));
      if (!piece.last && !enough) continue;
      rows.prepare(sample, piece.last, text.encoding, text.encodingConfidence);
      // The sample is parsed in chunk-sized slices too, so small chunks test chunk boundaries even in small files.
      const step = Math.max(1, options.chunkSize ?? sample.length);
      for (let at = 0; at < sample.length; at += step) feed(sample.slice(at, at + step), piece.last && at + step >= sample.length);
      if (sample.length === 0) feed('', piece.last);
      sample = '';
      bytesRead += sampleBytes;
    } else {
      feed(piece.text, piece.last);
      bytesRead += piece.bytes;
    }
    onProgress?.({ bytesRead, totalBytes: chunks.totalBytes, rows: rows.rowsRead });
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      lastYield = performance.now();
      checkCancelled();
    }
  }
  const summary = rows.finish(bytesRead);
  const decoding = text.decodingIssue();
  if (decoding) summary.issues.push(decoding);
  return summary;
}

/** Header handling, ragged and blank lines, line numbers: everything between the parser and the sink. */
class RowStage {
  ready = false;
  rowsRead = 0;
  /** The line the next (unfinished) row starts on. */
  get nextLine(): number { return this.lines.line; }
  private layout: CsvLayout | null = null;
  private parser: RowParser | null = null;
  private readonly lines = new LineCounter();
  private input = '';
  private width = 0;
  private readonly issues: DataIssue[] = [];
  private readonly ragged: RaggedLine[] = [];
  private raggedCount = 0;
  private readonly blank: number[] = [];
  private blankCount = 0;
  /** Blank lines seen since the last row: dropped if nothing follows them. */
  private trailingBlank: number[] = [];
  private detected = { delimiter: ',' as CsvDelimiter, newline: '\n' as CsvNewline, decimalComma: false, hasHeader: true };
  private encoding = { encoding: '', encodingConfidence: 1 };

  constructor(
    private readonly name: string,
    private readonly options: CsvReadOptions,
    private readonly sink: CsvRowSink,
  ) {}

  /** Guesses the dialect from the first text of the file. */
  prepare(sample: string, final: boolean, encoding: string, encodingConfidence: number): void {
    const newline = detectNewline(sample, final);
    const delimiter = this.options.delimiter ?? detectDelimiter(sample, newline, final);
    const firstRows = parseSample(sample, delimiter, newline, final, SAMPLE_ROWS).filter((r) => !isBlankRow(r));
    const decimalComma = this.options.decimalComma ?? detectDecimalComma(firstRows, delimiter);
    const missing = new Set((this.options.missingTokens ?? DEFAULT_MISSING_TOKENS).map((t) => t.trim().toLowerCase()));
    const hasHeader = this.options.hasHeader ?? detectHeader(firstRows, decimalComma, missing);
    this.detected = { delimiter, newline, decimalComma, hasHeader };
    this.encoding = { encoding, encodingConfidence };
    this.parser = createRowParser(delimiter, newline, (fields, start, end, unclosed) =>
      this.onRow(fields, start, end, unclosed));
    this.ready = true;
  }

  /** Parses whole rows of `input`; returns how many characters they span. */
  parse(input: string, final: boolean): number {
    if (!this.parser) throw new Error('RowStage.parse before prepare');
    this.input = input;
    this.lines.reset(input);
    const { newline } = this.detected;
    if (this.layout && this.sink.plainRows && (newline === '\n' || newline === '\r\n')) return this.parsePlain(input, final, newline);
    return this.parser.parse(input, !final);
  }

  /**
   * The fast path: runs of rows of plain numbers are read by the sink in
   * place; each other row is split here, unless it holds a quote or a stray
   * line break of another kind: then the rest of `input` goes to papaparse
   * (rows that span lines need it). Returns the characters consumed.
   */
  private parsePlain(input: string, final: boolean, newline: '\n' | '\r\n'): number {
    const { delimiter } = this.detected;
    const sink = this.sink;
    let start = 0;
    for (;;) {
      if (this.trailingBlank.length === 0) {
        const taken = sink.plainRows!(input, start, newline, delimiter);
        this.lines.line += taken.rows;
        this.rowsRead += taken.rows;
        start = taken.stop;
      }
      // The row at `start` is not plain (or the text ends): the general way.
      let at = input.indexOf(newline, start);
      if (at < 0) {
        if (!final || start >= input.length) return start;
        at = input.length;
      }
      if (hasQuoteOrBreak(input, start, at)) {
        const rest = input.slice(start);
        this.input = rest;
        this.lines.reset(rest);
        return start + this.parser!.parse(rest, !final);
      }
      const end = Math.min(at + newline.length, input.length);
      this.onRow(input.slice(start, at).split(delimiter), start, end, false);
      start = end;
    }
  }

  private onRow(fields: string[], start: number, end: number, unclosed: boolean): void {
    const line = this.lines.line;
    this.lines.advance(start, end);
    if (unclosed) throw new DataError(unclosedQuoteIssue(this.name, line));
    if (isBlankRow(fields) && this.input.slice(start, end).trim() === '') {
      if (this.layout) this.trailingBlank.push(line);
      return;
    }
    for (const blankLine of this.trailingBlank) {
      this.blankCount += 1;
      if (this.blank.length < LINES_LISTED) this.blank.push(blankLine);
    }
    this.trailingBlank = [];
    if (!this.layout) {
      this.begin(fields, line);
      if (this.detected.hasHeader) return;
    }
    if (fields.length !== this.width) {
      this.raggedCount += 1;
      if (this.ragged.length < LINES_LISTED) this.ragged.push({ line, fields: fields.length });
      return;
    }
    this.rowsRead += 1;
    this.sink.row(fields, line);
  }

  private begin(first: string[], line: number): void {
    const { hasHeader } = this.detected;
    let header = generatedHeader(first.length);
    if (hasHeader) {
      const unique = uniqueHeader(first, this.name, line);
      header = unique.names;
      this.issues.push(...unique.issues);
    }
    this.width = first.length;
    this.layout = { ...this.encoding, ...this.detected, generatedHeader: !hasHeader, header, headerLine: line };
    this.sink.begin(this.layout);
  }

  /** Checks what was read as a whole; throws for an empty, header-only or ragged file. */
  finish(bytes: number): CsvReadSummary {
    const { name, layout } = this;
    if (!layout) throw new DataError(emptyFileIssue(name));
    const [firstRagged] = this.ragged;
    if (this.rowsRead === 0 && layout.hasHeader) {
      if (firstRagged) throw new DataError(headerMismatchIssue(name, layout.headerLine, this.width, firstRagged));
      throw new DataError(headerOnlyIssue(name, layout.headerLine, this.width));
    }
    const rowsSkipped: SkippedRows[] = [];
    if (this.raggedCount > 0) {
      if (this.options.onRaggedRows !== 'skip') {
        throw new DataError(raggedRowsIssue(name, this.width, this.raggedCount, this.ragged, layout.generatedHeader));
      }
      this.issues.push(raggedRowsSkippedIssue(name, this.width, this.raggedCount, this.ragged));
      rowsSkipped.push({ reason: 'ragged-row', count: this.raggedCount, lines: this.ragged.map((r) => r.line) });
    }
    if (this.blankCount > 0) rowsSkipped.push({ reason: 'blank-line', count: this.blankCount, lines: this.blank });
    return { ...layout, source: name, rowsRead: this.rowsRead, rowsSkipped, issues: this.issues, bytes };
  }
}

/** Whether `text[start, end)` holds a quote, CR or LF: then only the general parser reads it right. */
function hasQuoteOrBreak(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 13 || c === 10) return true;
  }
  return false;
}
