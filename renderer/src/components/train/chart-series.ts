/**
 * Keeps a chart's point arrays in step with the training store (pure, no
 * Chart.js): new epochs and batch points are appended to the same plain
 * arrays (Chart.js and its decimation plugin hold on to them); a new run or a
 * thinned batch series empties and refills them in place.
 */
import type { EpochLog, MetricName } from '../../../../core/train/config';
import type { BatchSeries } from '../../stores/training';
import type { XY } from './chart-setup';

export type EpochValue = (log: EpochLog) => number | undefined;

/** One series fed from an array that only grows until it is replaced. */
export class AppendedSeries<S> {
  readonly points: XY[] = [];
  private source: S | null = null;
  private used = 0;

  constructor(private readonly length: (s: S) => number, private readonly point: (s: S, i: number) => XY | null) {}

  /** Appends what is new; returns whether anything changed. */
  sync(source: S): boolean {
    let changed = false;
    if (source !== this.source || this.length(source) < this.used) {
      this.source = source;
      this.used = 0;
      if (this.points.length) changed = true;
      this.points.length = 0;
    }
    const n = this.length(source);
    for (; this.used < n; this.used++) {
      const p = this.point(source, this.used);
      if (p && Number.isFinite(p.y)) this.points.push(p);
      changed = true;
    }
    return changed;
  }

  /** Forgets the source so the next `sync` refills (e.g. another metric chosen). */
  invalidate(): void {
    this.source = null;
    this.used = 0;
  }
}

export function epochSeries(value: EpochValue): AppendedSeries<readonly EpochLog[]> {
  return new AppendedSeries((h) => h.length, (h, i) => {
    const log = h[i]!;
    const y = value(log);
    return y === undefined ? null : { x: log.epoch, y };
  });
}

export function batchSeries(): AppendedSeries<BatchSeries> {
  return new AppendedSeries((b) => b.y.length, (b, i) => ({ x: b.x[i]!, y: b.y[i]! }));
}

export const trainValue = (metric: MetricName): EpochValue => (log) => log.train[metric];
export const validationValue = (metric: MetricName): EpochValue => (log) => log.validation?.[metric];
/** The previous run's validation value, or its training value without validation data. */
export const previousValue = (metric: MetricName): EpochValue => (log) => log.validation?.[metric] ?? log.train[metric];
