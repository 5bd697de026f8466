import { describe, expect, it } from 'vitest';
import type { GridValue } from '../../../../core/engine/protocol';
import {
  NEGATIVE, OKABE_ITO, POSITIVE, SHADES, ZERO, binarySign, classRgb, divergingRgb, paintGrid, paintNeuron, pointRgb,
} from '../../../../renderer/src/components/train/colors';

const grid = (over: Partial<GridValue>): GridValue => ({
  inputs: [0, 1], names: ['x1', 'x2'], resolution: 2, x: { min: 0, max: 1 }, y: { min: 0, max: 1 }, kind: 'binary', labels: ['a', 'b'],
  values: new Float32Array([0, 0.5, 1, 0.25]), classes: null, range: { min: 0, max: 1 }, neurons: [],
  points: { x: new Float32Array(0), y: new Float32Array(0), target: new Float32Array(0) }, ...over,
});
const pixel = (out: Uint8ClampedArray, i: number): number[] => [out[i * 4]!, out[i * 4 + 1]!, out[i * 4 + 2]!];

describe('decision map colours', () => {
  it('the diverging scale is exactly orange at −1, grey at 0 and blue at +1, clamped outside', () => {
    expect(divergingRgb(-1)).toEqual([0xf5, 0x93, 0x22]);
    expect(divergingRgb(0)).toEqual([0xe8, 0xea, 0xeb]);
    expect(divergingRgb(1)).toEqual([0x08, 0x77, 0xbd]);
    expect(divergingRgb(-7)).toEqual(NEGATIVE);
    expect(divergingRgb(3)).toEqual(POSITIVE);
    expect(divergingRgb(Number.NaN)).toEqual(ZERO);
  });

  it('has 31 shades, symmetric around grey', () => {
    const seen = new Set<string>();
    for (let v = -1; v <= 1.0001; v += 0.001) seen.add(divergingRgb(v).join());
    expect(seen.size).toBe(SHADES);
    expect(divergingRgb(0.01)).toEqual(ZERO);
  });

  it('classes take the Okabe–Ito colours in order, repeating after eight', () => {
    expect(classRgb(0)).toEqual([0xe6, 0x9f, 0x00]);
    expect(classRgb(1)).toEqual([0x56, 0xb4, 0xe9]);
    expect(classRgb(2)).toEqual([0x00, 0x9e, 0x73]);
    OKABE_ITO.forEach((c, k) => expect(classRgb(k)).toBe(c));
    expect(classRgb(8)).toBe(classRgb(0));
  });

  it('binary maps p(second label) to blue, unless the labels name the colours the other way', () => {
    const out = new Uint8ClampedArray(16);
    paintGrid(grid({}), out);
    expect(pixel(out, 0)).toEqual([...NEGATIVE]);
    expect(pixel(out, 1)).toEqual([...ZERO]);
    expect(pixel(out, 2)).toEqual([...POSITIVE]);
    expect(out[3]).toBe(255);
    expect(binarySign(['blue', 'orange'])).toBe(-1);
    expect(binarySign(['no', 'yes'])).toBe(1);
    paintGrid(grid({ labels: ['blue', 'orange'] }), out);
    expect(pixel(out, 0)).toEqual([...POSITIVE]);
    expect(pointRgb(grid({ labels: ['blue', 'orange'] }), 1)).toEqual(NEGATIVE);
    expect(pointRgb(grid({}), 1)).toEqual(POSITIVE);
  });

  it('multi-class cells take their class colour, full when sure; regression spreads grid and points over the scale', () => {
    const out = new Uint8ClampedArray(16);
    paintGrid(grid({ kind: 'classes', labels: ['a', 'b', 'c'], classes: new Uint8Array([0, 1, 2, 2]), values: new Float32Array([1, 1, 1, 1 / 3]) }), out);
    expect(pixel(out, 0)).not.toEqual(pixel(out, 1));
    const sure = pixel(out, 2);
    const unsure = pixel(out, 3);
    const dist = (c: number[]) => Math.hypot(c[0]! - ZERO[0], c[1]! - ZERO[1], c[2]! - ZERO[2]);
    expect(dist(sure)).toBeGreaterThan(dist(unsure));
    const r = grid({ kind: 'regression', labels: null, values: new Float32Array([0, 5, 10, 5]), range: { min: 0, max: 10 } });
    paintGrid(r, out);
    expect([pixel(out, 0), pixel(out, 1), pixel(out, 2)]).toEqual([[...NEGATIVE], [...ZERO], [...POSITIVE]]);
    expect(pointRgb(r, 10)).toEqual(POSITIVE);
  });

  it('neuron thumbnails scale by the largest |activation| above 1', () => {
    const out = new Uint8ClampedArray(16);
    paintNeuron(new Float32Array([9, -4, 4, 0, 0]), 1, 2, out);
    expect(pixel(out, 0)).toEqual([...NEGATIVE]);
    expect(pixel(out, 1)).toEqual([...POSITIVE]);
    expect(pixel(out, 2)).toEqual([...ZERO]);
  });
});
