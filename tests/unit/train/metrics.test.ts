import { describe, expect, it } from 'vitest';
import { MetricAccumulator } from '../../../core/train/metrics';
import { expectClose } from '../../helpers/close';

describe('metrics', () => {
  it('accuracy by argmax over several outputs, streamed in two chunks', () => {
    const acc = new MetricAccumulator(3);
    acc.add(new Float32Array([0.1, 0.7, 0.2, 0.5, 0.3, 0.2]), new Float32Array([0, 1, 0, 0, 0, 1]), 2);
    acc.add(new Float32Array([0.2, 0.2, 0.6]), new Float32Array([0, 0, 1]), 1);
    expectClose(acc.result(['accuracy']).accuracy!, 2 / 3, 1e-12);
  });

  it('accuracy by the 0.5 threshold for one output', () => {
    const acc = new MetricAccumulator(1);
    acc.add(new Float32Array([0.9, 0.4, 0.6, 0.1]), new Float32Array([1, 1, 0, 0]), 4);
    expect(acc.result(['accuracy']).accuracy).toBe(0.5);
  });

  it('MAE, RMSE and R² match their definitions (R² averaged over outputs)', () => {
    const pred = [2.5, 0.0, 2.0, 8.0, 0.5, 1.0];
    const truth = [3.0, -0.5, 2.0, 7.0, 1.0, 1.0];
    // as two outputs of three rows: output 0 = [2.5, 2.0, 0.5] vs [3, 2, 1]; output 1 = [0, 8, 1] vs [-0.5, 7, 1]
    const acc = new MetricAccumulator(2);
    acc.add(new Float32Array(pred), new Float32Array(truth), 3);
    const m = acc.result(['mae', 'rmse', 'r2']);
    const diffs = pred.map((p, i) => p - truth[i]!);
    expectClose(m.mae!, diffs.reduce((s, d) => s + Math.abs(d), 0) / 6, 1e-9);
    expectClose(m.rmse!, Math.sqrt(diffs.reduce((s, d) => s + d * d, 0) / 6), 1e-9);
    const r2 = (p: number[], t: number[]) => {
      const mean = t.reduce((s, v) => s + v, 0) / t.length;
      return 1 - p.reduce((s, v, i) => s + (v - t[i]!) ** 2, 0) / t.reduce((s, v) => s + (v - mean) ** 2, 0);
    };
    expectClose(m.r2!, (r2([2.5, 2.0, 0.5], [3, 2, 1]) + r2([0, 8, 1], [-0.5, 7, 1])) / 2, 1e-9);
  });
});
