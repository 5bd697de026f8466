import { describe, expect, it } from 'vitest';
import type { ParamSlot } from '../../../core/optim/optimizers';
import { applyPenalties, clipByGlobalNorm } from '../../../core/train/penalties';
import { expectClose } from '../../helpers/close';

const slot = (value: number[], grad: number[], isKernel = true): ParamSlot => ({ value: new Float32Array(value), grad: new Float32Array(grad), isKernel });

describe('penalties and clipping', () => {
  it('L1 + L2 add λ₁·sign(w) + λ₂·w to kernel gradients only, and λ₁Σ|w| + ½λ₂Σw² to the loss', () => {
    const kernel = slot([0.5, -2], [0.1, 0.1]);
    const bias = slot([3], [0.2], false);
    const penalty = applyPenalties([kernel, bias], 0.01, 0.1);
    expectClose(penalty, 0.01 * 2.5 + 0.5 * 0.1 * (0.25 + 4), 1e-9);
    expectClose(kernel.grad[0]!, 0.1 + 0.01 + 0.1 * 0.5, 1e-7);
    expectClose(kernel.grad[1]!, 0.1 - 0.01 - 0.1 * 2, 1e-7);
    expectClose(bias.grad[0]!, 0.2, 1e-7);
  });

  it('the L2 penalty gradient matches a finite difference of the penalty', () => {
    const w = [0.7, -1.3, 0.2];
    const value = (ws: number[]): number => applyPenalties([slot(ws, [0, 0, 0])], 0, 0.3);
    const s = slot(w, [0, 0, 0]);
    applyPenalties([s], 0, 0.3);
    w.forEach((wi, i) => {
      const up = [...w]; up[i] = wi + 1e-2;
      const down = [...w]; down[i] = wi - 1e-2;
      expectClose(s.grad[i]!, (value(up) - value(down)) / 2e-2, 1e-4);
    });
  });

  it('rescales all gradients together when their global norm exceeds the limit', () => {
    const a = slot([0, 0], [3, 0]), b = slot([0], [4], false);
    expect(clipByGlobalNorm([a, b], 1)).toBeCloseTo(5, 6);
    expect(Array.from(a.grad)).toEqual([Math.fround(0.6), 0]);
    expect(Array.from(b.grad)).toEqual([Math.fround(0.8)]);
  });

  it('leaves gradients under the limit untouched', () => {
    const a = slot([0], [0.5]);
    clipByGlobalNorm([a], 1);
    expect(a.grad[0]).toBe(0.5);
  });
});
