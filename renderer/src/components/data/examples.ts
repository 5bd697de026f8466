/**
 * The datasets the empty Data view offers: the shipped real examples (bundled
 * as text) and the Playground-style synthetic 2-D datasets, generated with a
 * fixed seed so everyone gets the same points.
 */
import irisText from '../../../../examples/iris.csv?raw';
import penguinsText from '../../../../examples/penguins.csv?raw';
import { SYNTHETIC_DATASETS, syntheticCsvFile, type SyntheticDatasetId } from '../../../../core/data/synthetic';
import { createRng } from '../../../../core/math/rng';
import type { DatasetChoice } from '../../host/studio-host';

/** Points per synthetic dataset (Playground's default is 500). */
export const SYNTHETIC_SAMPLES = 500;
/** Noise of the synthetic datasets, in [0, 1]. */
export const SYNTHETIC_NOISE = 0.1;
export const SYNTHETIC_SEED = 1;

/** One example in the picker; `id` is also its message key under `data.examples`. */
export interface DatasetExample {
  id: 'iris' | 'penguins' | SyntheticDatasetId;
  group: 'real' | 'playground';
  rows: number;
  /** Builds the choice (synthetic data is generated only when picked). */
  choice(): DatasetChoice;
}

const textChoice = (name: string, text: string): DatasetChoice => ({ name, size: text.length, source: { kind: 'text', name, text } });
const dataRows = (text: string): number => text.trimEnd().split('\n').length - 1;

export const DATASET_EXAMPLES: readonly DatasetExample[] = [
  { id: 'iris', group: 'real', rows: dataRows(irisText), choice: () => textChoice('iris.csv', irisText) },
  { id: 'penguins', group: 'real', rows: dataRows(penguinsText), choice: () => textChoice('penguins.csv', penguinsText) },
  ...SYNTHETIC_DATASETS.map((d): DatasetExample => ({
    id: d.id,
    group: 'playground',
    rows: SYNTHETIC_SAMPLES,
    choice: () => {
      const file = syntheticCsvFile(d.id, { samples: SYNTHETIC_SAMPLES, noise: SYNTHETIC_NOISE, rng: createRng(SYNTHETIC_SEED) });
      return textChoice(file.name, file.text);
    },
  })),
];
