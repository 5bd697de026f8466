/**
 * Weight tensors by name and shape, and their conversion to and from the file.
 *
 * Layer i (0-based) of a spec owns `dense_i/kernel`, shape [inputs_i, units_i]
 * row-major (w[r * units + c] connects input r to unit c), and, unless
 * `useBias === false`, `dense_i/bias`, shape [units_i]. inputs_0 = spec.inputs
 * and inputs_i = units_(i-1). The order of `expectedWeightTensors` is the order
 * of `Model.getWeights()`: [w0, b0?, w1, b1?, ...].
 */
import type { NetworkSpec } from '../nn/spec';
import { base64ToFloat32, float32ToBase64 } from './base64';
import { fail, type ModelFileResult } from './errors';
import type { WeightTensorFile } from './format';

/** A tensor the spec calls for, with the layer it belongs to. */
export interface ExpectedTensor {
  name: string;
  shape: [number] | [number, number];
  layer: number;
  role: 'kernel' | 'bias';
}

/** The tensors a spec needs, in `Model.getWeights()` order. */
export function expectedWeightTensors(spec: NetworkSpec): ExpectedTensor[] {
  const tensors: ExpectedTensor[] = [];
  let inputs = spec.inputs;
  spec.layers.forEach((layer, i) => {
    tensors.push({ name: `dense_${i}/kernel`, shape: [inputs, layer.units], layer: i, role: 'kernel' });
    if (layer.useBias !== false) tensors.push({ name: `dense_${i}/bias`, shape: [layer.units], layer: i, role: 'bias' });
    inputs = layer.units;
  });
  return tensors;
}

const formatShape = (shape: readonly number[]): string => `[${shape.join(', ')}]`;
const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * Encodes weights in `getWeights()` order as named file tensors.
 * @throws Error when the arrays do not fit the spec (a programming error, not bad user input).
 */
export function encodeWeights(spec: NetworkSpec, weights: readonly Float32Array[]): WeightTensorFile[] {
  const expected = expectedWeightTensors(spec);
  if (weights.length !== expected.length) {
    throw new Error(`The spec needs ${expected.length} weight arrays (${expected.map((t) => t.name).join(', ')}), got ${weights.length}.`);
  }
  return expected.map((tensor, i) => {
    const values = weights[i]!;
    const size = sizeOf(tensor.shape);
    if (values.length !== size) {
      throw new Error(`${tensor.name} has ${values.length} values, its shape ${formatShape(tensor.shape)} needs ${size}.`);
    }
    return { name: tensor.name, shape: [...tensor.shape], dtype: 'float32', data: float32ToBase64(values) };
  });
}

/**
 * Checks the file's tensors against the spec and decodes them into
 * `getWeights()` order. Tensors are matched by name, so their order in the
 * file does not matter. Never throws.
 */
export function decodeWeights(spec: NetworkSpec, tensors: readonly WeightTensorFile[]): ModelFileResult<Float32Array[]> {
  const expected = expectedWeightTensors(spec);
  const wanted = new Map(expected.map((t) => [t.name, t]));
  const byName = new Map<string, { tensor: WeightTensorFile; index: number }>();
  for (const [index, tensor] of tensors.entries()) {
    const earlier = byName.get(tensor.name);
    if (earlier !== undefined) {
      return fail('duplicate-weight', `The model file has two weight tensors named ${tensor.name} (weights[${earlier.index}] and weights[${index}]).`);
    }
    if (!wanted.has(tensor.name)) return fail('unexpected-weight', unexpectedMessage(spec, expected, tensor.name, index));
    byName.set(tensor.name, { tensor, index });
  }

  const out: Float32Array[] = [];
  for (const want of expected) {
    const found = byName.get(want.name);
    if (found === undefined) {
      return fail('missing-weight', `The model file has no weight tensor ${want.name}; layer ${want.layer} of the spec needs one of shape ${formatShape(want.shape)}.`);
    }
    const { tensor } = found;
    if (formatShape(tensor.shape) !== formatShape(want.shape)) {
      return fail('weight-shape-mismatch', `${want.name} has shape ${formatShape(tensor.shape)}, but the spec needs ${formatShape(want.shape)} (${layerSummary(want)}).`);
    }
    const decoded = base64ToFloat32(tensor.data);
    if (!decoded.ok) return fail('invalid-weight-data', `The data of ${want.name} is ${decoded.message}.`);
    const values = decoded.values;
    const size = sizeOf(want.shape);
    if (values.length !== size) {
      return fail('weight-data-length', `${want.name} has ${values.length} value${values.length === 1 ? '' : 's'}, its shape ${formatShape(want.shape)} needs ${size}.`);
    }
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) return fail('non-finite-weight', nonFiniteMessage(want, bad, values[bad]!));
    out.push(values);
  }
  return { ok: true, value: out };
}

function layerSummary(t: ExpectedTensor): string {
  const [rows, cols] = t.shape;
  return t.role === 'kernel' ? `layer ${t.layer}: ${rows} inputs, ${cols} units` : `layer ${t.layer}: ${rows} units`;
}

function unexpectedMessage(spec: NetworkSpec, expected: readonly ExpectedTensor[], name: string, index: number): string {
  const start = `The model file has a weight tensor ${name} (weights[${index}]) that the spec does not use`;
  const bias = /^dense_(\d+)\/bias$/.exec(name);
  const layer = bias ? Number(bias[1]) : -1;
  if (spec.layers[layer]?.useBias === false) return `${start}: layer ${layer} has "useBias": false.`;
  return `${start}; it expects ${expected.map((t) => t.name).join(', ')}.`;
}

function nonFiniteMessage(t: ExpectedTensor, index: number, value: number): string {
  const cols = t.shape[1];
  const where = t.role === 'kernel' && cols !== undefined ? ` (row ${Math.floor(index / cols)}, column ${index % cols})` : '';
  return `${t.name} has a non-finite value (${value}) at index ${index}${where}; weights must be finite numbers.`;
}
