import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyAllowlist,
  formatTable,
  globToRegExp,
  isBlocking,
  parseAllowlist,
  parseCsv,
  parseFindings,
} from '../../../tools/electronegativity-report.mjs';

// A report as Electronegativity 1.10 writes it with `-r` (paths relative to
// the scanned folder): quoted fields, `""` for a quote, N/A unquoted, an
// app-wide finding without a file.
const SAMPLE = [
  'issue, severity, confidence, filename, location, sample, description, url',
  'CSP_GLOBAL_CHECK,"LOW","TENTATIVE","main.ts","37:15",N/A,"Failed to parse CSP, it may not be valid.",https://github.com/doyensec/electronegativity/wiki/CSP_GLOBAL_CHECK',
  'CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","window.ts","8:17","const window = new BrowserWindow({","Review the use of the contextIsolation option",https://github.com/doyensec/electronegativity/wiki/CONTEXT_ISOLATION_JS_CHECK',
  'SANDBOX_JS_CHECK,"MEDIUM","FIRM","window.ts","8:17","const window = new BrowserWindow({","Use sandbox for untrusted origins",https://github.com/doyensec/electronegativity/wiki/SANDBOX_JS_CHECK',
  'OPEN_EXTERNAL_JS_CHECK,"MEDIUM","TENTATIVE","services/links.ts","12:4","shell.openExternal(""https://x"", { a: 1 })","Review the use of openExternal",https://github.com/doyensec/electronegativity/wiki/OPEN_EXTERNAL_JS_CHECK',
  'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK,"MEDIUM","CERTAIN","N/A","0:0",N/A,"Missing PermissionRequestHandler",https://github.com/doyensec/electronegativity/wiki/PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
  'AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK,"INFORMATIONAL","CERTAIN","N/A","0:0",N/A,"Security fixes available",https://github.com/doyensec/electronegativity/wiki/AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK',
  '',
].join('\r\n');

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, commas and line breaks inside quotes, and CRLF', () => {
    expect(parseCsv('a,"b, c","say ""hi""",N/A\r\n"multi\nline",x,,\n\n')).toEqual([
      ['a', 'b, c', 'say "hi"', 'N/A'],
      ['multi\nline', 'x', '', ''],
    ]);
  });

  it('keeps a last row without a line break and refuses an unclosed quote', () => {
    expect(parseCsv('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(() => parseCsv('a,"b\n')).toThrow('not closed');
  });
});

describe('parseFindings', () => {
  const findings = parseFindings(SAMPLE, 'electron');

  it('reads every row, with paths made relative to the repository', () => {
    expect(findings).toHaveLength(6);
    expect(findings[1]).toEqual({
      check: 'CONTEXT_ISOLATION_JS_CHECK',
      severity: 'HIGH',
      confidence: 'FIRM',
      file: 'electron/window.ts',
      location: '8:17',
      sample: 'const window = new BrowserWindow({',
      description: 'Review the use of the contextIsolation option',
    });
    expect(findings[3]?.file).toBe('electron/services/links.ts');
    expect(findings[3]?.sample).toBe('shell.openExternal("https://x", { a: 1 })');
    expect(findings[4]?.file).toBe('N/A');
  });

  it('refuses a report whose columns changed, or a short row', () => {
    expect(() => parseFindings('issue, severity, file\n', 'out')).toThrow('unexpected columns');
    expect(() => parseFindings('', 'out')).toThrow('empty');
    const shortRow = `${SAMPLE.split('\r\n')[0]}\nX_CHECK,"HIGH","FIRM"\n`;
    expect(() => parseFindings(shortRow, 'out')).toThrow('row 2: 3 fields');
  });
});

describe('isBlocking', () => {
  it('fails the run on HIGH and MEDIUM only', () => {
    const findings = parseFindings(SAMPLE, 'electron');
    expect(findings.map((f) => [f.severity, isBlocking(f)])).toEqual([
      ['LOW', false],
      ['HIGH', true],
      ['MEDIUM', true],
      ['MEDIUM', true],
      ['MEDIUM', true],
      ['INFORMATIONAL', false],
    ]);
  });
});

