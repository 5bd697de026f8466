import { describe, expect, it } from 'vitest';
import type { ExportValue } from '../../../../core/engine/protocol';
import { exportSize, exportText, onnxSummary, previewLines, tfjsSummary } from '../../../../renderer/src/components/export/summary';

describe('export previews', () => {
  it('keeps the first 40 lines and counts the rest', () => {
    const text = `${Array.from({ length: 45 }, (_, i) => `line ${i + 1}`).join('\n')}\n`;
    const preview = previewLines(text);
    expect(preview.text.split('\n')).toHaveLength(40);
    expect(preview.text.endsWith('line 40')).toBe(true);
    expect(preview.more).toBe(5);
    expect(previewLines('a\nb\n')).toEqual({ text: 'a\nb', more: 0 });
  });

  it('summarizes a TF.js model.json and an ONNX file from the spec', () => {
    const modelJson = {
      modelTopology: { config: { layers: [
        { class_name: 'Dense', config: { units: 8, batch_input_shape: [null, 4] } },
        { class_name: 'Dense', config: { units: 3 } },
      ] } },
      weightsManifest: [{ weights: [{ shape: [4, 8] }, { shape: [8] }, { shape: [8, 3] }, { shape: [3] }] }],
    };
    const tfjs: ExportValue = { format: 'tfjs', files: [{ name: 'model.json', text: JSON.stringify(modelJson) }, { name: 'weights.bin', bytes: new Uint8Array(268) }] };
    expect(tfjsSummary(tfjs)).toEqual({ inputs: 4, outputs: 3, layers: 2, parameters: 67, files: ['model.json', 'weights.bin'], bytes: JSON.stringify(modelJson).length + 268 });
    const onnx: ExportValue = { format: 'onnx', files: [{ name: 'model.onnx', bytes: new Uint8Array(1500) }] };
    const spec = { inputs: 4, loss: 'categoricalCrossEntropy', layers: [{ units: 8, activation: 'relu' }, { units: 3, activation: 'softmax' }] } as never;
    expect(onnxSummary(spec, onnx)).toMatchObject({ inputs: 4, outputs: 3, layers: 2, parameters: 67, bytes: 1500 });
    expect(exportSize(onnx)).toBe(1500);
    expect(exportText({ format: 'python', files: [{ name: 'model.py', text: 'import numpy' }] })).toBe('import numpy');
    expect(exportText({ format: 'native', text: '{}', files: [{ name: 'model.json', text: '{}' }] })).toBe('{}');
  });
});
