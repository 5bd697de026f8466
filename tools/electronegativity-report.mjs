// Pure logic of `npm run security` (tools/electronegativity.mjs): reads
// Electronegativity's CSV report, subtracts the reviewed allowlist
// (tools/electronegativity-allowlist.txt) and decides whether the run fails.
// No I/O here, so tests/unit/build/electronegativity.test.ts can drive it
// with hand-written samples.

/**
 * One row of Electronegativity's CSV report.
 * @typedef {object} Finding
 * @property {string} check       check id, e.g. CONTEXT_ISOLATION_JS_CHECK
 * @property {string} severity    HIGH, MEDIUM, LOW or INFORMATIONAL
 * @property {string} confidence  CERTAIN, FIRM or TENTATIVE
 * @property {string} file        repository-relative, `/`-separated; `N/A` for app-wide findings
 * @property {string} location    `line:column`
 * @property {string} sample      the offending source line, or `N/A`
 * @property {string} description
 */

/**
 * One reviewed exception: `CHECK_ID<TAB>file-glob-or-path<TAB>reason`.
 * @typedef {object} AllowlistEntry
 * @property {string} check
 * @property {string} file     a path or glob (`*` within a folder, `**` across folders, `?` one character)
 * @property {string} reason
 * @property {number} line     line number in the allowlist file
 */

/** Severities that fail the run. */
export const BLOCKING_SEVERITIES = new Set(['HIGH', 'MEDIUM']);

/** Columns of Electronegativity 1.x's CSV report, in order. */
const EXPECTED_HEADER = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description', 'url'];

/** A reason shorter than this says nothing a reviewer can check. */
const MIN_REASON_LENGTH = 20;

/**
 * Splits CSV text into rows of fields (RFC 4180: quoted fields, `""` for a
 * quote, commas and newlines inside quotes; LF or CRLF line ends). Blank
 * lines are dropped.
 * @param {string} text
 * @returns {string[][]}
 */
export function parseCsv(text) {
  /** @type {string[][]} */
  const rows = [];
  /** @type {string[]} */
  let row = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') endRow();
    else if (c !== '\r') field += c;
    i++;
  }
  if (quoted) throw new Error('CSV: a quoted field is not closed');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/**
 * The findings of one Electronegativity CSV report.
 * @param {string} csv          the report's text
 * @param {string} scannedDir   the scanned folder, repository-relative (`electron`, `out`):
 *                              the report's paths are relative to it
 * @returns {Finding[]}
 */
export function parseFindings(csv, scannedDir) {
  const rows = parseCsv(csv);
  const header = rows.shift();
  if (header === undefined) throw new Error('Electronegativity report is empty (no header line)');
  const names = header.map((h) => h.trim().toLowerCase());
  if (names.join(',') !== EXPECTED_HEADER.join(',')) {
    throw new Error(`Electronegativity report has unexpected columns: ${header.join(', ')}`);
  }
  const prefix = scannedDir.replace(/\\/g, '/').replace(/\/+$/, '');
  return rows.map((fields, index) => {
    if (fields.length !== EXPECTED_HEADER.length) {
      throw new Error(`Electronegativity report, row ${index + 2}: ${fields.length} fields, expected ${EXPECTED_HEADER.length}`);
    }
    const [check, severity, confidence, filename, location, sample, description] = /** @type {string[]} */ (
      fields.map((f) => f.trim())
    );
    const file = /** @type {string} */ (filename).replace(/\\/g, '/');
    return {
      check: /** @type {string} */ (check),
      severity: /** @type {string} */ (severity).toUpperCase(),
      confidence: /** @type {string} */ (confidence).toUpperCase(),
      file: file === 'N/A' || prefix === '' ? file : `${prefix}/${file}`,
      location: /** @type {string} */ (location),
      sample: /** @type {string} */ (sample),
      description: /** @type {string} */ (description),
    };
  });
}

/**
 * Reads the allowlist. Every line that is not blank or a `#` comment must be
 * `CHECK_ID<TAB>file-glob-or-path<TAB>reason` with a real reason; anything
 * else is reported in `errors` (and fails the run: a malformed line must not
 * silently allow nothing, or everything).
 * @param {string} text
 * @returns {{ entries: AllowlistEntry[], errors: string[] }}
 */
export function parseAllowlist(text) {
  /** @type {AllowlistEntry[]} */
  const entries = [];
  /** @type {string[]} */
  const errors = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const fields = raw.split('\t');
    if (fields.length !== 3) {
      errors.push(`line ${line}: expected CHECK_ID<TAB>file<TAB>reason, found ${fields.length} tab-separated field(s)`);
      return;
    }
    const [check, file, reason] = /** @type {[string, string, string]} */ (fields.map((f) => f.trim()));
    if (!/^[A-Z0-9_]+$/.test(check)) errors.push(`line ${line}: "${check}" is not a check id (e.g. SANDBOX_JS_CHECK)`);
    else if (file === '') errors.push(`line ${line}: empty file path`);
    else if (/^\*+$/.test(file)) errors.push(`line ${line}: "${file}" would allow the check everywhere; name the file`);
    else if (reason.length < MIN_REASON_LENGTH) errors.push(`line ${line}: the reason must say why this is a false positive`);
    else entries.push({ check, file, reason, line });
  });
  return { entries, errors };
}

/**
 * A glob as an anchored regular expression: `**` any run of characters,
 * `*` any run without `/`, `?` one character other than `/`.
 * @param {string} glob
 * @returns {RegExp}
 */
export function globToRegExp(glob) {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = /** @type {string} */ (glob[i]);
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` also matches no folder at all.
      if (glob[i + 2] === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * Splits findings into those an allowlist entry covers and the rest.
 * `unused` lists entries that matched nothing (stale: remove them).
 * @param {Finding[]} findings
 * @param {AllowlistEntry[]} entries
 */
export function applyAllowlist(findings, entries) {
  const compiled = entries.map((entry) => ({ entry, pattern: globToRegExp(entry.file) }));
  /** @type {Set<AllowlistEntry>} */
  const used = new Set();
  /** @type {Finding[]} */
  const remaining = [];
  /** @type {{ finding: Finding, entry: AllowlistEntry }[]} */
  const allowed = [];
  for (const finding of findings) {
    const match = compiled.find(({ entry, pattern }) => entry.check === finding.check && pattern.test(finding.file));
    if (match === undefined) remaining.push(finding);
    else {
      used.add(match.entry);
      allowed.push({ finding, entry: match.entry });
    }
  }
  return { remaining, allowed, unused: entries.filter((e) => !used.has(e)) };
}

/**
 * Whether a finding fails the run (HIGH or MEDIUM severity).
 * @param {Finding} finding
 */
export function isBlocking(finding) {
  return BLOCKING_SEVERITIES.has(finding.severity.toUpperCase());
}

/**
 * A plain-text table of findings, most severe first.
 * @param {Finding[]} findings
 * @returns {string}
 */
export function formatTable(findings) {
  const order = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
  const rank = (/** @type {Finding} */ f) => {
    const i = order.indexOf(f.severity);
    return i === -1 ? order.length : i;
  };
  const sorted = [...findings].sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file));
  const rows = [
    ['severity', 'confidence', 'check', 'where', 'description'],
    ...sorted.map((f) => [f.severity, f.confidence, f.check, `${f.file}:${f.location}`, f.description]),
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) => r.map((cell, c) => (c < widths.length ? cell.padEnd(widths[c] ?? 0) : cell)).join('  ').trimEnd())
    .join('\n');
}
