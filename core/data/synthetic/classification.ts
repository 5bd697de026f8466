/**
 * Two-class 2-D datasets after TensorFlow Playground's `dataset.ts`: circle,
 * XOR, two Gaussians and two spirals. Classes are +1 (`blue`) and −1
 * (`orange`), as in Playground's colours. Each generator has an `ideal…`
 * twin: the noise-free rule the network should recover, used to draw the true
 * boundary and, in tests, to measure how many labels the noise flipped.
 */
import type { Rng } from '../../math/rng';
import { checkSyntheticArgs, shuffleRows, type ClassificationData, type SyntheticArgs } from './types';

/** Outer radius of the circle dataset; the inner class lies within half of it. */
export const CIRCLE_RADIUS = 5;
/** Half-width of the square XOR points are drawn from. */
export const XOR_HALF_WIDTH = 5;
/** Distance every XOR point keeps from the axes before noise. */
export const XOR_PADDING = 0.3;
/** Largest radius of the spiral arms. */
export const SPIRAL_RADIUS = 5;
/** Turns of angle per unit radius of the spiral arms: t = SPIRAL_TURN · r (radians). */
export const SPIRAL_TURN = (1.75 * 2 * Math.PI) / SPIRAL_RADIUS;

/** +1 inside radius 2.5 (half of CIRCLE_RADIUS), −1 outside. */
export function idealCircle(x1: number, x2: number): number {
  return Math.hypot(x1, x2) < CIRCLE_RADIUS * 0.5 ? 1 : -1;
}

/** +1 in the first and third quadrants, −1 in the others: sign(x1 · x2). */
export function idealXor(x1: number, x2: number): number {
  return x1 * x2 >= 0 ? 1 : -1;
}

/** The Bayes boundary of two equal, round Gaussians at (2, 2) and (−2, −2): sign(x1 + x2). */
export function idealGaussians(x1: number, x2: number): number {
  return x1 + x2 >= 0 ? 1 : -1;
}

/**
 * Which arm a point belongs to: arm +1 has angle t = SPIRAL_TURN · r at radius
 * r (angle measured as atan2(x1, x2)), arm −1 the same turned by π. A point is
 * given the arm whose angle at its own radius is within π/2 of its angle.
 */
export function idealSpiral(x1: number, x2: number): number {
  const r = Math.hypot(x1, x2);
  const diff = wrapAngle(Math.atan2(x1, x2) - SPIRAL_TURN * r);
  return Math.abs(diff) < Math.PI / 2 ? 1 : -1;
}

/**
 * An inner disc (+1, radius in [0, 2.5)) and an outer ring (−1, radius in
 * [3.5, 5)), ⌈n/2⌉ and ⌊n/2⌋ points. Noise moves the point at which the label
 * is read by up to ±5·noise/2 per axis, so labels near the gap flip.
 */
export function circle(args: SyntheticArgs): ClassificationData {
  checkSyntheticArgs('circle', args);
  const { samples, rng } = args;
  const p = args.noise / 2;
  const { x, labels } = allocate(samples);
  const positives = Math.ceil(samples / 2);
  for (let i = 0; i < samples; i++) {
    const r = i < positives
      ? rng.uniform(0, CIRCLE_RADIUS * 0.5)
      : rng.uniform(CIRCLE_RADIUS * 0.7, CIRCLE_RADIUS);
    const angle = rng.uniform(0, 2 * Math.PI);
    // Rounded to float32 first, so the label is read at the stored point.
    const px = Math.fround(r * Math.sin(angle)), py = Math.fround(r * Math.cos(angle));
    x[2 * i] = px; x[2 * i + 1] = py;
    labels[i] = idealCircle(px + noiseShift(rng, CIRCLE_RADIUS, p), py + noiseShift(rng, CIRCLE_RADIUS, p));
  }
  return finish(x, labels, rng);
}

/**
 * Points uniform in [−5, 5]², pushed 0.3 away from both axes, labelled
 * sign(x1 · x2) read at a point shifted by up to ±5·noise/2 per axis.
 */
