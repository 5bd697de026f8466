/**
 * Real-valued 2-D datasets after TensorFlow Playground's `dataset.ts`: a
 * tilted plane and six signed Gaussian bumps. Points are uniform in [−6, 6]²;
 * noise moves the point at which the target is read by up to ±6·noise/2 per
 * axis, so the stored target disagrees with the `ideal…` value at the point.
 */
import { checkSyntheticArgs, type RegressionData, type SyntheticArgs } from './types';

/** Half-width of the square the regression points are drawn from. */
export const REGRESSION_HALF_WIDTH = 6;

/** Centres (cx, cy) and signs of the six bumps of the multi-Gaussian surface. */
export const MULTI_GAUSSIAN_BUMPS: readonly (readonly [number, number, number])[] = [
  [-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1],
  [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1],
];

/** The plane target = (x1 + x2) / 10: −1.2 to 1.2 over the square. */
export function idealPlane(x1: number, x2: number): number {
  return (x1 + x2) / 10;
}

/**
 * The multi-Gaussian surface: each bump contributes sign · max(0, 1 − d/2),
 * d the distance to its centre, and the bump largest in absolute value wins.
 * Values lie in [−1, 1]; 0 farther than 2 from every centre.
 */
export function idealMultiGaussian(x1: number, x2: number): number {
  let best = 0;
  for (const [cx, cy, sign] of MULTI_GAUSSIAN_BUMPS) {
    const v = sign * Math.max(0, 1 - Math.hypot(x1 - cx, x2 - cy) / 2);
    if (Math.abs(v) > Math.abs(best)) best = v;
  }
  return best;
}

/** Points on the plane target = (x1 + x2) / 10. */
export function plane(args: SyntheticArgs): RegressionData {
  checkSyntheticArgs('plane', args);
  return sampleSurface(args, idealPlane);
}

/** Points on six signed Gaussian-like bumps (see idealMultiGaussian). */
export function multiGaussian(args: SyntheticArgs): RegressionData {
  checkSyntheticArgs('multi-gaussian', args);
  return sampleSurface(args, idealMultiGaussian);
}

function sampleSurface(args: SyntheticArgs, surface: (x1: number, x2: number) => number): RegressionData {
  const { samples, rng } = args;
  const p = args.noise / 2;
  const h = REGRESSION_HALF_WIDTH;
  const x = new Float32Array(2 * samples);
  const targets = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    const px = Math.fround(rng.uniform(-h, h)), py = Math.fround(rng.uniform(-h, h));
    x[2 * i] = px; x[2 * i + 1] = py;
    targets[i] = surface(px + rng.uniform(-h, h) * p, py + rng.uniform(-h, h) * p);
  }
  return { kind: 'regression', samples, x, targets };
}
