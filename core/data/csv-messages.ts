/**
 * Every problem the CSV reader reports, worded in one place so the tests can
 * pin the exact sentence the user reads. Each names the file and, where it
 * applies, the line (1-based, as a text editor counts) and the column.
 */
import type { DataIssue } from './issues';

/** How many offending lines a message lists before "…". */
export const LINES_LISTED = 5;

/** A row that does not have as many fields as the header. */
export interface RaggedLine {
  line: number;
  fields: number;
}

/** `1 row` / `3 rows`. */
function plural(count: number, word: string): string {
  return `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
}

/** `12 bytes`, `3.4 MB`, `1 GB` (powers of 1024, as file managers on Windows show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'byte');
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = value >= 100 || Number.isInteger(value) ? Math.round(value).toString() : value.toFixed(1);
  return `${shown} ${units[unit] ?? 'TB'}`;
}

function listLines(lines: readonly RaggedLine[], total: number): string {
  const shown = lines.slice(0, LINES_LISTED).map((l) => `${l.line} (${plural(l.fields, 'field')})`);
  return `line${lines.length === 1 ? '' : 's'} ${shown.join(', ')}${total > shown.length ? ', …' : ''}`;
}

export function emptyFileIssue(name: string): DataIssue {
  return { code: 'empty-file', severity: 'error', message: `${name} is empty: it has no rows to import.` };
}

export function headerOnlyIssue(name: string, line: number, columns: number): DataIssue {
  return {
    code: 'header-only',
    severity: 'error',
    row: line,
    message: `${name} has a header row (line ${line}, ${plural(columns, 'column')}) but no data rows below it.`,
  };
}

/** `width` is the header's field count; with a generated header the first row sets it. */
export function raggedRowsIssue(
  name: string, width: number, count: number, first: readonly RaggedLine[], generatedHeader: boolean,
): DataIssue {
  const like = generatedHeader ? 'the first row' : 'the header';
  return {
    code: 'ragged-rows',
    severity: 'error',
    row: first[0]?.line,
    count,
    message:
      `${name}: ${plural(count, 'row')} ${count === 1 ? 'does' : 'do'} not have ${plural(width, 'field')} like ${like}` +
      ` (${listLines(first, count)}). Fix ${count === 1 ? 'it' : 'them'} or choose to skip ragged rows.`,
  };
}

export function raggedRowsSkippedIssue(name: string, width: number, count: number, first: readonly RaggedLine[]): DataIssue {
  return {
    code: 'ragged-rows-skipped',
    severity: 'warning',
    row: first[0]?.line,
    count,
    message: `${name}: skipped ${plural(count, 'row')} without ${plural(width, 'field')} (${listLines(first, count)}).`,
  };
}

/** Every data row disagrees with the header: usually a wrong delimiter or a title line above the header. */
export function headerMismatchIssue(name: string, headerLine: number, width: number, first: RaggedLine): DataIssue {
  return {
    code: 'header-mismatch',
    severity: 'error',
    row: headerLine,
    message:
      `${name}: the header (line ${headerLine}) has ${plural(width, 'column')} but no data row matches it` +
      ` (line ${first.line} has ${plural(first.fields, 'field')}); check the delimiter and the header line.`,
  };
}

export function notTextNulIssue(name: string, offset: number): DataIssue {
  return {
    code: 'not-text',
    severity: 'error',
    message: `${name} is not a text file: it contains binary data (a zero byte at offset ${offset}). Choose a CSV file.`,
  };
}

export function notTextControlIssue(name: string, percent: number, sampled: number): DataIssue {
  return {
    code: 'not-text',
    severity: 'error',
    message:
      `${name} is not a text file: ${percent}% of its first ${plural(sampled, 'character')} are control characters.` +
      ' Choose a CSV file.',
  };
}

export function tooLargeIssue(name: string, size: number, limit: number): DataIssue {
  return {
    code: 'too-large',
    severity: 'error',
    message: `${name} is ${formatBytes(size)}, over the import limit of ${formatBytes(limit)}.`,
  };
}

/** For sources whose size is unknown until read. */
export function tooLargeStreamIssue(name: string, limit: number): DataIssue {
  return {
    code: 'too-large',
    severity: 'error',
    message: `${name} is larger than the import limit of ${formatBytes(limit)} (reading stopped there).`,
  };
}

export function cancelledIssue(name: string): DataIssue {
  return { code: 'cancelled', severity: 'error', message: `Import of ${name} was cancelled.` };
}

export function unclosedQuoteIssue(name: string, line: number): DataIssue {
  return {
    code: 'unclosed-quote',
    severity: 'error',
    row: line,
    message:
      `${name}: the quoted field starting on line ${line} is never closed, so the rest of the file` +
      ' would be read as one cell; check for a stray " on that line.',
  };
}

/** A row that grows past `limit` characters without ending. */
export function rowTooLongIssue(name: string, line: number, limit: number): DataIssue {
  return {
    code: 'row-too-long',
    severity: 'error',
    row: line,
    message:
      `${name}: the row starting on line ${line} is longer than ${formatBytes(limit)} of text;` +
      ' a quoted field is probably not closed (check for a stray " on that line).',
  };
}

export function unknownEncodingIssue(name: string, label: string): DataIssue {
  return {
    code: 'unknown-encoding',
    severity: 'error',
    message: `${name}: the encoding "${label}" is not supported; try utf-8, utf-16le, gb18030, shift_jis or windows-1252.`,
  };
}

export function replacedCharactersIssue(name: string, encoding: string, count: number): DataIssue {
  return {
    code: 'decoding-errors',
    severity: 'warning',
    count,
    message:
      `${name}: ${plural(count, 'byte sequence')} could not be read as ${encoding} and became "\uFFFD";` +
      ' if text looks wrong, choose the file\'s encoding.',
  };
}

export function duplicateColumnIssue(
  name: string, line: number, position: number, original: string, renamed: string,
): DataIssue {
  return {
    code: 'renamed-column',
    severity: 'warning',
    row: line,
    column: renamed,
    message: `${name}: column ${position} is named "${original}" like an earlier column; renamed to "${renamed}".`,
  };
}

export function emptyColumnNameIssue(name: string, line: number, position: number, renamed: string): DataIssue {
  return {
    code: 'renamed-column',
    severity: 'warning',
    row: line,
    column: renamed,
    message: `${name}: column ${position} has no name in the header; named "${renamed}".`,
  };
}
