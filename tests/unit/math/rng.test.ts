import { describe, expect, it } from 'vitest';
import { createRng } from '../../../core/math/rng';

describe('seeded RNG (xoshiro128**)', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = createRng(123), b = createRng(123), c = createRng(124);
    const sa = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(sa);
  });

  it('resumes the exact sequence from a saved state, normals included', () => {
    const a = createRng(9);
    a.next(); a.normal();
    const b = createRng(a.state());
    expect([a.next(), a.normal(), a.int(1000)]).toEqual([b.next(), b.normal(), b.int(1000)]);
  });

  it('draws uniforms in [0, 1) with mean ½ and variance 1/12', () => {
    const r = createRng(1);
    const n = 200_000;
    let s = 0, s2 = 0, min = 1, max = 0;
    for (let i = 0; i < n; i++) { const u = r.next(); s += u; s2 += u * u; min = Math.min(min, u); max = Math.max(max, u); }
    const mean = s / n;
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(s2 / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('draws normals with mean 0, variance 1 and about 95.45% within ±2', () => {
    const r = createRng(2);
    const n = 200_000;
    let s = 0, s2 = 0, inside = 0;
    for (let i = 0; i < n; i++) { const z = r.normal(); s += z; s2 += z * z; if (Math.abs(z) < 2) inside++; }
    expect(Math.abs(s / n)).toBeLessThan(0.01);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.02);
    expect(Math.abs(inside / n - 0.9545)).toBeLessThan(0.003);
  });

  it('shuffles into a permutation, every position reachable', () => {
    const r = createRng(3);
    const firsts = new Set<number>();
    for (let t = 0; t < 200; t++) {
      const a = new Uint32Array([0, 1, 2, 3, 4, 5, 6, 7]);
      r.shuffle(a);
      expect(Array.from(a).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      firsts.add(a[0]!);
    }
    expect(firsts.size).toBe(8);
  });

  it('rejects a non-finite seed with a clear message', () => {
    expect(() => createRng(Number.NaN)).toThrow('seed must be a finite number, got NaN');
  });
});
