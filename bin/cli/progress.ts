/**
 * Training progress for `train` without `--json`: on a terminal one line
 * rewritten in place (bar, epoch, loss, ETA); otherwise plain lines, one per
 * tenth of the run, so a log file stays short.
 */
import type { FinishReason } from '../../core/engine/protocol';
import type { EpochLog } from '../../core/train/config';

/** Receives the engine's training events. */
export interface Progress {
  batch(epoch: number, loss: number, etaSeconds: number | null): void;
  epoch(log: EpochLog): void;
  done(reason: FinishReason, epochs: number): void;
}

const BAR_WIDTH = 24;
/** Terminal redraws at most this often (ms). */
const REDRAW_MS = 100;

/** A progress display on `out` for a run of at most `epochs` epochs. */
export function createProgress(out: NodeJS.WriteStream, epochs: number): Progress {
  const tty = out.isTTY === true;
  let lastDraw = 0;
  let valLoss: number | null = null;
  const draw = (epoch: number, loss: number, eta: number | null): void => {
    const filled = Math.round((Math.min(epoch, epochs) / epochs) * BAR_WIDTH);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
    const val = valLoss === null ? '' : `  val_loss ${valLoss.toFixed(4)}`;
    out.write(`\r${bar} epoch ${epoch}/${epochs}  loss ${loss.toFixed(4)}${val}  ETA ${formatEta(eta)}\x1b[K`);
  };
  return {
    batch(epoch, loss, eta) {
      if (!tty) return;
      const now = performance.now();
      if (now - lastDraw < REDRAW_MS) return;
      lastDraw = now;
      draw(epoch, loss, eta);
    },
    epoch(log) {
      valLoss = log.validation?.loss ?? null;
      const every = Math.max(1, Math.round(epochs / 10));
      if (!tty && (log.epoch % every === 0 || log.epoch === 1)) {
        const val = valLoss === null ? '' : ` val_loss ${valLoss.toFixed(4)}`;
        out.write(`epoch ${log.epoch}/${epochs} loss ${(log.train.loss ?? Number.NaN).toFixed(4)}${val}\n`);
      }
    },
    done(reason, done) {
      if (tty) out.write('\r\x1b[K');
      const why = reason === 'early-stop' ? ' (early stop: validation loss stopped improving)' : reason === 'completed' ? '' : ` (${reason})`;
      out.write(`trained ${done} epochs${why}\n`);
    },
  };
}

function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
