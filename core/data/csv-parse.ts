/**
 * A typed handle on papaparse's low-level `Parser`, the piece its own
 * streamers use: it parses one string, and with `partial` it stops before a
 * last row that may continue in the next chunk (an unfinished line or an
 * unclosed quote), reporting where it stopped. The reader carries the rest
 * over, so rows and quoted newlines that span chunks come out whole.
 */
import Papa from 'papaparse';

/** The delimiters the reader detects and accepts. */
export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export type CsvNewline = '\n' | '\r\n' | '\r';

/**
 * One row; `start`/`end` are offsets in the parsed string (end after its
 * newline); `unclosed` when a quoted field in it never closes, so it ran to
 * the end of the input.
 */
export type RowHandler = (fields: string[], start: number, end: number, unclosed: boolean) => void;

/** What papaparse's `step` callback receives (its typings say `any`). */
interface PapaStep {
  data: string[][];
  errors: { code: string; index?: number }[];
  meta: { cursor: number };
}

interface PapaParser {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): PapaStep;
}

type PapaParserClass = new (config: {
  delimiter: string;
  newline: CsvNewline;
  quoteChar: string;
  step?: (result: PapaStep) => void;
  preview?: number;
}) => PapaParser;

const ParserClass = (Papa as unknown as { Parser: PapaParserClass }).Parser;

/** Parses strings that each start at a row boundary. */
export interface RowParser {
  /**
   * Parses `input` from its start and returns how many characters the
   * emitted rows span; with `partial`, a possibly unfinished last row is
   * left for the caller to prepend to the next chunk.
   */
  parse(input: string, partial: boolean): number;
}

/** A parser calling `onRow` for each complete row of each string given to `parse`. */
export function createRowParser(delimiter: CsvDelimiter, newline: CsvNewline, onRow: RowHandler): RowParser {
  let rowStart = 0;
  const parser = new ParserClass({
    delimiter,
    newline,
    quoteChar: '"',
    step: (result) => {
      const fields = result.data[0];
      const unclosed = result.errors.some((error) => error.code === 'MissingQuotes');
      if (fields) onRow(fields, rowStart, result.meta.cursor, unclosed);
      rowStart = result.meta.cursor;
    },
  });
  return {
    parse(input: string, partial: boolean): number {
      rowStart = 0;
      const result = parser.parse(input, 0, partial);
      return partial ? result.meta.cursor : input.length;
    },
  };
}

/** Up to `limit` rows of `text` (blank lines included), without the possibly unfinished last one unless `final`. */
export function parseSample(
  text: string, delimiter: CsvDelimiter, newline: CsvNewline, final: boolean, limit: number,
): string[][] {
  const parser = new ParserClass({ delimiter, newline, quoteChar: '"', preview: limit });
  return parser.parse(text, 0, !final).data;
}
