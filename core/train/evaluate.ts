import type { Matrix } from '../math/matrix';
import type { Model } from '../nn/model-types';
import type { MetricName, MetricValues } from './config';
import { MetricAccumulator } from './metrics';

/** Loss and metrics of a model on rows x with targets y, in one chunked forward pass. */
export function evaluate(model: Model, x: Matrix, y: Matrix, metrics: readonly MetricName[] = []): MetricValues & { loss: number } {
  const wanted = metrics.filter((m) => m !== 'loss');
  const acc = wanted.length ? new MetricAccumulator(y.cols) : null;
  const loss = model.loss(x, y, acc ? (p, t, rows) => acc.add(p, t, rows) : undefined);
  return { loss, ...(acc ? acc.result(wanted) : {}) };
}
