#!/usr/bin/env node
/**
 * Run by `npm start` before `electron-vite dev`: makes sure the Electron
 * runtime is on disk, fetching it with the electron package's own installer
 * on the first start. Exits 0 when the runtime is ready, 1 (after one line
 * saying why and what to do) when it is not.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  downloadFailureLine,
  installerEnv,
  installFailureReason,
  readRuntimeFacts,
  runtimeDecision,
} from './electron-runtime.mjs';

/** A stalled download is given up after this long. */
const INSTALL_TIMEOUT_MS = 20 * 60 * 1000;

const require = createRequire(import.meta.url);

/** @returns {number} the exit code */
function main() {
  let electronDir;
  try {
    electronDir = dirname(require.resolve('electron/package.json'));
  } catch {
    console.error('Backprop Studio: the electron package is not installed. Run `npm install` first, then `npm start`.');
    return 1;
  }

  if (runtimeDecision(readRuntimeFacts(electronDir, process.env)).kind === 'ready') return 0;

  console.log('Backprop Studio: fetching the Electron runtime (first start only)...');
  const run = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    env: installerEnv(process.env),
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
    timeout: INSTALL_TIMEOUT_MS,
  });
  const timedOut = run.error !== undefined && 'code' in run.error && run.error.code === 'ETIMEDOUT';
  const installed = run.status === 0 && runtimeDecision(readRuntimeFacts(electronDir, process.env)).kind === 'ready';
  if (installed) return 0;

  const reason = installFailureReason({
    stderr: run.stderr ?? '',
    status: run.status,
    signal: run.signal,
    timedOut,
    spawnError: run.error !== undefined && !timedOut ? run.error.message : undefined,
  });
  console.error(downloadFailureLine(run.status === 0 ? 'the installer finished but no runtime was found' : reason));
  return 1;
}

process.exitCode = main();
