/**
 * Export in the TensorFlow.js layers format: `model.json` (a Sequential
 * model of Dense layers plus a weights manifest) and `weights.bin`, loadable
 * with `tf.loadLayersModel('…/model.json')`.
 *
 * The TF.js model holds the network only. It takes the *preprocessed* input
 * vector (scaled numbers, missing indicators, one-hot blocks, in the order of
 * `preprocessing.featureNames`) and returns the network's raw outputs
 * (probabilities, or standardized regression values). The preprocessing stays
 * in our model file and in the JavaScript and Python exports.
 */
import type { ActivationName } from '../nn/spec';
import { exportLayers, type ExportLayer } from './export-common';
import type { ModelFileV1 } from './format';

/** The name `weights.bin` is listed under in the manifest. */
export const TFJS_WEIGHTS_FILE = 'weights.bin';

/** One entry of a weights manifest, as TF.js reads it. */
export interface TfjsWeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

/** A Keras-style layer in `modelTopology`. */
export interface TfjsLayerJson {
  class_name: 'Dense' | 'LeakyReLU';
  config: Record<string, string | number | boolean | null | (number | null)[]>;
}

/** The `model.json` of the layers format. */
export interface TfjsModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: {
    class_name: 'Sequential';
    config: { name: string; layers: TfjsLayerJson[] };
    keras_version: string;
    backend: 'tensor_flow.js';
  };
  weightsManifest: { paths: string[]; weights: TfjsWeightSpec[] }[];
  /** What the input and output columns mean, since the preprocessing is not in the model (absent without preprocessing). */
  userDefinedMetadata?: { note: string; featureNames: string[]; outputNames: string[] };
}

/** Both files of a TF.js layers model. */
export interface TfjsExport {
  modelJson: TfjsModelJson;
  /** float32 little-endian values of every weight, in manifest order. */
  weightsBin: Uint8Array;
}

/** Stored in model.json, where a reader of the file will look. */
export const PREPROCESSING_NOTE =
  'Inputs are preprocessed (scaled, imputed, one-hot encoded) in the order of featureNames; outputs are raw network outputs ' +
  '(class probabilities, or regression targets standardized as (y - mean) / std). The preprocessing is in the Backprop Studio model file.';

/** TF.js's activation identifier for each of ours; leaky ReLU becomes a `LeakyReLU` layer after a linear Dense one. */
const TFJS_ACTIVATION: Readonly<Record<ActivationName, string>> = {
  linear: 'linear', sigmoid: 'sigmoid', tanh: 'tanh', relu: 'relu', 'leaky-relu': 'linear', elu: 'elu', softmax: 'softmax',
};

/**
 * Builds model.json and weights.bin. Works without preprocessing (the TF.js
 * model never contains it).
 *
 * @throws Error for a layer with per-unit activations, which a Dense layer cannot express.
 */
export function exportTfjs(file: ModelFileV1): TfjsExport {
  const layers = exportLayers(file);
  layers.forEach((layer, i) => {
    if (layer.unitActivations === null) return;
    throw new Error(
      `Cannot export this model as TensorFlow.js: layer ${i + 1} of ${layers.length} has a different activation per unit ` +
        `(${layer.unitActivations.join(', ')}), which a TensorFlow.js Dense layer cannot express. ` +
        'Give every unit of the layer the same activation, or export as JavaScript or Python instead.',
    );
  });
  const topology: TfjsLayerJson[] = [];
  const specs: TfjsWeightSpec[] = [];
  const tensors: Float32Array[] = [];
  layers.forEach((layer, i) => {
    const name = `dense_${i}`;
    topology.push(denseJson(layer, name, i === 0));
    specs.push({ name: `${name}/kernel`, shape: [layer.inputs, layer.units], dtype: 'float32' });
    tensors.push(layer.kernel);
    if (layer.bias) {
      specs.push({ name: `${name}/bias`, shape: [layer.units], dtype: 'float32' });
      tensors.push(layer.bias);
    }
    if (layer.activation === 'leaky-relu') {
      // Our leaky ReLU's α is 0.01 (`LEAKY_RELU_ALPHA`); TF.js's default would be 0.3.
      topology.push({ class_name: 'LeakyReLU', config: { name: `leaky_re_lu_${i}`, trainable: false, dtype: 'float32', alpha: 0.01 } });
    }
  });
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: `Backprop Studio ${file.engineVersion}`,
      convertedBy: null,
      modelTopology: {
        class_name: 'Sequential',
        config: { name: 'backprop_studio', layers: topology },
        keras_version: 'tfjs-layers 4.22.0',
        backend: 'tensor_flow.js',
      },
      weightsManifest: [{ paths: [TFJS_WEIGHTS_FILE], weights: specs }],
      ...(file.preprocessing
        ? {
            userDefinedMetadata: {
              note: PREPROCESSING_NOTE,
              featureNames: [...file.preprocessing.featureNames],
              outputNames: [...file.preprocessing.outputNames],
            },
          }
        : {}),
    },
    weightsBin: littleEndianFloat32(tensors),
  };
}

function denseJson(layer: ExportLayer, name: string, first: boolean): TfjsLayerJson {
  return {
    class_name: 'Dense',
    config: {
      name,
      trainable: true,
      dtype: 'float32',
      ...(first ? { batch_input_shape: [null, layer.inputs] } : {}),
      units: layer.units,
      activation: TFJS_ACTIVATION[layer.activation],
      use_bias: layer.bias !== null,
    },
  };
}

/** The values of every tensor, concatenated as float32 little-endian (whatever the platform's byte order). */
function littleEndianFloat32(tensors: readonly Float32Array[]): Uint8Array {
  const total = tensors.reduce((n, t) => n + t.length, 0);
  const bytes = new Uint8Array(total * 4);
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (const t of tensors) {
    for (const v of t) {
      view.setFloat32(at, v, true);
      at += 4;
    }
  }
  return bytes;
}
