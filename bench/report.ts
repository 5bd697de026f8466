/** Turns measurements into the console table and a README-ready markdown table. */
import type { Outcome } from './child';
import type { SystemId } from './systems';
import type { TaskConfig } from './tasks';

export interface SystemResult {
  system: SystemId;
  outcome: Outcome;
}

/** Below this share of a core while training, a timing was disturbed by other load. */
const BUSY_THRESHOLD = 0.85;

export function formatRate(samplesPerSec: number): string {
  return Math.round(samplesPerSec).toLocaleString('en-US');
}

/** "ours is 2.3× faster" / "ours is 1.8× slower", or "" without both rates. */
export function ratioText(ours: number | undefined, other: number | undefined): string {
  if (ours === undefined || other === undefined) return '';
  const r = ours / other;
  const x = (v: number): string => (v >= 10 ? v.toFixed(0) : v.toFixed(1));
  if (Math.abs(r - 1) < 0.05) return 'ours is about as fast';
  return r > 1 ? `ours is ${x(r)}× faster` : `ours is ${x(1 / r)}× slower`;
}

interface Row {
  system: string;
  rate: string;
  accuracy: string;
  time: string;
  trained: string;
  vsOurs: string;
}

function rowsOf(task: TaskConfig, results: readonly SystemResult[]): Row[] {
  const ours = results.find((r) => r.system === 'ours');
  const oursRate = ours?.outcome.kind === 'ok' ? ours.outcome.measurement.samplesPerSec : undefined;
  return results.map(({ system, outcome }): Row => {
    if (outcome.kind !== 'ok') {
      return { system, rate: outcome.kind, accuracy: '', time: '', trained: '', vsOurs: '' };
    }
    const m = outcome.measurement;
    const subset = m.trainRows < task.trainRows || m.epochs < task.epochs;
    return {
      system,
      rate: formatRate(m.samplesPerSec),
      accuracy: m.accuracy.toFixed(3),
      time: `${m.seconds.toFixed(1)} s`,
      trained: `${m.trainRows}×${m.epochs}${subset ? ' (subset)' : ''}`,
      vsOurs: system === 'ours' ? '—' : ratioText(oursRate, m.samplesPerSec),
    };
  });
}

const HEADERS: Row = { system: 'system', rate: 'samples/s', accuracy: 'accuracy', time: 'train time', trained: 'rows×epochs', vsOurs: 'vs ours' };
const COLUMNS = Object.keys(HEADERS) as (keyof Row)[];
const RIGHT_ALIGNED = new Set<keyof Row>(['rate', 'accuracy', 'time']);

/** Warnings and notes printed under the console table. */
export function notesOf(results: readonly SystemResult[]): string[] {
  const out: string[] = [];
  for (const { system, outcome } of results) {
    if (outcome.kind === 'skipped') out.push(`skipped ${system}: ${outcome.reason}`);
    else if (outcome.kind === 'failed') out.push(`FAILED ${system}: ${outcome.reason.replace(/\n/g, '\n    ')}`);
    else {
      const m = outcome.measurement;
      for (const n of m.notes) out.push(`${system}: ${n}`);
      if (m.cpuSeconds !== undefined && m.cpuSeconds < BUSY_THRESHOLD * m.seconds) {
        const share = Math.round((100 * m.cpuSeconds) / m.seconds);
        out.push(`${system}: WARNING got only ${share}% of a core while training — other load on the machine slowed this timing`);
      }
    }
  }
  return out;
}

/** The console table of one task, with notes. */
export function consoleTable(task: TaskConfig, results: readonly SystemResult[]): string {
  const rows = [HEADERS, ...rowsOf(task, results)];
  const width = (c: keyof Row): number => Math.max(...rows.map((r) => r[c].length));
  const line = (r: Row): string =>
    COLUMNS.map((c) => (RIGHT_ALIGNED.has(c) ? r[c].padStart(width(c)) : r[c].padEnd(width(c)))).join('  ').trimEnd();
  const rule = COLUMNS.map((c) => '-'.repeat(width(c))).join('  ');
  const notes = notesOf(results).map((n) => `  * ${n}`);
  return [line(HEADERS), rule, ...rows.slice(1).map(line), ...(notes.length ? ['', ...notes] : [])].join('\n');
}

/** A markdown table of one task, for the README. */
export function markdownTable(task: TaskConfig, results: readonly SystemResult[]): string {
  const titles = ['System', 'Samples/s', 'Held-out accuracy', 'Rows × epochs', 'vs ours'];
  const body = rowsOf(task, results)
    .filter((r, i) => results[i]!.outcome.kind === 'ok')
    .map((r) => `| ${r.system} | ${r.rate} | ${r.accuracy} | ${r.trained} | ${r.vsOurs} |`);
  const notes = results.flatMap(({ system, outcome }) =>
    outcome.kind === 'ok' ? outcome.measurement.notes.map((n) => `- ${system}: ${n}`) : []);
  return [`**${task.title}**`, '', `| ${titles.join(' | ')} |`, '|---|---:|---:|---|---|', ...body, '', ...notes].join('\n');
}
