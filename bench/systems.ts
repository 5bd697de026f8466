/**
 * The systems the benchmark compares, each run in its own child process (one
 * at a time: the machine has 2 cores) so global state, JIT warm-up and memory
 * never leak from one system into another.
 */
import type { TaskConfig } from './tasks';

export const SYSTEM_IDS = ['ours', 'tfjs-cpu', 'tfjs-wasm', 'brain.js', 'scikit-learn', 'pytorch'] as const;
export type SystemId = (typeof SYSTEM_IDS)[number];

/** Other names accepted by `--only`. */
export const SYSTEM_ALIASES: Readonly<Record<string, SystemId>> = {
  tfjs: 'tfjs-cpu', cpu: 'tfjs-cpu', wasm: 'tfjs-wasm', brain: 'brain.js', brainjs: 'brain.js',
  sklearn: 'scikit-learn', torch: 'pytorch',
};

/** The Python with python3-sklearn / python3-torch (Debian's), not whatever `python3` is on PATH. */
export const PYTHON = '/usr/bin/python3';

/** Rows / epochs a system trains instead of the full task. */
export interface Subset {
  rows?: number;
  epochs?: number;
}

export interface SystemDef {
  id: SystemId;
  /** Executable and arguments before `--task-file <json>`, run from the repo root. */
  command: () => { file: string; args: string[] };
  /** Less work for systems too slow for the full task (unless `--full`). */
  subset?: (task: TaskConfig) => Subset | undefined;
}

const tsPeer = (script: string, ...extra: string[]) => () =>
  ({ file: process.execPath, args: ['--import', 'tsx', `bench/peers/${script}`, ...extra] });
const pyPeer = (script: string) => () => ({ file: PYTHON, args: [`bench/peers/${script}`] });

export const SYSTEMS: readonly SystemDef[] = [
  { id: 'ours', command: tsPeer('ours.ts') },
  { id: 'tfjs-cpu', command: tsPeer('tfjs.ts', '--backend', 'cpu') },
  { id: 'tfjs-wasm', command: tsPeer('tfjs.ts', '--backend', 'wasm') },
  {
    id: 'brain.js',
    command: tsPeer('brain.ts'),
    // Per-sample JS: ~500 samples/s on Task B, so one epoch of its three.
    subset: (task) => (task.id === 'B' ? { epochs: 1 } : undefined),
  },
  { id: 'scikit-learn', command: pyPeer('sklearn_mlp.py') },
  { id: 'pytorch', command: pyPeer('torch_mlp.py') },
];
