#!/usr/bin/env node
// `npm run security`: Electronegativity (Doyensec's Electron security
// scanner) over electron/ (the sources) and out/ (what `npm run build`
// produced, when it exists). Electronegativity itself always exits 0, so
// this reads its CSV report, subtracts the reviewed allowlist
// (tools/electronegativity-allowlist.txt) and exits 1 on any remaining HIGH
// or MEDIUM finding, or when a file could not be parsed (an unparsed file is
// an unscanned one). LOW and INFORMATIONAL findings are printed only.
//
// Electronegativity tries the network twice (updated translations, the list
// of Electron releases); offline it says so and carries on.
import fs, { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyAllowlist, formatTable, isBlocking, parseAllowlist, parseFindings } from './electronegativity-report.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ALLOWLIST = join(ROOT, 'tools', 'electronegativity-allowlist.txt');
/** Scanned folders, repository-relative; the first must exist. */
const TARGETS = ['electron', 'out'];

const require = createRequire(import.meta.url);

/** The Electron version the app is built with, from package.json (Electronegativity cannot find it in these folders). */
function electronVersion() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const spec = String(pkg.devDependencies?.electron ?? pkg.dependencies?.electron ?? '');
  const match = /\d+\.\d+\.\d+/.exec(spec);
  if (match === null) throw new Error(`cannot read the Electron version from package.json ("${spec}")`);
  return match[0];
}

/**
 * Runs `action` with fs.writeFile made synchronous. Electronegativity writes
 * its CSV with two unawaited fs.writeFile calls, the header (flag `w`) and
 * the rows (flag `a`); they race, and the header can land on top of the first
 * rows, or the file be incomplete when run() resolves. Synchronous writes
 * happen in call order and are done before run() returns.
 * @template T
 * @param {() => Promise<T>} action
 * @returns {Promise<T>}
 */
async function withSynchronousWriteFile(action) {
  const original = fs.writeFile;
  /** @type {(...args: unknown[]) => void} */
  const synchronous = (...args) => {
    const callback = typeof args[args.length - 1] === 'function' ? /** @type {(e: unknown) => void} */ (args.pop()) : undefined;
    try {
      fs.writeFileSync(.../** @type {Parameters<typeof fs.writeFileSync>} */ (args));
    } catch (error) {
      if (callback === undefined) throw error;
      callback(error);
      return;
    }
    callback?.(null);
  };
  fs.writeFile = /** @type {typeof fs.writeFile} */ (/** @type {unknown} */ (synchronous));
  try {
    return await action();
  } finally {
    fs.writeFile = original;
  }
}

/**
 * The report, checked against the number of issues run() returned.
 * @param {string} path @param {number} issues
 */
function readReport(path, issues) {
  const text = readFileSync(path, 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').length;
  if (lines !== issues + 1) {
    throw new Error(`Electronegativity's report ${path} has ${lines} line(s), expected ${issues + 1}`);
  }
  return text;
}

/** Script extensions Electronegativity skips (it reads .js, .jsx, .ts, .tsx, .html, .htm only). */
const UNREAD_SCRIPT = /\.(cjs|mjs|cts|mts)$/;

/**
 * Copies `target` into `dir`, naming every .cjs/.mjs/.cts/.mts file
 * `<name>.js` so that Electronegativity reads it too (the built preload is
 * out/preload/index.cjs). Returns the renamed paths, relative to `dir`.
 * @param {string} target @param {string} dir
 */
function stage(target, dir) {
  cpSync(join(ROOT, target), dir, { recursive: true });
  /** @type {Set<string>} */
  const renamed = new Set();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !UNREAD_SCRIPT.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    renameSync(path, `${path}.js`);
    renamed.add(relative(dir, path).replace(/\\/g, '/'));
  }
  return renamed;
}

/**
 * Scans one folder; returns its findings and the files that failed to parse.
 * @param {string} target @param {string} version @param {string} workDir
 */
