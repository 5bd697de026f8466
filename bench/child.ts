/** Runs one peer process and reads its result line (see protocol.ts). */
import { spawn } from 'node:child_process';
import { z } from 'zod';
import { RESULT_PREFIX, type Measurement } from './protocol';

export type Outcome =
  | { kind: 'ok'; measurement: Measurement }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; reason: string };

const measurementSchema = z.object({
  samplesPerSec: z.number().positive(),
  accuracy: z.number().min(0).max(1),
  trainRows: z.number().int().positive(),
  epochs: z.number().int().positive(),
  seconds: z.number().positive(),
  cpuSeconds: z.number().nonnegative().optional(),
  notes: z.array(z.string()),
});
const outputSchema = z.union([z.object({ skipped: z.string() }), measurementSchema]);

/** Last few lines of a stream, for failure messages. */
function tail(text: string, lines = 8): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

export function runPeerProcess(file: string, args: readonly string[], cwd: string, timeoutMs = 20 * 60_000): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(err.code === 'ENOENT'
        ? { kind: 'skipped', reason: `${file} not found` }
        : { kind: 'failed', reason: err.message });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) {
        const why = signal ? `killed by ${signal}` : `exit code ${code}`;
        resolve({ kind: 'failed', reason: `${why}${line ? '' : ', no result line'}\n${tail(stderr || stdout)}` });
        return;
      }
      let parsed: z.infer<typeof outputSchema>;
      try {
        parsed = outputSchema.parse(JSON.parse(line.slice(RESULT_PREFIX.length)));
      } catch (err) {
        resolve({ kind: 'failed', reason: `bad result line: ${err instanceof Error ? err.message : String(err)}` });
        return;
      }
      if ('skipped' in parsed) resolve({ kind: 'skipped', reason: parsed.skipped });
      else {
        const { cpuSeconds, ...rest } = parsed;
        resolve({ kind: 'ok', measurement: cpuSeconds === undefined ? rest : { ...rest, cpuSeconds } });
      }
    });
  });
}
