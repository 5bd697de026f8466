/**
 * Decisions behind `bin/ensure-electron.mjs`, kept pure (or confined to
 * reading a few files) so they are tested in plain Node.
 *
 * The `electron` npm package ships without its runtime; its install script
 * downloads the binary into node_modules/electron/dist and writes the
 * executable's relative path to node_modules/electron/path.txt. The project
 * installs with `ignore-scripts=true`, so that download happens on the first
 * `npm start` instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What is on disk about the Electron runtime.
 * @typedef {object} RuntimeFacts
 * @property {string} packageVersion version of the installed `electron` package
 * @property {string | undefined} pathTxt contents of node_modules/electron/path.txt, if present
 * @property {string | undefined} distVersion contents of node_modules/electron/dist/version, if present
 * @property {boolean} executableExists whether the executable named by path.txt exists
 * @property {boolean} overridden whether ELECTRON_OVERRIDE_DIST_PATH points elsewhere
 */

/**
 * @typedef {{ kind: 'ready' } | { kind: 'install', why: 'missing' | 'incomplete' | 'outdated' }} RuntimeDecision
 */

/**
 * Whether the runtime can start as it is, or the installer must run.
 * Mirrors the checks of the electron package's own install.js.
 * @param {RuntimeFacts} facts
 * @returns {RuntimeDecision}
 */
export function runtimeDecision(facts) {
  if (facts.pathTxt === undefined || facts.pathTxt.trim() === '') return { kind: 'install', why: 'missing' };
  if (!facts.executableExists) return { kind: 'install', why: 'incomplete' };
  if (!facts.overridden && normalizeVersion(facts.distVersion) !== normalizeVersion(facts.packageVersion)) {
    return { kind: 'install', why: 'outdated' };
  }
  return { kind: 'ready' };
}

/**
 * @param {string | undefined} version
 * @returns {string}
 */
function normalizeVersion(version) {
  return (version ?? '').trim().replace(/^v/, '');
}

/**
 * @param {string} file
 * @returns {string | undefined}
 */
function readIfPresent(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Reads the facts from the electron package folder.
 * @param {string} electronDir absolute path of node_modules/electron
 * @param {Readonly<Record<string, string | undefined>>} env the environment (for ELECTRON_OVERRIDE_DIST_PATH)
 * @returns {RuntimeFacts}
 */
export function readRuntimeFacts(electronDir, env) {
  const pkg = /** @type {{ version: string }} */ (JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')));
  const pathTxt = readIfPresent(join(electronDir, 'path.txt'));
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  const overridden = override !== undefined && override !== '';
  const distDir = overridden ? override : join(electronDir, 'dist');
  const executableExists = pathTxt !== undefined && pathTxt.trim() !== '' && existsSync(join(distDir, pathTxt.trim()));
  return {
    packageVersion: pkg.version,
    pathTxt,
    distVersion: readIfPresent(join(electronDir, 'dist', 'version')),
    executableExists,
    overridden,
  };
}

/**
 * The environment for the installer: the parent's, minus the switch that
 * makes the installer skip the download (CI sets it for `npm ci`).
 * @param {Readonly<Record<string, string | undefined>>} env
 * @returns {Record<string, string | undefined>}
 */
export function installerEnv(env) {
  const copy = { ...env };
  delete copy['ELECTRON_SKIP_BINARY_DOWNLOAD'];
  return copy;
}

/**
 * A short reason from the installer's output: the message of the last
 * `SomethingError: message` line, else its last non-empty line.
 * @param {{ stderr: string, status: number | null, signal: string | null, timedOut: boolean, spawnError?: string }} outcome
 * @returns {string}
 */
export function installFailureReason(outcome) {
  if (outcome.spawnError !== undefined) return outcome.spawnError;
  if (outcome.timedOut) return 'the download did not finish in time';
  const lines = outcome.stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at '));
  const errorLine = [...lines].reverse().find((line) => /^[A-Za-z]*Error: /.test(line));
  const chosen = errorLine === undefined ? lines.at(-1) : errorLine.replace(/^[A-Za-z]*Error: /, '');
  if (chosen !== undefined) return chosen.length > 200 ? `${chosen.slice(0, 197)}...` : chosen;
  if (outcome.signal !== null) return `the installer was stopped by ${outcome.signal}`;
  return `the installer exited with code ${String(outcome.status)}`;
}

/**
 * The one line a person reads when the runtime could not be fetched.
 * @param {string} reason
 * @returns {string}
 */
export function downloadFailureLine(reason) {
  return (
    `Backprop Studio: could not download the Electron runtime (${reason}). ` +
    'Connect to the internet and run `npm start` again, or use the web edition: `npm run web`.'
  );
}
