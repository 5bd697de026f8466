import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../core/math/rng';
import {
  CIRCLE_RADIUS,
  SPIRAL_RADIUS,
  SPIRAL_TURN,
  SYNTHETIC_DATASETS,
  XOR_PADDING,
  circle,
  gaussians,
  plane,
  spiral,
  xor,
  type SyntheticData,
  type SyntheticDataset,
} from '../../../../core/data/synthetic';

const CLASSIFIERS = SYNTHETIC_DATASETS.filter((d) => d.kind === 'classification');

function generate(entry: SyntheticDataset, samples: number, noise: number, seed: number): SyntheticData {
  return entry.generate({ samples, noise, rng: createRng(seed) });
}

function values(data: SyntheticData): Float32Array {
  return data.kind === 'classification' ? data.labels : data.targets;
}

/** Share of flipped labels, or mean |target − ideal|, measured against the entry's noise-free rule. */
function disagreement(entry: SyntheticDataset, data: SyntheticData): number {
  const y = values(data);
  let sum = 0;
  for (let i = 0; i < data.samples; i++) {
    const ideal = entry.ideal(data.x[2 * i]!, data.x[2 * i + 1]!);
    sum += entry.kind === 'classification' ? (ideal === y[i] ? 0 : 1) : Math.abs(ideal - y[i]!);
  }
  return sum / data.samples;
}

function positives(labels: Float32Array): number {
  return labels.reduce((n, v) => n + (v === 1 ? 1 : 0), 0);
}

describe.each(SYNTHETIC_DATASETS.map((d) => [d.id, d] as const))('synthetic dataset %s', (_id, entry) => {
  it('gives identical data for the same seed and different data for another seed', () => {
    const a = generate(entry, 300, 0.4, 7), b = generate(entry, 300, 0.4, 7), c = generate(entry, 300, 0.4, 8);
    expect(b.x).toEqual(a.x);
    expect(values(b)).toEqual(values(a));
    expect(c.x).not.toEqual(a.x);
  });

  it.each([0, 1, 2, 7, 250])('has shapes [n × 2] and [n] for n = %i', (n) => {
    const data = generate(entry, n, 0.2, 1);
    expect(data.kind).toBe(entry.kind);
    expect(data.samples).toBe(n);
    expect(data.x).toHaveLength(2 * n);
    expect(values(data)).toHaveLength(n);
    expect(data.x.every(Number.isFinite)).toBe(true);
  });

  it.each([[0, 1.2], [1, 1.8]])(
    'at noise %s has only ±1 labels (classification) or targets within ±%s (regression)',
    (noise, bound) => {
      const y = values(generate(entry, 2000, noise, 3));
      if (entry.kind === 'classification') expect(y.every((v) => v === 1 || v === -1)).toBe(true);
      else expect(y.every((v) => Math.abs(v) <= bound + 1e-6)).toBe(true);
    },
  );

  it('disagrees with its noise-free rule more as noise grows (0 → 0.5 → 1)', () => {
    const [d0, d5, d1] = [0, 0.5, 1].map((noise) => disagreement(entry, generate(entry, 4000, noise, 11)));
    expect(d0).toBeLessThanOrEqual(0.001);
    expect(d5).toBeGreaterThan(d0!);
    expect(d1).toBeGreaterThan(d5!);
  });

  it.each([
    ['samples = -1', { samples: -1, noise: 0 }, `${entry.id}: samples must be a non-negative integer, got -1`],
    ['samples = 2.5', { samples: 2.5, noise: 0 }, `${entry.id}: samples must be a non-negative integer, got 2.5`],
    ['noise = 1.5', { samples: 10, noise: 1.5 }, `${entry.id}: noise must be in [0, 1], got 1.5`],
    ['noise = NaN', { samples: 10, noise: Number.NaN }, `${entry.id}: noise must be in [0, 1], got NaN`],
  ])('rejects %s with a message naming the generator', (_case, args, message) => {
    expect(() => entry.generate({ ...args, rng: createRng(1) })).toThrow(new RangeError(message));
  });
});

