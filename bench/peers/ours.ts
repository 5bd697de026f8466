/**
 * Child process for "ours": `tsx bench/peers/ours.ts [--backend ts|wasm] --task-file <json>`.
 * `--backend wasm` trains with the WebAssembly SIMD kernels (core/math/wasm-kernels.node.ts)
 * and fails when they do not load; the default is the core's own default (TypeScript).
 * Imports the core lazily so a core that does not load yet (modules still
 * being written) reports a skip instead of failing the whole benchmark.
 */
import type { Kernels } from '../../core/math/kernels';
import { readTaskFiles } from '../dataset-file';
import { parsePeerArgs, runPeer, type PeerOutput } from '../protocol';

async function main(): Promise<PeerOutput> {
  const args = parsePeerArgs(process.argv.slice(2));
  let ours: typeof import('../ours');
  try {
    ours = await import('../ours');
  } catch (err) {
    const first = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    return { skipped: `core does not load yet (${first})` };
  }
  let kernels: Kernels | undefined;
  const notes: string[] = [];
  if (args.backend === 'wasm') {
    const { enableRelaxedSimd } = await import('../relaxed-simd');
    const relaxed = enableRelaxedSimd(args.fma !== 'off');
    const { loadNodeKernels } = await import('../../core/math/wasm-kernels.node.ts');
    const loaded = loadNodeKernels(args.threads !== undefined ? { threads: args.threads } : {});
    if (loaded.fallbackReason !== undefined) throw new Error(`--backend wasm: ${loaded.fallbackReason}`);
    kernels = loaded.kernels;
    // As the engine does before it answers `hello`: the helper threads start (and warm up) before any training.
    const threads = (await kernels.wasm?.ready(3000)) ?? 1;
    notes.push(`${loaded.build}, ${threads} thread${threads > 1 ? 's' : ''}, relaxed SIMD ${relaxed}`);
  } else if (args.backend !== undefined && args.backend !== 'ts') {
    throw new Error(`unknown --backend "${args.backend}" (ts or wasm)`);
  }
  const { task, data } = readTaskFiles(args.taskFile);
  const rows = Math.min(args.rows ?? task.trainRows, data.train.rows);
  const result = await ours.trainOurs(task, data, rows, args.epochs ?? task.epochs, kernels);
  kernels?.dispose?.();
  if ('skipped' in result) return result;
  return { ...result, notes: [...result.notes, ...notes] };
}

runPeer(main);
