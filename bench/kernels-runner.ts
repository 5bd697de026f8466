/**
 * `--kernels`: runs `runKernelBench` from bench/kernels.ts (written
 * separately) if that module exists, and prints what it returns: an array of
 * row objects becomes a table (or JSON lines with `--json`), strings are
 * printed as they are. Imported dynamically so the benchmark runs without it.
 */
type Log = (line: string) => void;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function cell(v: unknown): string {
  if (typeof v === 'number') {
    return Number.isInteger(v) || Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(4);
  }
  if (typeof v === 'string') return v;
  return JSON.stringify(v) ?? '';
}

function table(rows: readonly Record<string, unknown>[]): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cells = [keys, ...rows.map((r) => keys.map((k) => cell(r[k])))];
  const widths = keys.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  return cells.map((c) => c.map((s, i) => s.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** Returns false when the kernel benchmark is missing or failed. */
export async function runKernels(json: boolean, log: Log): Promise<boolean> {
  const specifier = './kernels'; // a variable: the module may not exist yet
  let mod: unknown;
  try {
    mod = await import(specifier);
  } catch (err) {
    log(`skipped kernels: bench/kernels.ts does not load (${(err instanceof Error ? err.message : String(err)).split('\n')[0]})`);
    return false;
  }
  const fn = isRecord(mod) ? mod['runKernelBench'] : undefined;
  if (typeof fn !== 'function') {
    log('skipped kernels: bench/kernels.ts has no runKernelBench export');
    return false;
  }
  log('\nKernels (bench/kernels.ts)');
  const result: unknown = await (fn as () => unknown)();
  const items: unknown[] = Array.isArray(result) ? result : result === undefined ? [] : [result];
  const records = items.filter(isRecord);
  for (const s of items.filter((i): i is string => typeof i === 'string')) log(s);
  if (json) for (const r of records) process.stdout.write(`${JSON.stringify({ kind: 'kernel', ...r })}\n`);
  else if (records.length) log(table(records));
  return true;
}