describe('globToRegExp', () => {
  it('matches paths: * within a folder, ** across folders, ? one character', () => {
    expect(globToRegExp('electron/window.ts').test('electron/window.ts')).toBe(true);
    expect(globToRegExp('electron/window.ts').test('electron/windowXts')).toBe(false);
    expect(globToRegExp('electron/*.ts').test('electron/window.ts')).toBe(true);
    expect(globToRegExp('electron/*.ts').test('electron/services/a.ts')).toBe(false);
    expect(globToRegExp('electron/**/*.ts').test('electron/services/a.ts')).toBe(true);
    expect(globToRegExp('electron/**/*.ts').test('electron/a.ts')).toBe(true);
    expect(globToRegExp('out/renderer/assets/index-????????.js').test('out/renderer/assets/index-BYwnryZ3.js')).toBe(true);
    expect(globToRegExp('out/**').test('out/main/index.js')).toBe(true);
  });
});

describe('parseAllowlist and applyAllowlist', () => {
  const reason = 'webPreferences come from secureWebPreferences(), which the check cannot follow';

  it('reads tab-separated entries and skips comments and blank lines', () => {
    const { entries, errors } = parseAllowlist(
      `# reviewed\n\nSANDBOX_JS_CHECK\telectron/window.ts\t${reason}\n  # indented comment\r\n`,
    );
    expect(errors).toEqual([]);
    expect(entries).toEqual([{ check: 'SANDBOX_JS_CHECK', file: 'electron/window.ts', reason, line: 3 }]);
  });

  it('reports malformed lines instead of guessing', () => {
    const { entries, errors } = parseAllowlist(
      [
        'SANDBOX_JS_CHECK electron/window.ts spaces, not tabs',
        `sandbox_js_check\telectron/window.ts\t${reason}`,
        'SANDBOX_JS_CHECK\telectron/window.ts\tFP',
        `SANDBOX_JS_CHECK\t**\t${reason}`,
        `SANDBOX_JS_CHECK\t\t${reason}`,
      ].join('\n'),
    );
    expect(entries).toEqual([]);
    expect(errors).toEqual([
      'line 1: expected CHECK_ID<TAB>file<TAB>reason, found 1 tab-separated field(s)',
      'line 2: "sandbox_js_check" is not a check id (e.g. SANDBOX_JS_CHECK)',
      'line 3: the reason must say why this is a false positive',
      'line 4: "**" would allow the check everywhere; name the file',
      'line 5: empty file path',
    ]);
  });

  it('removes exactly the allowed findings and reports entries that matched nothing', () => {
    const findings = parseFindings(SAMPLE, 'electron');
    const { entries } = parseAllowlist(
      [
        `CONTEXT_ISOLATION_JS_CHECK\telectron/window.ts\t${reason}`,
        `SANDBOX_JS_CHECK\telectron/other.ts\t${reason}`,
        `OPEN_EXTERNAL_JS_CHECK\telectron/services/*.ts\t${reason}`,
      ].join('\n'),
    );
    const { remaining, allowed, unused } = applyAllowlist(findings, entries);
    expect(allowed.map((a) => [a.finding.check, a.entry.line])).toEqual([
      ['CONTEXT_ISOLATION_JS_CHECK', 1],
      ['OPEN_EXTERNAL_JS_CHECK', 3],
    ]);
    // Same file, other check: still reported. Same check, other file: still reported.
    expect(remaining.map((f) => f.check)).toEqual([
      'CSP_GLOBAL_CHECK',
      'SANDBOX_JS_CHECK',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
      'AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK',
    ]);
    expect(remaining.filter(isBlocking).map((f) => f.check)).toEqual([
      'SANDBOX_JS_CHECK',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
    ]);
    expect(unused.map((e) => e.line)).toEqual([2]);
  });

  it('accepts the committed allowlist', () => {
    const text = readFileSync(join(import.meta.dirname, '../../../tools/electronegativity-allowlist.txt'), 'utf8');
    expect(parseAllowlist(text).errors).toEqual([]);
  });
});

describe('formatTable', () => {
  it('lists the most severe findings first, one per line', () => {
    const lines = formatTable(parseFindings(SAMPLE, 'out')).split('\n');
    expect(lines[0]).toMatch(/^severity\s+confidence\s+check\s+where\s+description$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['HIGH', 'MEDIUM', 'MEDIUM', 'MEDIUM', 'LOW', 'INFORMATIONAL']);
    expect(lines[1]).toContain('out/window.ts:8:17');
  });
});
