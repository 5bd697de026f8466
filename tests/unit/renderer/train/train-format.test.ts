import { describe, expect, it } from 'vitest';
import { AppendedSeries, batchSeries, epochSeries, trainValue } from '../../../../renderer/src/components/train/chart-series';
import { formatDuration, parsePositive, roundRate, roundValue } from '../../../../renderer/src/components/train/format';
import type { EpochLog } from '../../../../core/train/config';

const log = (epoch: number, loss: number): EpochLog => ({ epoch, learningRate: 0.01, train: { loss }, durationMs: 1 });

describe('Train view formatting', () => {
  it('durations as m:ss, h:mm:ss from an hour on; unknown → null', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(4.2)).toBe('0:04');
    expect(formatDuration(41)).toBe('0:41');
    expect(formatDuration(600)).toBe('10:00');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(null)).toBeNull();
    expect(formatDuration(-1)).toBeNull();
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('rates rounded to what the eye needs', () => {
    expect(roundRate(8412.7)).toBe(8400);
    expect(roundRate(225_843)).toBe(225_800);
    expect(roundRate(123.456)).toBe(123);
    expect(roundRate(0.01234)).toBe(0.0123);
    expect(roundRate(Number.NaN)).toBe(0);
  });

  it('values and typed numbers', () => {
    expect(roundValue(0.123456)).toBe('0.1235');
    expect(roundValue(0.00001234)).toBe('1.23e-5');
    expect(parsePositive('0,01')).toBe(0.01);
    expect(parsePositive(' 0.5 ')).toBe(0.5);
    expect(parsePositive('0')).toBeNull();
    expect(parsePositive('abc')).toBeNull();
  });
});

describe('chart series', () => {
  it('appends only new epochs to the same array, and refills it for a new run', () => {
    const s = epochSeries(trainValue('loss'));
    const points = s.points;
    const history = [log(1, 1), log(2, 0.5)];
    expect(s.sync(history)).toBe(true);
    expect(points).toEqual([{ x: 1, y: 1 }, { x: 2, y: 0.5 }]);
    expect(s.sync(history)).toBe(false);
    history.push(log(3, 0.25));
    expect(s.sync(history)).toBe(true);
    expect(points).toHaveLength(3);
    expect(s.sync([log(1, 2)])).toBe(true);
    expect(s.points).toBe(points);
    expect(points).toEqual([{ x: 1, y: 2 }]);
  });

  it('refills the batch series when the store thins it out, and skips missing values', () => {
    const s = batchSeries();
    s.sync({ x: [0.1, 0.2, 0.3], y: [3, 2, 1] });
    s.sync({ x: [0.1, 0.3], y: [3, 1] });
    expect(s.points).toEqual([{ x: 0.1, y: 3 }, { x: 0.3, y: 1 }]);
    const v = new AppendedSeries<EpochLog[]>((h) => h.length, (h, i) => (h[i]!.validation ? { x: i, y: h[i]!.validation!.loss! } : null));
    v.sync([log(1, 1)]);
    expect(v.points).toEqual([]);
  });
});
