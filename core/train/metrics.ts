import type { MetricName, MetricValues } from './config';

/**
 * Streams predictions and targets batch by batch and gives the metrics over
 * everything seen, without keeping the rows:
 * - accuracy: argmax match for several outputs; ŷ ≥ 0.5 vs y ≥ 0.5 for one output
 * - mae: mean |ŷ − y|;  rmse: √(mean (ŷ − y)²) over all outputs
 * - r2: 1 − SS_res / SS_tot per output, averaged over outputs (as scikit-learn's `r2_score`)
 */
export class MetricAccumulator {
  private rows = 0;
  private correct = 0;
  private absSum = 0;
  private sqSum = 0;
  private readonly ySum: Float64Array;
  private readonly ySqSum: Float64Array;
  private readonly resSq: Float64Array;

  constructor(private readonly outputs: number) {
    this.ySum = new Float64Array(outputs);
    this.ySqSum = new Float64Array(outputs);
    this.resSq = new Float64Array(outputs);
  }

  /** Adds `rows` rows of predictions and targets, each [rows × outputs]. */
  add(pred: Float32Array, target: Float32Array, rows: number): void {
    const k = this.outputs;
    for (let r = 0; r < rows; r++) {
      const o = r * k;
      if (k === 1) {
        if ((pred[o]! >= 0.5) === (target[o]! >= 0.5)) this.correct++;
      } else {
        let pi = 0, ti = 0;
        for (let j = 1; j < k; j++) {
          if (pred[o + j]! > pred[o + pi]!) pi = j;
          if (target[o + j]! > target[o + ti]!) ti = j;
        }
        if (pi === ti) this.correct++;
      }
      for (let j = 0; j < k; j++) {
        const y = target[o + j]!;
        const d = pred[o + j]! - y;
        this.absSum += Math.abs(d);
        this.sqSum += d * d;
        this.resSq[j] = this.resSq[j]! + d * d;
        this.ySum[j] = this.ySum[j]! + y;
        this.ySqSum[j] = this.ySqSum[j]! + y * y;
      }
    }
    this.rows += rows;
  }

  /** The requested metrics (loss is not computed here). */
  result(names: readonly MetricName[]): MetricValues {
    const out: MetricValues = {};
    const n = this.rows * this.outputs;
    for (const name of names) {
      if (name === 'accuracy') out.accuracy = this.rows ? this.correct / this.rows : NaN;
      else if (name === 'mae') out.mae = n ? this.absSum / n : NaN;
      else if (name === 'rmse') out.rmse = n ? Math.sqrt(this.sqSum / n) : NaN;
      else if (name === 'r2') out.r2 = this.r2();
    }
    return out;
  }

  private r2(): number {
    if (this.rows === 0) return NaN;
    let sum = 0;
    for (let j = 0; j < this.outputs; j++) {
      const mean = this.ySum[j]! / this.rows;
      const tot = this.ySqSum[j]! - this.rows * mean * mean;
      // A constant target: perfect fit scores 1, anything else 0 (scikit-learn's convention).
      sum += tot > 0 ? 1 - this.resSq[j]! / tot : this.resSq[j]! === 0 ? 1 : 0;
    }
    return sum / this.outputs;
  }
}
