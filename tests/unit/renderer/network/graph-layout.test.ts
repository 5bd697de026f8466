import { describe, expect, it } from 'vitest';
import type { WeightsValue } from '../../../../core/engine/protocol';
import { MAX_LINKS, layoutGraph, weightColor, weightWidth } from '../../../../renderer/src/network/graph-layout';

describe('weight scale (UX.md)', () => {
  it.each([[-1, '#f59322'], [-3, '#f59322'], [0, '#e8eaeb'], [1, '#0877bd'], [7, '#0877bd']])('colour of %s is %s', (w, c) => {
    expect(weightColor(w)).toBe(c);
  });

  it('halfway is the mean of grey and the end colour', () => {
    expect(weightColor(0.5)).toBe('#78b1d4');
    expect(weightColor(-0.5)).toBe('#efbf87');
  });

  it.each([[0, 1], [2.5, 5.5], [-5, 10], [12, 10]])('width of %s is %s px', (w, px) => {
    expect(weightWidth(w)).toBeCloseTo(px, 10);
  });
});

describe('layoutGraph', () => {
  const weights: WeightsValue = {
    layers: [
      { inputs: 2, units: 3, w: [0.1, -0.2, 0.3, -0.4, 0.5, -0.6], b: [0, 0, 0] },
      { inputs: 3, units: 1, w: [1, 2, 3], b: null },
    ],
  };

  it('one link per weight with its value (row-major inputs × units)', () => {
    const g = layoutGraph([2, 3, 1], weights);
    expect(g.columns.map((c) => c.nodes.length)).toEqual([2, 3, 1]);
    expect(g.links).toHaveLength(2 * 3 + 3);
    expect(g.links.find((l) => l.layer === 0 && l.from === 1 && l.to === 2)?.w).toBe(-0.6);
    expect(g.links.find((l) => l.layer === 1 && l.from === 2 && l.to === 0)?.w).toBe(3);
  });

  it('weights of another shape are not used', () => {
    expect(layoutGraph([2, 4, 1], weights).links.every((l) => l.layer === 1 || l.w === null)).toBe(true);
  });

  it('a wide layer collapses into a block joined by bands', () => {
    const g = layoutGraph([3, 64, 2], null);
    expect(g.columns[1]?.collapsed).toBe(true);
    expect(g.columns[1]?.nodes).toEqual([]);
    expect(g.links.filter((l) => l.from === null)).toHaveLength(3 + 2);
  });

  it(`draws at most ${MAX_LINKS} links per layer, the strongest`, () => {
    const inputs = 60, units = 12;
    const w = Array.from({ length: inputs * units }, (_, i) => i / 1000);
    const g = layoutGraph([inputs, units], { layers: [{ inputs, units, w, b: null }] });
    expect(g.links).toHaveLength(MAX_LINKS);
    expect(g.capped).toEqual([{ layer: 0, drawn: MAX_LINKS, total: 720 }]);
    expect(Math.min(...g.links.map((l) => l.w ?? 0))).toBeCloseTo(120 / 1000, 10);
  });
});

describe('activationGlyph', () => {
  it('draws each activation as its own curve: ReLU flat then rising, sigmoid and tanh symmetric, softmax as bars', async () => {
    const { activationGlyph } = await import('../../../../renderer/src/network/graph-layout');
    const points = (d: string) => d.slice(1).split('L').map((p) => p.split(',').map(Number) as [number, number]);
    const relu = points(activationGlyph('relu'));
    expect(relu).toHaveLength(13);
    // Flat left of zero (y is down in SVG: equal y), rising to the right (y decreasing).
    expect(relu[0]![1]).toBe(relu[5]![1]);
    expect(relu[12]![1]).toBeLessThan(relu[6]![1]);
    const sigmoid = points(activationGlyph('sigmoid'));
    expect(sigmoid[0]![1]).toBeCloseTo(-sigmoid[12]![1], 6);
    expect(activationGlyph('softmax')).toMatch(/^M-6 4V/);
    expect(activationGlyph('unknown')).toBe(activationGlyph('linear'));
  });
});
