/**
 * `--import`: the dataset-import benchmark. Writes a seeded 1,000,000 × 20
 * numeric CSV (about 100 MB), then, each in its own process so peak memory is
 * its own, papaparse's raw streaming parse and our full import (decode, parse,
 * type inference, Float32 columns, statistics). Prints rows/s, MB/s, peak
 * memory growth, and our rate as a share of papaparse's.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeNumericCsv } from './generate';

type Log = (line: string) => void;

export interface ImportBenchRow {
  kind: 'import';
  system: 'papaparse-raw' | 'ours';
  rows: number;
  seconds: number;
  rowsPerSec: number;
  mbPerSec: number;
  peakRssDeltaMB: number;
}

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function runChild(script: string, file: string): Promise<{ rows: number; seconds: number; peakRssDelta: number }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', join(HERE, script), file], { cwd: ROOT, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) { reject(new Error(`${script} failed: ${stderr || err.message}`)); return; }
      const line = stdout.trim().split('\n').pop() ?? '';
      resolve(JSON.parse(line) as { rows: number; seconds: number; peakRssDelta: number });
    });
  });
}

/**
 * Runs the import benchmark; with `repeat` > 1 each system runs that many
 * times and its fastest run counts (peak memory: the largest of its runs).
 */
export async function runImportBench(json: boolean, log: Log, repeat = 1, rows = 1_000_000, cols = 20): Promise<ImportBenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bps-import-'));
  try {
    const file = join(dir, 'numeric.csv');
    const bytes = await writeNumericCsv(file, rows, cols);
    const floatMB = (rows * cols * 4) / 1e6;
    log(`\nImport: ${rows.toLocaleString('en-US')} rows × ${cols} numeric columns, ${(bytes / 1e6).toFixed(1)} MB of CSV; as Float32 ${floatMB.toFixed(0)} MB` +
      (repeat > 1 ? ` (fastest of ${repeat} runs each; peak memory the largest)` : ''));
    const out: ImportBenchRow[] = [];
    for (const [system, script] of [['papaparse-raw', 'papaparse-child.ts'], ['ours', 'ours-child.ts']] as const) {
      let r = await runChild(script, file);
      for (let i = 1; i < repeat; i++) {
        const again = await runChild(script, file);
        r = { ...(again.seconds < r.seconds ? again : r), peakRssDelta: Math.max(r.peakRssDelta, again.peakRssDelta) };
      }
      const row: ImportBenchRow = {
        kind: 'import', system, rows: r.rows, seconds: r.seconds,
        rowsPerSec: r.rows / r.seconds, mbPerSec: bytes / 1e6 / r.seconds, peakRssDeltaMB: r.peakRssDelta / 1e6,
      };
      out.push(row);
      if (json) process.stdout.write(`${JSON.stringify(row)}\n`);
      log(`  ${system.padEnd(14)} ${Math.round(row.rowsPerSec).toLocaleString('en-US').padStart(10)} rows/s  ${row.mbPerSec.toFixed(1).padStart(6)} MB/s  ` +
        `peak memory +${row.peakRssDeltaMB.toFixed(0)} MB (${(row.peakRssDeltaMB / floatMB).toFixed(2)}× the Float32 data)`);
    }
    const [raw, ours] = out as [ImportBenchRow, ImportBenchRow];
    log(`  ours imports at ${((100 * ours.rowsPerSec) / raw.rowsPerSec).toFixed(0)}% of papaparse's raw parse rate (bar: ≥ 70%), peak memory ${(ours.peakRssDeltaMB / floatMB).toFixed(2)}× the data (bar: ≤ 3×)`);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