export function xor(args: SyntheticArgs): ClassificationData {
  checkSyntheticArgs('xor', args);
  const { samples, rng } = args;
  const p = args.noise / 2;
  const { x, labels } = allocate(samples);
  for (let i = 0; i < samples; i++) {
    const px = Math.fround(padded(rng.uniform(-XOR_HALF_WIDTH, XOR_HALF_WIDTH)));
    const py = Math.fround(padded(rng.uniform(-XOR_HALF_WIDTH, XOR_HALF_WIDTH)));
    x[2 * i] = px; x[2 * i + 1] = py;
    labels[i] = idealXor(px + noiseShift(rng, XOR_HALF_WIDTH, p), py + noiseShift(rng, XOR_HALF_WIDTH, p));
  }
  return finish(x, labels, rng);
}

/**
 * Two round Gaussians, +1 at (2, 2) and −1 at (−2, −2), ⌈n/2⌉ and ⌊n/2⌋
 * points. Noise widens them: variance = 0.5 + 3.5 · noise (Playground's 0.5
 * to 4), so they overlap more; labels themselves are never flipped.
 */
export function gaussians(args: SyntheticArgs): ClassificationData {
  checkSyntheticArgs('gaussians', args);
  const { samples, rng } = args;
  const std = Math.sqrt(0.5 + 3.5 * args.noise);
  const { x, labels } = allocate(samples);
  const positives = Math.ceil(samples / 2);
  for (let i = 0; i < samples; i++) {
    const label = i < positives ? 1 : -1;
    x[2 * i] = 2 * label + std * rng.normal();
    x[2 * i + 1] = 2 * label + std * rng.normal();
    labels[i] = label;
  }
  return finish(x, labels, rng);
}

/**
 * Two interleaved spiral arms of 1.75 turns out to radius 5: arm +1 at angle
 * t = SPIRAL_TURN · r, arm −1 turned by π, ⌈n/2⌉ and ⌊n/2⌋ points evenly
 * spaced in radius (from half a step, so neither arm starts at the shared
 * origin). Noise moves points by up to ±noise/2 per axis.
 */
export function spiral(args: SyntheticArgs): ClassificationData {
  checkSyntheticArgs('spiral', args);
  const { samples, rng } = args;
  const p = args.noise / 2;
  const { x, labels } = allocate(samples);
  const positives = Math.ceil(samples / 2);
  const arms: readonly (readonly [number, number, number])[] = [
    [0, positives, 0], [positives, samples - positives, Math.PI],
  ];
  for (const [start, count, delta] of arms) {
    for (let k = 0; k < count; k++) {
      const r = ((k + 0.5) / count) * SPIRAL_RADIUS;
      const t = SPIRAL_TURN * r + delta;
      const i = start + k;
      x[2 * i] = r * Math.sin(t) + rng.uniform(-1, 1) * p;
      x[2 * i + 1] = r * Math.cos(t) + rng.uniform(-1, 1) * p;
      labels[i] = delta === 0 ? 1 : -1;
    }
  }
  return finish(x, labels, rng);
}

/** The angle brought into (−π, π]. */
function wrapAngle(a: number): number {
  const w = a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
  return w === -Math.PI ? Math.PI : w;
}

/** Uniform in [−scale, scale) times Playground's noise fraction. */
function noiseShift(rng: Rng, scale: number, fraction: number): number {
  return rng.uniform(-scale, scale) * fraction;
}

function padded(v: number): number {
  return v > 0 ? v + XOR_PADDING : v - XOR_PADDING;
}

function allocate(samples: number): { x: Float32Array; labels: Float32Array } {
  return { x: new Float32Array(2 * samples), labels: new Float32Array(samples) };
}

function finish(x: Float32Array, labels: Float32Array, rng: Rng): ClassificationData {
  shuffleRows(x, labels, rng);
  return { kind: 'classification', samples: labels.length, x, labels };
}
