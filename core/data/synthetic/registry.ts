/**
 * The synthetic datasets the studio offers, by id, for the Data view's
 * example picker and for tests.
 */
import { circle, gaussians, idealCircle, idealGaussians, idealSpiral, idealXor, spiral, xor } from './classification';
import { syntheticToCsv } from './csv';
import { idealMultiGaussian, idealPlane, multiGaussian, plane } from './regression';
import type { ClassificationGenerator, RegressionGenerator, SyntheticArgs } from './types';

/** Ids of the synthetic datasets. */
export const SYNTHETIC_DATASET_IDS = ['circle', 'xor', 'gaussians', 'spiral', 'plane', 'multi-gaussian'] as const;
export type SyntheticDatasetId = (typeof SYNTHETIC_DATASET_IDS)[number];

interface SyntheticDatasetCommon {
  readonly id: SyntheticDatasetId;
  /** Name shown in the picker (English). */
  readonly title: string;
  /** The noise-free label or target at a point, for drawing the true pattern. */
  readonly ideal: (x1: number, x2: number) => number;
}

/** One registry entry; `kind` tells which generator type it holds. */
export type SyntheticDataset =
  | (SyntheticDatasetCommon & { readonly kind: 'classification'; readonly generate: ClassificationGenerator })
  | (SyntheticDatasetCommon & { readonly kind: 'regression'; readonly generate: RegressionGenerator });

/** Every synthetic dataset, in picker order (Playground's order). */
export const SYNTHETIC_DATASETS: readonly SyntheticDataset[] = Object.freeze([
  { id: 'circle', title: 'Circle', kind: 'classification', generate: circle, ideal: idealCircle },
  { id: 'xor', title: 'Exclusive or', kind: 'classification', generate: xor, ideal: idealXor },
  { id: 'gaussians', title: 'Two Gaussians', kind: 'classification', generate: gaussians, ideal: idealGaussians },
  { id: 'spiral', title: 'Spiral', kind: 'classification', generate: spiral, ideal: idealSpiral },
  { id: 'plane', title: 'Plane', kind: 'regression', generate: plane, ideal: idealPlane },
  { id: 'multi-gaussian', title: 'Multi-Gaussian', kind: 'regression', generate: multiGaussian, ideal: idealMultiGaussian },
] satisfies SyntheticDataset[]);

/** The entry with this id, or undefined for an unknown id. */
export function findSyntheticDataset(id: string): SyntheticDataset | undefined {
  return SYNTHETIC_DATASETS.find((d) => d.id === id);
}

/**
 * Generates dataset `id` and returns it as CSV text with a file name
 * (`circle.csv`, ...) to pass to the import. Throws a RangeError naming the
 * known ids when `id` is unknown.
 */
export function syntheticCsvFile(id: string, args: SyntheticArgs): { name: string; text: string } {
  const entry = findSyntheticDataset(id);
  if (!entry) {
    throw new RangeError(`unknown synthetic dataset "${id}": expected one of ${SYNTHETIC_DATASET_IDS.join(', ')}`);
  }
  return { name: `${entry.id}.csv`, text: syntheticToCsv(entry.generate(args)) };
}
