import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { pipelineFromFile } from '../../../core/data/prep/pipeline';
import { transformRaw } from '../../../core/data/prep/transform';
import { createRng } from '../../../core/math/rng';
import type { ModelFileV1 } from '../../../core/model-io/format';
import { exportTfjs } from '../../../core/model-io/export-tfjs';
import { restoreWeights } from '../../../core/model-io/model-file';
import { createModel } from '../../../core/nn/model';
import { exportCase, maxAbsDiff, type ExportCaseName } from '../../fixtures/export/models';

/** Loads the export the way TF.js loads files, from memory, and predicts the preprocessed rows with both. */
async function compare(file: ModelFileV1, records: Parameters<typeof transformRaw>[1]): Promise<{ diff: number; outputs: number }> {
  const { modelJson, weightsBin } = exportTfjs(file);
  // Through JSON text and a fresh buffer, as model.json and weights.bin would be read.
  const json = JSON.parse(JSON.stringify(modelJson)) as typeof modelJson;
  const tfModel = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0]!.weights,
      weightData: weightsBin.slice().buffer,
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy,
      ...(json.userDefinedMetadata ? { userDefinedMetadata: json.userDefinedMetadata } : {}),
    }),
  );
  const { x } = transformRaw(pipelineFromFile(file.preprocessing), records);
  const ours = createModel(file.spec, { rng: createRng(1) });
  ours.setWeights(restoreWeights(file));
  const want = ours.predict(x);
  const input = tf.tensor2d(x.data, [x.rows, x.cols]);
  const output = tfModel.predict(input) as tf.Tensor;
  const got = await output.data();
  tf.dispose([input, output]);
  tfModel.dispose();
  return { diff: maxAbsDiff(got, want.data), outputs: got.length };
}

describe('exportTfjs', () => {
  it.each<ExportCaseName>(['multiclass', 'binary'])('%s: TF.js loads it and predicts the preprocessed rows as our model does (≤ 1e-5)', async (name) => {
    const c = await exportCase(name);
    const { diff, outputs } = await compare(c.file, c.records);
    expect(outputs).toBe(c.records.length * c.file.spec.layers.at(-1)!.units);
    expect(diff).toBeLessThanOrEqual(1e-5);
  });

  it('a layer without bias and a regression output: same values (≤ 1e-5)', async () => {
    const c = await exportCase('regression');
    const layers = c.file.spec.layers.map((l) => ({ units: l.units, activation: l.activation, ...(l.useBias === false ? { useBias: false } : {}) }));
    const file = { ...c.file, spec: { ...c.file.spec, layers: [{ ...layers[0]!, activation: 'tanh' as const }, layers[1]!] } };
    const { diff } = await compare(file, c.records);
    expect(diff).toBeLessThanOrEqual(1e-5);
  });

  it('writes leaky ReLU as a linear Dense layer and a LeakyReLU layer with α = 0.01, and lists weights.bin with every tensor', async () => {
    const c = await exportCase('multiclass');
    const { modelJson, weightsBin } = exportTfjs(c.file);
    const layers = modelJson.modelTopology.config.layers;
    expect(layers.map((l) => `${l.class_name}:${String(l.config['activation'] ?? l.config['alpha'])}`)).toEqual([
      'Dense:tanh', 'Dense:relu', 'Dense:elu', 'Dense:linear', 'LeakyReLU:0.01', 'Dense:softmax',
    ]);
    const manifest = modelJson.weightsManifest[0]!;
    expect(manifest.paths).toEqual(['weights.bin']);
    expect(manifest.weights.map((w) => w.name)).toEqual(c.file.weights.map((w) => w.name));
    expect(manifest.weights.map((w) => w.shape)).toEqual(c.file.weights.map((w) => w.shape));
    expect(weightsBin.length).toBe(4 * restoreWeights(c.file).reduce((n, w) => n + w.length, 0));
    expect(modelJson.userDefinedMetadata?.featureNames).toEqual(c.file.preprocessing!.featureNames);
    expect(modelJson.userDefinedMetadata?.outputNames).toEqual(c.file.preprocessing!.outputNames);
    expect(modelJson.userDefinedMetadata?.outputNames).toHaveLength(3);
    expect(exportTfjs({ ...c.file, preprocessing: null }).modelJson.userDefinedMetadata).toBeUndefined();
  });

  it('refuses per-unit activations with the user\'s message', async () => {
    const c = await exportCase('regression');
    expect(() => exportTfjs(c.file)).toThrow(
      new Error(
        'Cannot export this model as TensorFlow.js: layer 1 of 2 has a different activation per unit (sigmoid, tanh, linear), ' +
          'which a TensorFlow.js Dense layer cannot express. Give every unit of the layer the same activation, or export as JavaScript or Python instead.',
      ),
    );
  });
});
