import type { ParamSlot } from '../optim/optimizers';

/**
 * Adds L1/L2 penalty gradients to kernel slots and returns the penalty value
 * added to the loss: λ₁ Σ|w| + ½ λ₂ Σ w², gradient λ₁ sign(w) + λ₂ w.
 */
export function applyPenalties(slots: readonly ParamSlot[], l1: number, l2: number): number {
  if (l1 === 0 && l2 === 0) return 0;
  let penalty = 0;
  for (const s of slots) {
    if (!s.isKernel) continue;
    const w = s.value, g = s.grad;
    for (let i = 0; i < w.length; i++) {
      const wi = w[i]!;
      penalty += l1 * Math.abs(wi) + 0.5 * l2 * wi * wi;
      g[i] = g[i]! + l1 * Math.sign(wi) + l2 * wi;
    }
  }
  return penalty;
}

/**
 * The global L2 norm of all gradients; when `maxNorm` is set and the norm
 * exceeds it, every gradient is scaled by maxNorm / norm. A non-finite norm is
 * returned as is (the caller treats it as divergence).
 */
export function clipByGlobalNorm(slots: readonly ParamSlot[], maxNorm: number | undefined): number {
  let sq = 0;
  for (const s of slots) { const g = s.grad; for (let i = 0; i < g.length; i++) sq += g[i]! * g[i]!; }
  const norm = Math.sqrt(sq);
  if (maxNorm !== undefined && norm > maxNorm && Number.isFinite(norm)) {
    const k = maxNorm / norm;
    for (const s of slots) { const g = s.grad; for (let i = 0; i < g.length; i++) g[i] = g[i]! * k; }
  }
  return norm;
}
