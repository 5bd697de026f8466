import { describe, expect, it } from 'vitest';
import type { OptimizerConfig, OptimizerName } from '../../../core/optim/config';
import { createOptimizer, type ParamSlot } from '../../../core/optim/optimizers';
import { scheduledRate } from '../../../core/optim/schedules';
import { expectClose } from '../../helpers/close';

/**
 * Three steps on f(w) = ½ Σ c_i w_i² (gradient c_i w_i) for two parameters,
 * against the update rules written out in double precision.
 */
const c = [1, 4];
const lr = 0.1;

function reference(kind: OptimizerName, isKernel: boolean): number[] {
  const mu = 0.9, rho = 0.9, b1 = 0.9, b2 = 0.999, eps = 1e-7, wd = 0.01;
  const w = [1, -2];
  const s1 = [0, 0], s2 = [0, 0];
  for (let t = 1; t <= 3; t++) {
    for (let i = 0; i < 2; i++) {
      const g = c[i]! * w[i]!;
      switch (kind) {
        case 'sgd': w[i] = w[i]! - lr * g; break;
        case 'momentum': s1[i] = mu * s1[i]! - lr * g; w[i] = w[i]! + s1[i]!; break;
        case 'nesterov': s1[i] = mu * s1[i]! - lr * g; w[i] = w[i]! + mu * s1[i]! - lr * g; break;
        case 'rmsprop': s1[i] = rho * s1[i]! + (1 - rho) * g * g; w[i] = w[i]! - (lr * g) / (Math.sqrt(s1[i]!) + eps); break;
        case 'adam': case 'adamw': {
          s1[i] = b1 * s1[i]! + (1 - b1) * g;
          s2[i] = b2 * s2[i]! + (1 - b2) * g * g;
          const mHat = s1[i]! / (1 - b1 ** t), vHat = s2[i]! / (1 - b2 ** t);
          const decay = kind === 'adamw' && isKernel ? lr * wd * w[i]! : 0;
          w[i] = w[i]! - decay - (lr * mHat) / (Math.sqrt(vHat) + eps);
        }
      }
    }
  }
  return w;
}

describe('optimizers follow their update rules', () => {
  it.each([
    ['sgd', true], ['momentum', true], ['nesterov', true], ['rmsprop', true], ['adam', true], ['adamw', true], ['adamw', false],
  ] as [OptimizerName, boolean][])('%s (kernel slot: %s), three steps', (kind, isKernel) => {
    const config: OptimizerConfig = { kind, learningRate: lr };
    const opt = createOptimizer(config);
    const slot: ParamSlot = { value: new Float32Array([1, -2]), grad: new Float32Array(2), isKernel };
    for (let t = 0; t < 3; t++) {
      for (let i = 0; i < 2; i++) slot.grad[i] = c[i]! * slot.value[i]!;
      opt.step([slot], lr);
    }
    const want = reference(kind, isKernel);
    expectClose(slot.value[0]!, want[0]!, 1e-6, 1e-5);
    expectClose(slot.value[1]!, want[1]!, 1e-6, 1e-5);
  });
});

describe('learning-rate schedules', () => {
  it.each([
    ['constant at epoch 7', scheduledRate({ kind: 'constant' }, 0.1, 7, 10), 0.1],
    ['step ×0.5 every 3 epochs, epoch 7', scheduledRate({ kind: 'step', stepSize: 3, gamma: 0.5 }, 0.1, 7, 10), 0.1 * 0.25],
    ['exponential 0.9, epoch 2', scheduledRate({ kind: 'exponential', gamma: 0.9 }, 0.1, 2, 10), 0.1 * 0.81],
    ['cosine, first epoch', scheduledRate({ kind: 'cosine' }, 0.1, 0, 10), 0.1],
    ['cosine, half way', scheduledRate({ kind: 'cosine' }, 0.1, 5, 10), 0.05],
    ['cosine to 0.01, half way', scheduledRate({ kind: 'cosine', minLearningRate: 0.01 }, 0.1, 5, 10), 0.055],
  ] as [string, number, number][])('%s', (_title, got, want) => expectClose(got, want, 1e-12));
});

describe('the divergence checksum', () => {
  it.each(['sgd', 'momentum', 'nesterov', 'adam'] as OptimizerName[])('%s: is not finite when a weight overflows float32, though the double update is finite', (kind) => {
    // 3e38 + 3e38 = 6e38: a finite double, Infinity once stored as float32.
    const slot: ParamSlot = { value: Float32Array.of(3e38), grad: Float32Array.of(kind === 'adam' ? -1 : -3e38), isKernel: true };
    const lr = kind === 'adam' ? 3e38 : 1;
    const check = createOptimizer({ kind, learningRate: lr, momentum: 0 }).step([slot], lr);
    expect(slot.value[0]).toBe(Infinity);
    expect(Number.isFinite(check)).toBe(false);
  });
});

