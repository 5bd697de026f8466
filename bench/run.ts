/**
 * `npm run bench [-- options]`: trains the two fixed tasks (tasks.ts) with our
 * core and with peer libraries, one system at a time, each in its own process,
 * and prints samples/s, held-out accuracy and the speed ratio to ours.
 *
 *   --task A|B|A,B     tasks to run (default both)
 *   --only a,b         systems: ours, tfjs-cpu, tfjs-wasm, brain.js, scikit-learn, pytorch
 *   --full             no subsets (brain.js trains all of Task B's epochs: ~1 min)
 *   --json             stdout: one {task, system, samplesPerSec, accuracy} per line; text → stderr
 *   --markdown         also print README-ready markdown tables
 *   --repeat N         N rounds over all systems (round-robin), keeping each system's fastest run (default 1)
 *   --backend ts|wasm  compute kernels for "ours" (default wasm = WebAssembly SIMD, the engine's own default; ts for comparison)
 *   --threads N        threads "ours" (wasm) may use (default: the CPU count, at most 4; 1 = no helper threads)
 *   --no-fma           leave relaxed SIMD off on Node < 22 (default: on, as in Electron 41 and Chrome; see relaxed-simd.ts)
 *   --kernels          also run runKernelBench from bench/kernels.ts
 *   --kernels-only     only that
 *   --import           also the dataset-import benchmark (bench/import/runner.ts)
 *   --import-only      only that
 *   --ui               also the UI frame-gap measurement in Chromium (bench/ui/frame-gaps.ts)
 *   --ui-only          only that
 */
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runPeerProcess, type Outcome } from './child';
import { makeTempDir, writeTaskFiles } from './dataset-file';
import { runImportBench } from './import/runner';
import { runKernels } from './kernels-runner';
import { enableRelaxedSimd } from './relaxed-simd';
import { runFrameGapBench } from './ui/frame-gaps';
import { consoleTable, markdownTable, type SystemResult } from './report';
import { SYSTEMS, SYSTEM_ALIASES, SYSTEM_IDS, type SystemId } from './systems';
import { TASKS, classBalance, generateTask, type TaskConfig, type TaskId } from './tasks';

interface Options {
  tasks: TaskId[];
  systems: SystemId[];
  full: boolean;
  json: boolean;
  markdown: boolean;
  kernels: boolean;
  kernelsOnly: boolean;
  importBench: boolean;
  importOnly: boolean;
  ui: boolean;
  uiOnly: boolean;
  /** Runs per system; the fastest counts (for noisy machines). */
  repeat: number;
  /** Kernels "ours" trains with. */
  backend: 'ts' | 'wasm';
  /** Threads for "ours" (undefined: its default). */
  threads?: number;
  /** Relaxed-SIMD fused multiply-adds (turned on where Node has them behind a flag). */
  fma: boolean;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
    return v;
  };
  const list = (s: string): string[] => s.split(',').map((p) => p.trim()).filter(Boolean);
  const tasks = list(value('--task') ?? 'A,B').map((t): TaskId => {
    const id = t.toUpperCase();
    if (id !== 'A' && id !== 'B') throw new Error(`unknown task "${t}" (A or B)`);
    return id;
  });
  const systems = list(value('--only') ?? SYSTEM_IDS.join(',')).map((s): SystemId => {
    const name = s.toLowerCase();
    const id = SYSTEM_IDS.find((x) => x === name) ?? (Object.hasOwn(SYSTEM_ALIASES, name) ? SYSTEM_ALIASES[name] : undefined);
    if (!id) throw new Error(`unknown system "${s}" (${SYSTEM_IDS.join(', ')})`);
    return id;
  });
  const repeat = Number(value('--repeat') ?? '1');
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat needs a positive integer');
  const backend = value('--backend') ?? 'wasm';
  if (backend !== 'ts' && backend !== 'wasm') throw new Error(`unknown --backend "${backend}" (ts or wasm)`);
  const threadsText = value('--threads');
  const threads = threadsText === undefined ? undefined : Number(threadsText);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) throw new Error('--threads needs a positive integer');
  const known = new Set(['--task', '--only', '--repeat', '--backend', '--threads', '--no-fma', '--full', '--json', '--markdown', '--kernels', '--kernels-only', '--import', '--import-only', '--ui', '--ui-only']);
  const unknown = argv.filter((a) => a.startsWith('--') && !known.has(a));
  if (unknown.length) throw new Error(`unknown option ${unknown.join(' ')}`);
  const has = (f: string): boolean => argv.includes(f);
  return {
    tasks: [...new Set(tasks)],
    systems: SYSTEM_IDS.filter((id) => systems.includes(id)), // always in the canonical order
    full: has('--full'),
    json: has('--json'),
    markdown: has('--markdown'),
    kernels: has('--kernels') || has('--kernels-only'),
    kernelsOnly: has('--kernels-only'),
    importBench: has('--import') || has('--import-only'),
    importOnly: has('--import-only'),
    ui: has('--ui') || has('--ui-only'),
    uiOnly: has('--ui-only'),
    repeat,
    backend,
    ...(threads !== undefined ? { threads } : {}),
    fma: !has('--no-fma'),
  };
}

