/**
 * ONNX export: one graph from the raw input vector to what the user wants —
 * class probabilities, or regression values in the target's units.
 *
 * Input `input`, float32 [N, R]: one slot per numeric input column (its raw
 * value; NaN when missing) and, for each categorical input, one 0/1 slot per
 * training category, in the preprocessing's column order
 * (`onnxInputNames` lists them). Inside the graph: missing values are filled
 * (Where(IsNaN)), scaled ((x − center) / scale), missing-value indicators
 * added, then the dense layers (MatMul, Add, activation; a layer with
 * per-unit activations sums each activation masked to its units), then the
 * head: probabilities for classification (a single sigmoid output becomes
 * [1 − p, p]), or y·std + mean for regression. Opset 13, IR version 8.
 */
import onnxProto from 'onnx-proto';
import type { PreprocessingFile } from '../data/prep/file-schema';
import type { ActivationName } from '../nn/spec';
import { ENGINE_VERSION } from '../version';
import { exportLayers, requirePreprocessing } from './export-common';
import type { ModelFileV1 } from './format';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

/** The names of the input vector's slots, in order: `age`, `color=red`, ... */
export function onnxInputNames(pre: PreprocessingFile): string[] {
  return pre.inputs.flatMap((e) => (e.kind === 'numeric' ? [e.column] : e.categories.map((c) => `${e.column}=${c}`)));
}

/** The ONNX model as bytes (a `.onnx` file). */
export function exportOnnx(file: ModelFileV1): Uint8Array {
  const pre = requirePreprocessing(file, 'ONNX');
  const g = new GraphBuilder();
  let h = inputStage(g, pre);
  exportLayers(file).forEach((layer, l) => {
    const w = g.constant(`dense_${l}/kernel`, [layer.inputs, layer.units], layer.kernel);
    let z = g.node('MatMul', [h, w]);
    if (layer.bias) z = g.node('Add', [z, g.constant(`dense_${l}/bias`, [layer.units], layer.bias)]);
    if (layer.unitActivations === null) {
      h = activation(g, layer.activation, z);
    } else {
      // Σ_a mask_a ⊙ g_a(z): each unit keeps the activation it was given.
      const kinds = [...new Set(layer.unitActivations)];
      const parts = kinds.map((kind) => {
        const mask = Float32Array.from(layer.unitActivations!, (a) => (a === kind ? 1 : 0));
        return g.node('Mul', [activation(g, kind, z), g.constant(`dense_${l}/mask_${kind}`, [layer.units], mask)]);
      });
      h = parts.reduce((sum, part) => g.node('Add', [sum, part]));
    }
  });
  const output = headStage(g, pre, h);
  const graph = onnx.GraphProto.create({
    name: 'backprop_studio',
    node: g.nodes,
    initializer: g.initializers,
    input: [valueInfo('input', onnxInputNames(pre).length)],
    output: [valueInfo(output.name, output.width)],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'Backprop Studio',
    producerVersion: ENGINE_VERSION,
    graph,
    metadataProps: [
      { key: 'inputs', value: JSON.stringify(onnxInputNames(pre)) },
      { key: 'outputs', value: JSON.stringify(outputNames(pre)) },
      { key: 'task', value: pre.task },
    ],
  });
  return onnx.ModelProto.encode(model).finish();
}

/** The output's column names: class labels, or regression target columns. */
function outputNames(pre: PreprocessingFile): string[] {
  return pre.target.kind === 'classes' ? pre.target.labels : pre.target.columns.map((c) => c.column);
}

/** Raw slots → the network's x: fill missing, scale, add indicators, in the preprocessing's feature order. */
function inputStage(g: GraphBuilder, pre: PreprocessingFile): string {
  const fill: number[] = [], center: number[] = [], scale: number[] = [];
  const order: number[] = [];
  const width = onnxInputNames(pre).length;
  let slot = 0;
  for (const e of pre.inputs) {
    if (e.kind === 'numeric') {
      fill.push(e.fill); center.push(e.center); scale.push(e.scale);
      order.push(slot);
      // indicator columns come from the second half of [scaled, missing]
      if (e.indicator) order.push(width + slot);
      slot++;
    } else {
      for (let k = 0; k < e.categories.length; k++) {
        fill.push(0); center.push(0); scale.push(1);
        order.push(slot++);
      }
    }
  }
  const missing = g.node('IsNaN', ['input']);
  const filled = g.node('Where', [missing, g.constant('prep/fill', [width], Float32Array.from(fill)), 'input']);
  const scaled = g.node('Div', [g.node('Sub', [filled, g.constant('prep/center', [width], Float32Array.from(center))]), g.constant('prep/scale', [width], Float32Array.from(scale))]);
  const indicators = g.node('Cast', [missing], [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }]);
  const both = g.node('Concat', [scaled, indicators], [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }]);
  const indices = g.int64Constant('prep/order', order);
  return g.node('Gather', [both, indices], [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }]);
}

/** The network's output → probabilities or values in the target's units. */
function headStage(g: GraphBuilder, pre: PreprocessingFile, out: string): { name: string; width: number } {
  if (pre.target.kind === 'classes') {
    const labels = pre.target.labels.length;
    let probs = out;
    if (pre.target.encoding === 'single') {
      const q = g.node('Sub', [g.constant('head/one', [1], Float32Array.of(1)), out]);
      probs = g.node('Concat', [q, out], [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }]);
    }
    g.node('Identity', [probs], [], 'probabilities');
    return { name: 'probabilities', width: labels };
  }
  const cols = pre.target.columns;
  const std = g.constant('head/std', [cols.length], Float32Array.from(cols, (c) => c.std));
  const mean = g.constant('head/mean', [cols.length], Float32Array.from(cols, (c) => c.mean));
  g.node('Add', [g.node('Mul', [out, std]), mean], [], 'values');
  return { name: 'values', width: cols.length };
}

function activation(g: GraphBuilder, kind: ActivationName, z: string): string {
  const float = (name: string, f: number) => ({ name, type: onnx.AttributeProto.AttributeType.FLOAT, f });
  switch (kind) {
    case 'linear': return z;
    case 'sigmoid': return g.node('Sigmoid', [z]);
    case 'tanh': return g.node('Tanh', [z]);
    case 'relu': return g.node('Relu', [z]);
    case 'leaky-relu': return g.node('LeakyRelu', [z], [float('alpha', 0.01)]);
    case 'elu': return g.node('Elu', [z], [float('alpha', 1)]);
    case 'softmax': return g.node('Softmax', [z], [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: -1 }]);
  }
}

function valueInfo(name: string, width: number): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'N' }, { dimValue: width }] } } },
  };
}

/** Collects nodes and initializers with unique, readable names. */
class GraphBuilder {
  readonly nodes: onnxProto.onnx.INodeProto[] = [];
  readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private count = 0;

  node(opType: string, input: string[], attribute: onnxProto.onnx.IAttributeProto[] = [], output?: string): string {
    const name = output ?? `${opType.toLowerCase()}_${this.count++}`;
    this.nodes.push({ opType, input, output: [name], name, attribute });
    return name;
  }

  constant(name: string, dims: number[], values: Float32Array): string {
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setFloat32(i * 4, v, true));
    this.initializers.push({ name, dims, dataType: FLOAT, rawData: bytes });
    return name;
  }

  int64Constant(name: string, values: number[]): string {
    const bytes = new Uint8Array(values.length * 8);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
    this.initializers.push({ name, dims: [values.length], dataType: INT64, rawData: bytes });
    return name;
  }
}
