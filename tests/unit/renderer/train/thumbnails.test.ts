// @vitest-environment happy-dom
import 'vitest-canvas-mock';
import { describe, expect, it } from 'vitest';
import type { GridValue } from '../../../../core/engine/protocol';
import { MAX_THUMBNAIL_UNITS, neuronThumbnails } from '../../../../renderer/src/components/train/thumbnails';

const grid = (units: number[]): GridValue => ({
  inputs: [0, 1], names: ['a', 'b'], resolution: 4, x: { min: 0, max: 1 }, y: { min: 0, max: 1 }, kind: 'binary', labels: ['x', 'y'],
  values: new Float32Array(16), classes: null, range: { min: 0, max: 1 },
  neurons: units.map((n, layer) => ({ layer, units: n, resolution: 3, values: new Float32Array(n * 9).map((_, i) => Math.sin(i)) })),
  points: { x: new Float32Array(0), y: new Float32Array(0), target: new Float32Array(0) },
});

describe('neuronThumbnails', () => {
  it('gives one image per hidden unit, keyed layer-unit, and none without a grid', () => {
    const urls = neuronThumbnails(grid([2, 3]));
    expect(Object.keys(urls).sort()).toEqual(['0-0', '0-1', '1-0', '1-1', '1-2']);
    for (const url of Object.values(urls)) expect(url).toMatch(/^data:image\/png/);
    expect(neuronThumbnails(null)).toEqual({});
  });

  it('stops at the units a graph draws as neurons', () => {
    expect(Object.keys(neuronThumbnails(grid([MAX_THUMBNAIL_UNITS + 10])))).toHaveLength(MAX_THUMBNAIL_UNITS);
  });
});
