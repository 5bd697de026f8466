/**
 * Regression metrics in the target's own units. The engine measures MAE and
 * RMSE on the standardized target y' = (y − mean) / std, so for the one
 * target the CLI trains they are multiplied back by std; R² and the loss are
 * left as they are (R² does not depend on the scale; the loss is what was
 * minimized).
 */
import type { ModelFileV1 } from '../../core/model-io/format';
import type { MetricValues } from '../../core/train/config';

/** `metrics` with `mae` and `rmse` in target units when the model has exactly one regression target. */
export function inTargetUnits<M extends MetricValues>(metrics: M, file: ModelFileV1): M {
  const t = file.preprocessing?.target;
  if (t?.kind !== 'regression' || t.columns.length !== 1) return metrics;
  const std = t.columns[0]!.std;
  const out = { ...metrics };
  if (out.mae !== undefined) out.mae *= std;
  if (out.rmse !== undefined) out.rmse *= std;
  return out;
}
