/**
 * Colours of the decision map (pure, no DOM): TensorFlow Playground's
 * diverging scale orange (−1) → grey (0) → blue (+1) in 31 shades, clamped to
 * [−1, 1], for binary probabilities, regression values and activations; the
 * Okabe–Ito palette for classes. `paintGrid` fills RGBA pixels from the
 * engine's `predict-grid` values.
 */
import type { GridValue } from '../../../../core/engine/protocol';

export type Rgb = readonly [number, number, number];

export const NEGATIVE: Rgb = [0xf5, 0x93, 0x22];
export const ZERO: Rgb = [0xe8, 0xea, 0xeb];
export const POSITIVE: Rgb = [0x08, 0x77, 0xbd];
/** Shades of the heatmap scale (odd: 0 has its own shade). */
export const SHADES = 31;

/** Okabe–Ito: eight colours told apart with every common colour-vision deficiency. */
export const OKABE_ITO: readonly Rgb[] = [
  [0xe6, 0x9f, 0x00], [0x56, 0xb4, 0xe9], [0x00, 0x9e, 0x73], [0xf0, 0xe4, 0x42],
  [0x00, 0x72, 0xb2], [0xd5, 0x5e, 0x00], [0xcc, 0x79, 0xa7], [0x00, 0x00, 0x00],
];

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t),
];

/** A value on the diverging scale: clamped to [−1, 1] and rounded to one of 31 shades (NaN → 0). */
export function divergingRgb(value: number): Rgb {
  const t = Number.isFinite(value) ? Math.max(-1, Math.min(1, value)) : 0;
  const q = Math.round(((t + 1) / 2) * (SHADES - 1)) / ((SHADES - 1) / 2) - 1;
  return q < 0 ? mix(ZERO, NEGATIVE, -q) : mix(ZERO, POSITIVE, q);
}

/** The colour of class `k` (Okabe–Ito, repeating after eight). */
export function classRgb(k: number): Rgb {
  const n = OKABE_ITO.length;
  return OKABE_ITO[((Math.floor(k) % n) + n) % n]!;
}

/** A class's colour, paler the less sure the model is: p = 1/classes → grey, p = 1 → the full colour. */
export function classCellRgb(k: number, p: number, classes: number): Rgb {
  const floor = 1 / Math.max(2, classes);
  const sure = Number.isFinite(p) ? Math.max(0, Math.min(1, (p - floor) / (1 - floor))) : 0;
  return mix(ZERO, classRgb(k), 0.2 + 0.6 * sure);
}

export const toCss = (c: Rgb): string => `rgb(${c[0]} ${c[1]} ${c[2]})`;

/** The range over which regression values (grid and points) are spread on the diverging scale. */
export function regressionRange(grid: Pick<GridValue, 'range' | 'points'>): { min: number; max: number } {
  let min = grid.range.min;
  let max = grid.range.max;
  for (const v of grid.points.target) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return max > min ? { min, max } : { min: min - 1, max: max + 1 };
}

/** Maps a regression value into [−1, 1] over `range`. */
export const scaled = (v: number, range: { min: number; max: number }): number => (2 * (v - range.min)) / (range.max - range.min) - 1;

/**
 * +1 or −1: which end of the diverging scale p(second label) goes to. Blue (+)
 * unless the labels name the colours the other way round (e.g. Playground-style
 * data labelled "blue" / "orange"), so a class is never drawn in the other's colour.
 */
export function binarySign(labels: readonly string[] | null): 1 | -1 {
  const [a = '', b = ''] = (labels ?? []).map((l) => l.toLowerCase());
  return /orange/.test(b) || /blue/.test(a) ? -1 : 1;
}

/** The colour of a training point: its class (binary on the diverging ends) or its target value. */
export function pointRgb(grid: Pick<GridValue, 'kind' | 'range' | 'points' | 'labels'>, target: number, range = regressionRange(grid)): Rgb {
  if (grid.kind === 'binary') return (target >= 0.5) === (binarySign(grid.labels) === 1) ? POSITIVE : NEGATIVE;
  if (grid.kind === 'classes') return classRgb(target);
  return divergingRgb(scaled(target, range));
}

/** Fills `out` (RGBA, resolution² pixels, rows top to bottom) with the grid's colours. */
export function paintGrid(grid: Pick<GridValue, 'kind' | 'values' | 'classes' | 'labels' | 'range' | 'points' | 'resolution'>, out: Uint8ClampedArray): void {
  const cells = grid.resolution * grid.resolution;
  const range = grid.kind === 'regression' ? regressionRange(grid) : null;
  const classes = grid.labels?.length ?? 2;
  const sign = binarySign(grid.labels);
  for (let i = 0; i < cells; i++) {
    const v = grid.values[i]!;
    let c: Rgb;
    if (grid.kind === 'binary') c = divergingRgb(sign * (2 * v - 1));
    else if (grid.kind === 'classes') c = classCellRgb(grid.classes?.[i] ?? 0, v, classes);
    else c = divergingRgb(scaled(v, range!));
    out[i * 4] = c[0];
    out[i * 4 + 1] = c[1];
    out[i * 4 + 2] = c[2];
    out[i * 4 + 3] = 255;
  }
}

/** Fills `out` with one hidden unit's activations (`values` from `offset`), scaled by the largest |value| when above 1. */
export function paintNeuron(values: Float32Array, offset: number, resolution: number, out: Uint8ClampedArray): void {
  const cells = resolution * resolution;
  let peak = 1;
  for (let i = 0; i < cells; i++) {
    const a = Math.abs(values[offset + i]!);
    if (Number.isFinite(a) && a > peak) peak = a;
  }
  for (let i = 0; i < cells; i++) {
    const c = divergingRgb(values[offset + i]! / peak);
    out[i * 4] = c[0];
    out[i * 4 + 1] = c[1];
    out[i * 4 + 2] = c[2];
    out[i * 4 + 3] = 255;
  }
}
