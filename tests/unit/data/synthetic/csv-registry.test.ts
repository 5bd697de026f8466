import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../core/math/rng';
import {
  SYNTHETIC_CSV_HEADER,
  SYNTHETIC_DATASETS,
  SYNTHETIC_DATASET_IDS,
  findSyntheticDataset,
  syntheticCsvFile,
  syntheticToCsv,
} from '../../../../core/data/synthetic';

describe('synthetic dataset registry', () => {
  it('lists each id once, in the order of SYNTHETIC_DATASET_IDS, with a title', () => {
    expect(SYNTHETIC_DATASETS.map((d) => d.id)).toEqual([...SYNTHETIC_DATASET_IDS]);
    for (const d of SYNTHETIC_DATASETS) expect(d.title.length).toBeGreaterThan(0);
  });

  it.each([
    ['circle', 'classification'], ['xor', 'classification'], ['gaussians', 'classification'],
    ['spiral', 'classification'], ['plane', 'regression'], ['multi-gaussian', 'regression'],
  ])('%s is a %s dataset whose generator returns that kind', (id, kind) => {
    const entry = findSyntheticDataset(id);
    expect(entry?.kind).toBe(kind);
    expect(entry?.generate({ samples: 4, noise: 0, rng: createRng(1) }).kind).toBe(kind);
  });

  it('finds nothing for an unknown id', () => {
    expect(findSyntheticDataset('moons')).toBeUndefined();
  });
});

describe('synthetic datasets as CSV', () => {
  it.each(SYNTHETIC_DATASETS.map((d) => [d.id, d] as const))(
    '%s: header x1,x2,label, one row per point, values within the written precision',
    (_id, entry) => {
      const data = entry.generate({ samples: 50, noise: 0.3, rng: createRng(3) });
      const text = syntheticToCsv(data);
      expect(text.endsWith('\n')).toBe(true);
      const lines = text.slice(0, -1).split('\n');
      expect(lines[0]).toBe(SYNTHETIC_CSV_HEADER);
      expect(lines).toHaveLength(51);
      lines.slice(1).forEach((line, i) => {
        const [x1, x2, label, ...rest] = line.split(',');
        expect(rest).toEqual([]);
        expect(Math.abs(Number(x1) - data.x[2 * i]!)).toBeLessThanOrEqual(5e-5);
        expect(Math.abs(Number(x2) - data.x[2 * i + 1]!)).toBeLessThanOrEqual(5e-5);
        if (data.kind === 'classification') expect(label).toBe(data.labels[i] === 1 ? 'blue' : 'orange');
        else expect(Math.abs(Number(label) - data.targets[i]!)).toBeLessThanOrEqual(5e-5);
      });
    },
  );

  it('writes no "-0" and no exponent notation', () => {
    const text = syntheticToCsv({
      kind: 'regression', samples: 2,
      x: new Float32Array([-0, -0.00001, 1e-7, 3]), targets: new Float32Array([-0.00004, 0.5]),
    });
    expect(text).toBe('x1,x2,label\n0,0,0\n0,3,0.5\n');
  });

  it('names the file after the id and gives the same text for the same seed', () => {
    const a = syntheticCsvFile('spiral', { samples: 20, noise: 0.1, rng: createRng(5) });
    const b = syntheticCsvFile('spiral', { samples: 20, noise: 0.1, rng: createRng(5) });
    expect(a.name).toBe('spiral.csv');
    expect(b.text).toBe(a.text);
  });

  it('rejects an unknown id, listing the known ones', () => {
    expect(() => syntheticCsvFile('moons', { samples: 1, noise: 0, rng: createRng(1) })).toThrow(
      new RangeError('unknown synthetic dataset "moons": expected one of circle, xor, gaussians, spiral, plane, multi-gaussian'),
    );
  });
});
