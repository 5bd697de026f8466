/**
 * Child process for "ours": `tsx bench/peers/ours.ts --task-file <json>`.
 * Imports the core lazily so a core that does not load yet (modules still
 * being written) reports a skip instead of failing the whole benchmark.
 */
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
  const { task, data } = readTaskFiles(args.taskFile);
  const rows = Math.min(args.rows ?? task.trainRows, data.train.rows);
  return ours.trainOurs(task, data, rows, args.epochs ?? task.epochs);
}

runPeer(main);
