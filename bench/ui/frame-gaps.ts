/**
 * How smooth the studio stays while it trains flat out (issue 8): the web
 * edition in Chromium trains a Task-A-sized network (20,000 rows × 32
 * features → 64-64 → 3, Adam, batch 32) while the page records the gaps
 * between `requestAnimationFrame` callbacks for 10 s. Reports the 95th
 * percentile (goal: under 50 ms), the worst gap and the training rate shown.
 *
 * Needs Chromium (CHROMIUM_PATH or /usr/bin/chromium); builds the web
 * edition first and serves it with `vite preview`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { TASKS, generateTask } from '../tasks';

export interface FrameGapResult {
  frames: number;
  seconds: number;
  p50: number;
  p95: number;
  max: number;
  /** Samples per second the progress bar showed at the end of the window. */
  samplesPerSecText: string;
}

const PORT = 4183;
const MEASURE_MS = 10_000;

/** The `q` quantile of `values` (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Task A's training rows as CSV text: x1..x32 and the class label. */
function taskACsv(): string {
  const task = TASKS.A;
  const { train } = generateTask(task);
  const header = [...Array.from({ length: task.features }, (_, i) => `x${i + 1}`), 'label'].join(',');
  const lines = [header];
  for (let r = 0; r < train.rows; r++) {
    const row: string[] = [];
    for (let i = 0; i < task.features; i++) row.push(train.x[r * task.features + i]!.toFixed(4));
    row.push(`c${train.labels[r]!}`);
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > end) throw new Error(`vite preview did not answer on ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function runFrameGapBench(log: (line: string) => void): Promise<FrameGapResult | null> {
  const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    log(`UI frame gaps: skipped — no Chromium at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH).`);
    return null;
  }
  log('UI frame gaps: building the web edition…');
  const build = spawnSync('npx', ['vite', 'build', 'renderer', '--logLevel', 'error'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the web edition did not build');
  const server = spawn('npx', ['vite', 'preview', 'renderer', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
  const browser = await chromium.launch({ executablePath });
  try {
    const url = `http://127.0.0.1:${PORT}`;
    await waitForServer(url, 30_000);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    await page.getByTestId('engine-state').filter({ hasText: 'ready' }).waitFor();

    // Task A's rows, dropped on the window as a file.
    const csv = taskACsv();
    // (The callbacks below run in the page; this file is type-checked as Node code, hence the casts.)
    const transfer = await page.evaluateHandle((text) => {
      const t = new (globalThis as unknown as { DataTransfer: new () => { items: { add(f: File): void } } }).DataTransfer();
      t.items.add(new File([text], 'task-a.csv', { type: 'text/csv' }));
      return t;
    }, csv);
    await page.dispatchEvent('.frame', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('.frame', 'drop', { dataTransfer: transfer });
    await page.getByTestId('network-widths').filter({ hasText: '32 inputs → 3 outputs' }).waitFor({ timeout: 60_000 });

    // The network: Task A's 64-64 ReLU hidden layers.
    await page.getByRole('button', { name: 'Network', exact: true }).click();
    for (const [layer, units] of [[1, 64], [2, 64]] as const) {
      const label = page.getByRole('button', { name: `Hidden layer ${layer}`, exact: true });
      await label.waitFor();
      const more = page.getByRole('button', { name: `More units in hidden layer ${layer}` });
      for (let i = 0; i < 200; i++) {
        const text = await page.getByTestId(`hidden-layer-${layer - 1}`).textContent();
        if (text?.includes(`${units} units`)) break;
        await more.click();
      }
    }
    await page.getByTestId('engine-state').filter({ hasText: 'model ready' }).waitFor({ timeout: 30_000 });

    // Train: batch 32, Adam 1e-3, epochs enough to outlast the measurement.
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByLabel('Batch size').fill('32');
    await page.getByLabel('Epochs').fill('1000');
    await page.getByLabel('Learning rate').fill('0.001');
    // No early stop: the run must outlast the measurement.
    await page.locator('details.settings > summary').click();
    await page.getByLabel('Early stopping').uncheck();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByTestId('engine-state').filter({ hasText: 'training' }).waitFor();
    await page.waitForTimeout(1000);

    // A string, not a function: tsx would wrap named functions in a helper the page does not have.
    const gaps = await page.evaluate<number[]>(`new Promise((resolve) => {
      const out = [];
      let last = performance.now();
      const end = last + ${MEASURE_MS};
      const tick = (now) => {
        out.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(tick);
        else resolve(out);
      };
      requestAnimationFrame(tick);
    })`);
    const rate = (await page.getByRole('progressbar').first().getAttribute('aria-valuetext')) ?? (await page.getByRole('progressbar').first().textContent()) ?? '';
    const stop = page.getByRole('button', { name: 'Stop', exact: true });
    if (await stop.isEnabled()) await stop.click();

    const result: FrameGapResult = {
      frames: gaps.length,
      seconds: MEASURE_MS / 1000,
      p50: quantile(gaps, 0.5),
      p95: quantile(gaps, 0.95),
      max: Math.max(...gaps),
      samplesPerSecText: rate.trim(),
    };
    log(`UI frame gaps while training Task A in Chromium (${result.frames} frames in ${result.seconds} s): ` +
      `median ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms (goal < 50 ms), worst ${result.max.toFixed(1)} ms`);
    log(`  progress shown: ${result.samplesPerSecText}`);
    return result;
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}
