/**
 * What every code exporter needs from a model file: its layers with their
 * decoded weights, and numbers written so that they read back exactly.
 */
import { float32String } from '../data/prep/columns';
import type { PreprocessingFile } from '../data/prep/file-schema';
import { unitActivationsOf } from '../nn/activations';
import type { ActivationName } from '../nn/spec';
import type { ModelFileV1 } from './format';
import { restoreWeights } from './model-file';

/** One dense layer ready to be written out: z_j = Σ_i x_i · kernel[i * units + j] + bias_j. */
export interface ExportLayer {
  readonly inputs: number;
  readonly units: number;
  /** The layer's `activation`. */
  readonly activation: ActivationName;
  /** The activation of each unit, or null when every unit uses `activation`. */
  readonly unitActivations: readonly ActivationName[] | null;
  /** Row-major [inputs × units]. */
  readonly kernel: Float32Array;
  /** [units], or null for a layer without bias. */
  readonly bias: Float32Array | null;
}

/** The file's layers with their weights, in spec order. */
export function exportLayers(file: ModelFileV1): ExportLayer[] {
  const weights = restoreWeights(file);
  let at = 0;
  let inputs = file.spec.inputs;
  return file.spec.layers.map((layer) => {
    const kernel = weights[at++]!;
    const bias = layer.useBias === false ? null : weights[at++]!;
    const perUnit = unitActivationsOf(layer);
    const mixed = perUnit.some((a) => a !== layer.activation);
    const out: ExportLayer = { inputs, units: layer.units, activation: layer.activation, unitActivations: mixed ? perUnit : null, kernel, bias };
    inputs = layer.units;
    return out;
  });
}

/** The activations a network uses anywhere, in a stable order (for emitting only the functions needed). */
export function activationsUsed(layers: readonly ExportLayer[]): ActivationName[] {
  const used = new Set<ActivationName>();
  for (const layer of layers) {
    if (layer.unitActivations) layer.unitActivations.forEach((a) => used.add(a));
    else used.add(layer.activation);
  }
  return [...used].sort();
}

/**
 * The model's preprocessing, which code exports need to read raw records.
 *
 * @throws Error `Cannot export this model as <format>: it has no preprocessing, …`
 */
export function requirePreprocessing(file: ModelFileV1, format: string): PreprocessingFile {
  if (file.preprocessing === null) {
    throw new Error(
      `Cannot export this model as ${format}: it has no preprocessing, so its inputs have no column names. ` +
        'Train it on a dataset and save it again to include the preprocessing.',
    );
  }
  return file.preprocessing;
}

/** A float32 value as the shortest decimal that reads back as the same float32 (`0.1`, not `0.10000000149011612`). */
export function float32Literal(v: number): string {
  return float32String(v);
}

/** A float64 value as a decimal that reads back exactly (JavaScript and Python both accept this form). */
export function float64Literal(v: number): string {
  return Object.is(v, -0) ? '-0.0' : String(v);
}

/**
 * Values as comma-separated float32 literals, `perLine` to a line (e.g. one
 * kernel row), each line prefixed by `indent`, so generated files stay readable.
 */
export function numberLines(values: ArrayLike<number>, indent: string, perLine = 8): string {
  const lines: string[] = [];
  for (let i = 0; i < values.length; i += perLine) {
    const chunk: string[] = [];
    for (let j = i; j < Math.min(values.length, i + perLine); j++) chunk.push(float32Literal(values[j]!));
    lines.push(`${indent}${chunk.join(', ')},`);
  }
  return lines.join('\n');
}
