/** Why training stopped with an error; crosses process boundaries as `{ code, message }`. */
export type TrainErrorCode = 'diverged' | 'invalid-config' | 'invalid-data';

/** An error a user can cause by their settings or data, with a message written for them. */
export class TrainError extends Error {
  constructor(readonly code: TrainErrorCode, message: string, readonly details?: { epoch: number; batch: number }) {
    super(message);
    this.name = 'TrainError';
  }
}

/**
 * The divergence message: which epoch and batch, what became non-finite, and
 * the likely causes with remedies.
 */
export function divergenceMessage(what: 'loss' | 'gradient' | 'weights', epoch: number, batch: number, learningRate: number): string {
  const subject = what === 'loss' ? 'the loss' : what === 'gradient' ? 'the gradient' : 'the weights';
  return `Training diverged at epoch ${epoch}, batch ${batch}: ${subject} became NaN or infinite. ` +
    `The learning rate (${learningRate}) is probably too high — try ${formatRate(learningRate / 10)} — ` +
    'or the inputs are not scaled (standardize them). The weights from before this batch were kept.';
}

function formatRate(x: number): string {
  return Number(x.toPrecision(3)).toString();
}