async function runTask(task: TaskConfig, opts: Options, dir: string, log: (s: string) => void): Promise<SystemResult[]> {
  log(`\n${task.title}`);
  const t0 = performance.now();
  const data = generateTask(task);
  const genMs = performance.now() - t0;
  const balance = classBalance(data.train.labels, task.classes).map((p) => `${(100 * p).toFixed(1)}%`).join(' / ');
  log(`data: ${task.trainRows} train + ${task.testRows} held-out rows × ${task.features} features, ` +
    `generated in ${(genMs / 1000).toFixed(1)} s; class balance ${balance}`);
  const taskFile = writeTaskFiles(dir, task, data);

  // --repeat N: N rounds over all systems (round-robin), each system keeping
  // its fastest run. On a machine whose speed drifts for minutes at a time,
  // rounds spread the slow spells over every system instead of one.
  const runs = opts.systems.map((id) => {
    const sys = SYSTEMS.find((s) => s.id === id)!;
    const subset = opts.full ? undefined : sys.subset?.(task);
    const { file, args } = sys.command();
    const extra = [
      ...(id === 'ours' ? ['--backend', opts.backend, '--fma', opts.fma ? 'on' : 'off'] : []),
      ...(id === 'ours' && opts.threads !== undefined ? ['--threads', String(opts.threads)] : []),
      ...(subset?.rows !== undefined ? ['--rows', String(subset.rows)] : []),
      ...(subset?.epochs !== undefined ? ['--epochs', String(subset.epochs)] : []),
    ];
    return { id, file, argv: [...args, '--task-file', taskFile, ...extra], outcome: undefined as Outcome | undefined };
  });
  for (let round = 1; round <= opts.repeat; round++) {
    for (const run of runs) {
      if (run.outcome && run.outcome.kind !== 'ok') continue; // failed or skipped: once is enough
      log(`  ${run.id}${run.id === 'ours' ? ` (${opts.backend} kernels)` : ''}${opts.repeat > 1 ? ` [round ${round}/${opts.repeat}]` : ''} …`);
      const outcome = await runPeerProcess(run.file, run.argv, ROOT);
      if (outcome.kind === 'ok') log(`    ${Math.round(outcome.measurement.samplesPerSec)} samples/s, accuracy ${outcome.measurement.accuracy.toFixed(3)}, ${outcome.measurement.seconds.toFixed(1)} s`);
      else log(`    ${outcome.kind}: ${outcome.reason.split('\n')[0]}`);
      if (!run.outcome || outcome.kind !== 'ok' || (run.outcome.kind === 'ok' && outcome.measurement.samplesPerSec > run.outcome.measurement.samplesPerSec)) {
        run.outcome = outcome;
      }
    }
  }
  const results: SystemResult[] = runs.map((run) => ({ system: run.id, outcome: run.outcome! }));
  if (opts.json) {
    for (const { system, outcome } of results) {
      if (outcome.kind === 'ok') process.stdout.write(`${JSON.stringify({ task: task.id, system, samplesPerSec: outcome.measurement.samplesPerSec, accuracy: outcome.measurement.accuracy })}\n`);
    }
  }
  log('');
  log(consoleTable(task, results));
  return results;
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  // With --json, stdout carries only JSON lines; everything human goes to stderr.
  const log = (s: string): void => { (opts.json ? process.stderr : process.stdout).write(`${s}\n`); };

  const [load1] = loadavg();
  log(`Backprop Studio bench — node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, load ${load1!.toFixed(2)}`);
  if (load1! > 1) log('WARNING: the machine is busy (load > 1); timings will be low and noisy.');

  let failed = false;
  if (!opts.kernelsOnly && !opts.importOnly && !opts.uiOnly) {
    const done: { task: TaskConfig; results: SystemResult[] }[] = [];
    const tmp = makeTempDir();
    try {
      for (const id of opts.tasks) {
        const task = TASKS[id];
        const results = await runTask(task, opts, tmp.dir, log);
        done.push({ task, results });
        failed ||= results.some((r) => r.outcome.kind === 'failed');
      }
    } finally {
      tmp.cleanup();
    }
    if (opts.markdown) for (const { task, results } of done) log(`\n${markdownTable(task, results)}`);
  }
  if (opts.kernels && !opts.importOnly && !opts.uiOnly) {
    log(`relaxed SIMD for the kernel benchmark: ${enableRelaxedSimd(opts.fma)}`);
    await runKernels(opts.json, log);
  }
  if (opts.importBench && !opts.uiOnly) await runImportBench(opts.json, log, opts.repeat);
  if (opts.ui) {
    const gaps = await runFrameGapBench(log);
    if (gaps && opts.json) process.stdout.write(`${JSON.stringify({ bench: 'ui-frame-gaps', ...gaps })}\n`);
  }
  if (failed) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
