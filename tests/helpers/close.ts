import { expect } from 'vitest';

/** Asserts |actual − expected| ≤ abs + rel·|expected|, with a message naming both values. */
export function expectClose(actual: number, expected: number, abs = 1e-6, rel = 0): void {
  const tol = abs + rel * Math.abs(expected);
  const ok = Math.abs(actual - expected) <= tol;
  expect(ok, `expected ${actual} to be within ${tol} of ${expected}`).toBe(true);
}
