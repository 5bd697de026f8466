/**
 * How a peer process reports back: one stdout line `RESULT_PREFIX + JSON`
 * (anything else the process prints is ignored), with either a measurement or
 * a reason it skipped. The Python peers print the same line.
 */
export const RESULT_PREFIX = '@@bench-result ';

export interface Measurement {
  /** Training rows × epochs / training wall time. */
  samplesPerSec: number;
  /** Accuracy on the held-out rows. */
  accuracy: number;
  /** Rows and epochs actually trained (less than the task's for subsets). */
  trainRows: number;
  epochs: number;
  /** Training wall time in seconds. */
  seconds: number;
  /**
   * CPU seconds the process used while training (all its threads). Far below
   * `seconds` for a one-thread system means other load took the core.
   */
  cpuSeconds?: number;
  /** Anything the reader should know (threads, backend, deviations). */
  notes: string[];
}

export type PeerOutput = Measurement | { skipped: string };

export function isSkipped(o: PeerOutput): o is { skipped: string } {
  return 'skipped' in o;
}

/** Prints the result line (called once by a peer process). */
export function emit(output: PeerOutput): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(output)}\n`);
}

/** Builds a measurement from rows, epochs and the training wall time in ms. */
export function measured(trainRows: number, epochs: number, ms: number, accuracy: number, notes: string[] = [], cpuSeconds?: number): Measurement {
  const seconds = ms / 1000;
  const m: Measurement = { samplesPerSec: (trainRows * epochs) / seconds, accuracy, trainRows, epochs, seconds, notes };
  if (cpuSeconds !== undefined) m.cpuSeconds = cpuSeconds;
  return m;
}

/** Times `work` (wall ms and process CPU seconds). */
export async function timed(work: () => Promise<unknown> | void): Promise<{ ms: number; cpuSeconds: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** The peer command-line options shared by the TypeScript peers. */
export interface PeerArgs {
  taskFile: string;
  backend?: string;
  /** Train on the first `rows` rows only. */
  rows?: number;
  /** Train for this many epochs instead of the task's. */
  epochs?: number;
  /** Threads (ours, wasm backend). */
  threads?: number;
  /** 'on' | 'off': relaxed SIMD (ours, wasm backend). */
  fma?: string;
}

export function parsePeerArgs(argv: readonly string[]): PeerArgs {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string): number | undefined => {
    const v = value(name);
    return v === undefined ? undefined : Number(v);
  };
  const taskFile = value('--task-file');
  if (!taskFile) throw new Error('missing --task-file <path>');
  const args: PeerArgs = { taskFile };
  const backend = value('--backend');
  const rows = num('--rows');
  const epochs = num('--epochs');
  if (backend !== undefined) args.backend = backend;
  if (rows !== undefined) args.rows = rows;
  if (epochs !== undefined) args.epochs = epochs;
  const threads = num('--threads');
  const fma = value('--fma');
  if (threads !== undefined) args.threads = threads;
  if (fma !== undefined) args.fma = fma;
  return args;
}

/** Runs a peer's main, turning an exception into a failure exit with the message. */
export function runPeer(main: () => Promise<PeerOutput>): void {
  main().then(emit, (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
