import { matrixOf, type Matrix } from '../math/matrix';
import type { Model } from '../nn/model-types';
import { createOptimizer, type ParamSlot } from '../optim/optimizers';
import type { TrainConfig } from './config';
import type { TrainData } from './data-types';
import { TrainError, divergenceMessage } from './errors';
import { applyPenalties, clipByGlobalNorm } from './penalties';

/**
 * One training step on a batch: gather the rows, forward, loss, backward,
 * penalties, clipping, the optimizer update. `fit` drives a stepper batch by
 * batch; there are two: this TypeScript one on the model's own arrays (any
 * network, any kernels) and the WebAssembly one (`wasm-stepper.ts`), which
 * keeps everything in wasm memory.
 *
 * A stepper may hold the weights elsewhere than in `model.params` while
 * steps run: `syncOut` makes the model current (weights and the last
 * gradients), `syncIn` takes the model's weights back after others may have
 * changed them. `fit` calls them around every await and callback.
 */
export interface BatchStepper {
  /** The row order for the coming batches (`order` is read, not kept). */
  beginEpoch(order: Uint32Array): void;
  /**
   * Trains on rows order[r0 .. r0+n) with learning rate `lr`; returns the
   * batch's mean loss with penalties. Throws `TrainError('diverged')` (the
   * weights from before the batch are kept); `epoch`/`batch` name it.
   */
  step(r0: number, n: number, lr: number, epoch: number, batch: number): number;
  /** The last batch's outputs and targets, [n × outputs] each, valid until the next step. */
  lastBatch(): { pred: Float32Array; target: Float32Array };
  syncOut(): void;
  syncIn(): void;
  /** Releases what the stepper holds; the model keeps the last synced weights. */
  dispose(): void;
}

export function diverged(what: 'loss' | 'gradient' | 'weights', epoch: number, batch: number, lr: number): TrainError {
  return new TrainError('diverged', divergenceMessage(what, epoch, batch, lr), { epoch, batch });
}

/** The model's parameters as optimizer slots: kernels (penalised, decayed) and biases. */
export function paramSlots(model: Model): ParamSlot[] {
  return model.params.flatMap((p, i) => {
    const g = model.grads[i]!;
    const s: ParamSlot[] = [{ value: p.w, grad: g.w, isKernel: true }];
    if (p.b && g.b) s.push({ value: p.b, grad: g.b, isKernel: false });
    return s;
  });
}

/** The stepper on the model's arrays, through `model.lossAndGradients` and the TS optimizers. */
export function createTsStepper(model: Model, data: TrainData, config: TrainConfig, batchSize: number): BatchStepper {
  const { x, y } = data.train;
  const inputs = x.cols, outputs = y.cols;
  const slots = paramSlots(model);
  const lastGood = slots.map((s) => new Float32Array(s.value.length));
  const optimizer = createOptimizer(config.optimizer);
  let order: Uint32Array = new Uint32Array(0);

  const fullX = new Float32Array(batchSize * inputs), fullY = new Float32Array(batchSize * outputs);
  const batchMatrices = (n: number): [Matrix, Matrix] => [
    matrixOf(n, inputs, n === batchSize ? fullX : fullX.subarray(0, n * inputs)),
    matrixOf(n, outputs, n === batchSize ? fullY : fullY.subarray(0, n * outputs)),
  ];
  const full = batchMatrices(batchSize);
  const tailRows = x.rows % batchSize;
  const tail = tailRows ? batchMatrices(tailRows) : full;
  let last = full;

  return {
    beginEpoch(o) { order = o; },
    step(r0, n, lr, epoch, batch) {
      const [xb, yb] = (last = n === batchSize ? full : n === tailRows ? tail : batchMatrices(n));
      gatherRows(x.data, xb.data, order, r0, n, inputs);
      gatherRows(y.data, yb.data, order, r0, n, outputs);

      const loss = model.lossAndGradients(xb, yb) + applyPenalties(slots, config.l1 ?? 0, config.l2 ?? 0);
      if (!Number.isFinite(loss)) throw diverged('loss', epoch, batch, lr);
      if (config.clipNorm !== undefined && !Number.isFinite(clipByGlobalNorm(slots, config.clipNorm))) {
        throw diverged('gradient', epoch, batch, lr);
      }
      // A non-finite gradient shows up as non-finite weights after the step
      // (the step's checksum), and the copy taken here puts them back.
      for (let i = 0; i < slots.length; i++) lastGood[i]!.set(slots[i]!.value);
      if (!Number.isFinite(optimizer.step(slots, lr))) {
        for (let i = 0; i < slots.length; i++) slots[i]!.value.set(lastGood[i]!);
        throw diverged('weights', epoch, batch, lr);
      }
      return loss;
    },
    lastBatch() {
      return { pred: model.outputView(), target: last[1].data };
    },
    syncOut() {},
    syncIn() {},
    dispose() {},
  };
}

/** Copies rows order[r0 .. r0+n) of a [· × width] store into dst, without allocating views. */
function gatherRows(src: Float32Array, dst: Float32Array, order: Uint32Array, r0: number, n: number, width: number): void {
  for (let r = 0; r < n; r++) {
    const from = order[r0 + r]! * width, to = r * width;
    for (let j = 0; j < width; j++) dst[to + j] = src[from + j]!;
  }
}
