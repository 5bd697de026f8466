import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  downloadFailureLine,
  installerEnv,
  installFailureReason,
  readRuntimeFacts,
  runtimeDecision,
  type RuntimeFacts,
} from '../../../bin/electron-runtime.mjs';

const READY: RuntimeFacts = {
  packageVersion: '41.7.1',
  pathTxt: 'electron',
  distVersion: '41.7.1',
  executableExists: true,
  overridden: false,
};

describe('runtimeDecision', () => {
  it.each([
    ['an installed runtime of the right version', READY, { kind: 'ready' }],
    ['a dist/version with a leading v', { ...READY, distVersion: 'v41.7.1\n' }, { kind: 'ready' }],
    ['no path.txt (install scripts were skipped)', { ...READY, pathTxt: undefined }, { kind: 'install', why: 'missing' }],
    ['an empty path.txt', { ...READY, pathTxt: '  ' }, { kind: 'install', why: 'missing' }],
    ['path.txt without the executable', { ...READY, executableExists: false }, { kind: 'install', why: 'incomplete' }],
    ['a runtime of another version', { ...READY, distVersion: '40.0.0' }, { kind: 'install', why: 'outdated' }],
    ['no dist/version', { ...READY, distVersion: undefined }, { kind: 'install', why: 'outdated' }],
    ['an override path whose executable exists', { ...READY, distVersion: undefined, overridden: true }, { kind: 'ready' }],
  ])('%s', (_title, facts, expected) => {
    expect(runtimeDecision(facts)).toStrictEqual(expected);
  });
});

describe('readRuntimeFacts', () => {
  let dir = '';
  afterEach(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  function electronPackage(): string {
    dir = mkdtempSync(join(tmpdir(), 'bps-electron-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '41.7.1' }));
    return dir;
  }

  it('finds nothing in a package installed with ignore-scripts', () => {
    expect(runtimeDecision(readRuntimeFacts(electronPackage(), {}))).toStrictEqual({ kind: 'install', why: 'missing' });
  });

  it('finds a downloaded runtime', () => {
    const root = electronPackage();
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', 'electron'), '');
    writeFileSync(join(root, 'dist', 'version'), '41.7.1');
    writeFileSync(join(root, 'path.txt'), 'electron');
    expect(readRuntimeFacts(root, {})).toStrictEqual(READY);
  });

  it('looks for the executable under ELECTRON_OVERRIDE_DIST_PATH when it is set', () => {
    const root = electronPackage();
    writeFileSync(join(root, 'path.txt'), 'electron');
    mkdirSync(join(root, 'elsewhere'));
    writeFileSync(join(root, 'elsewhere', 'electron'), '');
    const facts = readRuntimeFacts(root, { ELECTRON_OVERRIDE_DIST_PATH: join(root, 'elsewhere') });
    expect(facts.overridden).toBe(true);
    expect(runtimeDecision(facts)).toStrictEqual({ kind: 'ready' });
  });
});

describe('installerEnv', () => {
  it('drops ELECTRON_SKIP_BINARY_DOWNLOAD, which would make the installer do nothing, and keeps the rest', () => {
    const env = { ELECTRON_SKIP_BINARY_DOWNLOAD: '1', PATH: '/usr/bin', HTTPS_PROXY: 'http://proxy:3128' };
    expect(installerEnv(env)).toStrictEqual({ PATH: '/usr/bin', HTTPS_PROXY: 'http://proxy:3128' });
    expect(env.ELECTRON_SKIP_BINARY_DOWNLOAD).toBe('1');
  });
});

describe('installFailureReason', () => {
  const failed = { status: 1, signal: null, timedOut: false };

  it('takes the message of the error line from a stack trace', () => {
    const stderr = [
      'RequestError: getaddrinfo ENOTFOUND github.com',
      '    at ClientRequest.<anonymous> (/x/node_modules/got/dist/source/core/index.js:970:111)',
      '    at GetAddrInfoReqWrap.onlookupall [as oncomplete] (node:dns:122:26)',
      '',
    ].join('\n');
    expect(installFailureReason({ ...failed, stderr })).toBe('getaddrinfo ENOTFOUND github.com');
  });

  it('takes the last line when there is no error line', () => {
    expect(installFailureReason({ ...failed, stderr: 'first\nchecksum mismatch\n' })).toBe('checksum mismatch');
  });

  it('shortens a very long reason', () => {
    const reason = installFailureReason({ ...failed, stderr: `Error: ${'x'.repeat(500)}` });
    expect(reason).toHaveLength(200);
    expect(reason.endsWith('...')).toBe(true);
  });

  it.each([
    ['a timeout', { ...failed, stderr: '', status: null, timedOut: true }, 'the download did not finish in time'],
    ['a signal', { ...failed, stderr: '', status: null, signal: 'SIGINT' }, 'the installer was stopped by SIGINT'],
    ['a silent failure', { ...failed, stderr: '' }, 'the installer exited with code 1'],
    ['a spawn error', { ...failed, stderr: '', spawnError: 'spawn node ENOENT' }, 'spawn node ENOENT'],
  ])('explains %s', (_title, outcome, expected) => {
    expect(installFailureReason(outcome)).toBe(expected);
  });
});

describe('downloadFailureLine', () => {
  it('is one line that says what failed and the two ways forward', () => {
    const line = downloadFailureLine('getaddrinfo ENOTFOUND github.com');
    expect(line).toBe(
      'Backprop Studio: could not download the Electron runtime (getaddrinfo ENOTFOUND github.com). ' +
        'Connect to the internet and run `npm start` again, or use the web edition: `npm run web`.',
    );
    expect(line).not.toContain('\n');
  });
});
