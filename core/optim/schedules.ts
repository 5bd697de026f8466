import type { ScheduleConfig } from './config';

/**
 * The learning rate for a 0-based epoch under a schedule:
 * constant η; step η·γ^⌊e/s⌋; exponential η·γ^e;
 * cosine η_min + ½(η − η_min)(1 + cos(π e / E)) over E epochs.
 */
export function scheduledRate(schedule: ScheduleConfig | undefined, base: number, epoch: number, epochs: number): number {
  if (!schedule) return base;
  switch (schedule.kind) {
    case 'constant': return base;
    case 'step': return base * Math.pow(schedule.gamma, Math.floor(epoch / schedule.stepSize));
    case 'exponential': return base * Math.pow(schedule.gamma, epoch);
    case 'cosine': {
      const min = schedule.minLearningRate ?? 0;
      return min + 0.5 * (base - min) * (1 + Math.cos((Math.PI * epoch) / Math.max(1, epochs)));
    }
  }
}