async function scan(target, version, workDir) {
  const run = require('@doyensec/electronegativity');
  const name = target.replace(/[\\/]/g, '_');
  const input = join(workDir, name);
  const renamed = stage(target, input);
  /** The repository path of a scanned file (`file` is relative to the staged copy). */
  const original = (/** @type {string} */ file) => {
    const posix = file.replace(/\\/g, '/');
    const unstaged = posix.endsWith('.js') && renamed.has(posix.slice(0, -3)) ? posix.slice(0, -3) : posix;
    return `${target}/${unstaged}`;
  };
  const output = join(workDir, `${name}.csv`);
  const result = await withSynchronousWriteFile(() =>
    run({
      input,
      output,
      isSarif: false,
      isRelative: true,
      customScan: [],
      excludeFromScan: [],
      electronVersionOverride: version,
      parserPlugins: [],
    }, false),
  );
  /** @type {{ file: string, message: string, tolerable: boolean }[]} */
  const errors = result.errors ?? [];
  const csv = readReport(output, result.issues.length);
  return {
    findings: parseFindings(csv, '').map((f) => (f.file === 'N/A' ? f : { ...f, file: original(f.file) })),
    errors: errors.map((e) => ({ ...e, file: original(relative(input, e.file)) })),
  };
}

async function main() {
  const { entries, errors: allowlistErrors } = parseAllowlist(
    existsSync(ALLOWLIST) ? readFileSync(ALLOWLIST, 'utf8') : '',
  );
  if (allowlistErrors.length > 0) {
    console.error(`${relative(ROOT, ALLOWLIST)} is malformed:\n  ${allowlistErrors.join('\n  ')}`);
    return 1;
  }

  const version = electronVersion();
  const targets = TARGETS.filter((t, i) => {
    if (existsSync(join(ROOT, t))) return true;
    if (i === 0) throw new Error(`${t}/ does not exist`);
    console.log(`${t}/ does not exist: not scanned (run \`npm run build\` first to scan the built app)`);
    return false;
  });
  console.log(`Electronegativity over ${targets.map((t) => `${t}/`).join(' and ')}, assuming Electron ${version}`);

  const workDir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  /** @type {import('./electronegativity-report.mjs').Finding[]} */
  const findings = [];
  /** @type {{ file: string, message: string, tolerable: boolean }[]} */
  const parseErrors = [];
  try {
    for (const target of targets) {
      const result = await scan(target, version, workDir);
      findings.push(...result.findings);
      parseErrors.push(...result.errors);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }

  const { remaining, allowed, unused } = applyAllowlist(findings, entries);
  const blocking = remaining.filter(isBlocking);
  const unparsed = parseErrors.filter((e) => !e.tolerable);

  console.log('');
  for (const e of parseErrors) {
    console.log(`${e.tolerable ? 'warning' : 'ERROR'}: ${e.file} ${e.tolerable ? 'parsed with warnings' : 'could not be parsed (not scanned)'}: ${e.message}`);
  }
  if (allowed.length > 0) {
    console.log(`${allowed.length} finding(s) allowed by ${relative(ROOT, ALLOWLIST)}:`);
    for (const { finding, entry } of allowed) {
      console.log(`  ${finding.check} ${finding.file}:${finding.location} (line ${entry.line})`);
    }
  }
  for (const entry of unused) {
    console.log(`warning: allowlist line ${entry.line} (${entry.check} ${entry.file}) matched nothing: remove it if it is stale`);
  }
  if (remaining.length > 0) {
    console.log(`\n${formatTable(remaining)}\n`);
  }
  console.log(
    `${findings.length} finding(s): ${allowed.length} allowed, ${blocking.length} HIGH/MEDIUM, ` +
      `${remaining.length - blocking.length} LOW/INFORMATIONAL; ${unparsed.length} file(s) not parsed`,
  );
  if (blocking.length > 0 || unparsed.length > 0) {
    console.log('security check failed: fix the HIGH/MEDIUM findings (or, for a proven false positive, add a reviewed line to the allowlist)');
    return 1;
  }
  console.log('security check passed');
  return 0;
}

main().then(
  (code) => {
    // Electronegativity may leave sockets or timers behind; do not wait for them.
    process.exit(code);
  },
  (error) => {
    console.error('security check could not run:', error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