describe('class balance', () => {
  it.each(CLASSIFIERS.filter((d) => d.id !== 'xor').map((d) => [d.id, d] as const))(
    '%s has ⌈n/2⌉ positives and ⌊n/2⌋ negatives at noise 0',
    (_id, entry) => {
      for (const n of [100, 101]) {
        const data = generate(entry, n, 0, 5);
        if (data.kind !== 'classification') throw new Error('expected classification data');
        expect(positives(data.labels)).toBe(Math.ceil(n / 2));
      }
    },
  );

  // Not circle: its noise flips more inner points out than outer points in
  // (the ring is the larger target), as in Playground.
  it.each(['xor', 'gaussians', 'spiral'].flatMap((id) => [0, 1].map((noise) => [id, noise] as const)))(
    '%s is within 50 ± 3 % positive at noise %s',
    (id, noise) => {
      const data = generate(CLASSIFIERS.find((d) => d.id === id)!, 4000, noise, 9);
      if (data.kind !== 'classification') throw new Error('expected classification data');
      expect(Math.abs(positives(data.labels) / 4000 - 0.5)).toBeLessThan(0.03);
    },
  );

  it('does not arrive sorted by class', () => {
    const { labels } = circle({ samples: 200, noise: 0, rng: createRng(2) });
    expect(positives(labels.subarray(0, 100))).toBeGreaterThan(30);
    expect(positives(labels.subarray(0, 100))).toBeLessThan(70);
  });
});

describe('geometry at noise 0', () => {
  it('circle: the +1 class lies within radius 2.5, the −1 class in the ring [3.5, 5]', () => {
    const { x, labels } = circle({ samples: 2000, noise: 0, rng: createRng(4) });
    for (let i = 0; i < 2000; i++) {
      const r = Math.hypot(x[2 * i]!, x[2 * i + 1]!);
      if (labels[i] === 1) expect(r).toBeLessThan(CIRCLE_RADIUS * 0.5);
      else {
        expect(r).toBeGreaterThanOrEqual(CIRCLE_RADIUS * 0.7 - 1e-5);
        expect(r).toBeLessThanOrEqual(CIRCLE_RADIUS + 1e-5);
      }
    }
  });

  it('xor: label = sign(x1 · x2), and every point keeps 0.3 from the axes', () => {
    const { x, labels } = xor({ samples: 2000, noise: 0, rng: createRng(4) });
    for (let i = 0; i < 2000; i++) {
      const x1 = x[2 * i]!, x2 = x[2 * i + 1]!;
      expect(labels[i]).toBe(Math.sign(x1 * x2));
      expect(Math.min(Math.abs(x1), Math.abs(x2))).toBeGreaterThanOrEqual(XOR_PADDING - 1e-6);
    }
  });

  it('gaussians: each class is centred on (2, 2) or (−2, −2) with variance 0.5', () => {
    const { x, labels } = gaussians({ samples: 20000, noise: 0, rng: createRng(4) });
    for (const label of [1, -1]) {
      let n = 0, s1 = 0, s2 = 0, ss = 0;
      for (let i = 0; i < labels.length; i++) {
        if (labels[i] !== label) continue;
        const x1 = x[2 * i]!, x2 = x[2 * i + 1]!;
        n++; s1 += x1; s2 += x2; ss += (x1 - 2 * label) ** 2;
      }
      expect(Math.abs(s1 / n - 2 * label)).toBeLessThan(0.03);
      expect(Math.abs(s2 / n - 2 * label)).toBeLessThan(0.03);
      expect(Math.abs(ss / n - 0.5)).toBeLessThan(0.03);
    }
  });

  it('plane: target = 0.1·x1 + 0.1·x2 exactly (float32)', () => {
    const { x, targets } = plane({ samples: 1000, noise: 0, rng: createRng(4) });
    for (let i = 0; i < 1000; i++) {
      expect(Math.abs(targets[i]! - 0.1 * x[2 * i]! - 0.1 * x[2 * i + 1]!)).toBeLessThan(1e-6);
    }
  });

  it('spiral: two arms, the −1 arm the +1 arm turned by π, radii spread over (0, 5]', () => {
    const { x, labels } = spiral({ samples: 1000, noise: 0, rng: createRng(4) });
    let maxR = 0;
    for (let i = 0; i < 1000; i++) {
      const x1 = x[2 * i]!, x2 = x[2 * i + 1]!;
      const r = Math.hypot(x1, x2);
      maxR = Math.max(maxR, r);
      const expected = SPIRAL_TURN * r + (labels[i] === 1 ? 0 : Math.PI);
      expect(Math.abs(x1 - r * Math.sin(expected))).toBeLessThan(1e-5);
      expect(Math.abs(x2 - r * Math.cos(expected))).toBeLessThan(1e-5);
    }
    expect(maxR).toBeGreaterThan(SPIRAL_RADIUS * 0.99);
    expect(maxR).toBeLessThanOrEqual(SPIRAL_RADIUS);
  });
});
